import { bothDatabases } from '@internal/test-utils';
import request from 'supertest';
import { asCi, GATEWAY, startScorecards } from './__testUtils__/scorecards';

jest.setTimeout(120_000);

const databases = bothDatabases();

describe.each(databases.eachSupportedId())('scorecards writes on %p', id => {
  it('limits one caller with 429 and Retry-After, not another', async () => {
    const { server } = await startScorecards({
      knex: await databases.init(id),
    });
    const fact = (subject: string) =>
      request(server)
        .post('/api/scorecards/facts')
        .set(asCi(subject))
        .send({ entityRef: GATEWAY, testCoverage: 80 });
    // 120 writes a minute per caller.
    for (let i = 0; i < 120; i++) {
      expect((await fact('ci-busy')).status).toBeLessThan(429);
    }
    const refused = await fact('ci-busy');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.error.message).toMatch(
      /^Too many requests to scorecards: at most 120 per 60 seconds/,
    );
    expect((await fact('ci-other')).status).toBeLessThan(429);
  });
});
