import { bothDatabases } from '@internal/test-utils';
import request from 'supertest';
import { asCi, GATEWAY, startScorecards } from './__testUtils__/scorecards';

jest.setTimeout(120_000);

// A CI token states facts only for the services that name it in their
// fintech-fast.example/ci-sources annotation (checkout-gateway names
// demo-ci-scorecards; marketing-site names none).

const databases = bothDatabases();

describe.each(databases.eachSupportedId())('CI facts (%s)', id => {
  it('takes facts only from a CI token bound to the service', async () => {
    const knex = await databases.init(id);
    const { server } = await startScorecards({ knex });
    const post = (subject: string, body: object) =>
      request(server)
        .post('/api/scorecards/facts')
        .set(asCi(subject))
        .send(body);

    const otherCi = await post('ci-marketing', {
      entityRef: GATEWAY,
      testCoverage: 99,
    });
    expect(otherCi.status).toBe(403);
    expect(otherCi.body.error.message).toBe(
      "This CI token ('ci-marketing') does not report for component:default/checkout-gateway: the entity's fintech-fast.example/ci-sources annotation must name it",
    );
    const unbound = await post('demo-ci-scorecards', {
      entityRef: 'component:default/marketing-site',
      testCoverage: 99,
    });
    expect(unbound.status).toBe(403);
    const [{ n }] = await knex('facts')
      .whereIn('source', ['ci-marketing', 'demo-ci-scorecards'])
      .count({ n: '*' });
    expect(Number(n)).toBe(0);

    const own = await post('demo-ci-scorecards', {
      entityRef: GATEWAY,
      testCoverage: 80,
    });
    expect(own.status).toBe(202);
  });

  it('refuses facts for an entity that does not exist with a 404', async () => {
    const knex = await databases.init(id);
    const { server } = await startScorecards({ knex });
    const res = await request(server)
      .post('/api/scorecards/facts')
      .set(asCi())
      .send({
        entityRef: 'component:default/no-such-service',
        testCoverage: 80,
      });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'No entity component:default/no-such-service',
    );
  });
});
