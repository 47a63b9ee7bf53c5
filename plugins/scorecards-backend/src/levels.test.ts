import { bothDatabases } from '@internal/test-utils';
import request from 'supertest';
import {
  asUser,
  GATEWAY,
  PRIYA,
  startScorecards,
} from './__testUtils__/scorecards';

jest.setTimeout(120_000);

const databases = bothDatabases();
const MARKETING = 'component:default/marketing-site';

describe.each(databases.eachSupportedId())('GET /levels (%s)', id => {
  it('answers a page of services in one request, with the next steps of failed checks', async () => {
    const { server } = await startScorecards({
      knex: await databases.init(id),
    });
    for (const entityRef of [GATEWAY, MARKETING]) {
      await request(server)
        .post('/api/scorecards/recheck')
        .set(asUser(PRIYA))
        .send({ entityRef });
    }
    const res = await request(server)
      .get('/api/scorecards/levels')
      .query(
        `entityRef=${encodeURIComponent(
          MARKETING,
        )}&entityRef=checkout-gateway&entityRef=component:default/unknown`,
      )
      .set(asUser(PRIYA));
    expect(res.status).toBe(200);
    // Asked order; unknown services left out; short refs normalised.
    expect(res.body.items.map((i: any) => i.entityRef)).toEqual([
      MARKETING,
      GATEWAY,
    ]);
    const gateway = res.body.items[1];
    expect(gateway.ownerRef).toBe('group:default/checkout-core-team');
    expect(gateway.scorecards).toContainEqual({
      scorecardId: 'production-readiness',
      title: expect.any(String),
      level: 'Bronze',
      nextLevel: 'Silver',
    });
    expect(gateway.failing).toContainEqual({
      scorecardId: 'production-readiness',
      checkId: 'coverage',
      title: expect.any(String),
      level: 'Silver',
      nextStep: expect.objectContaining({
        text: expect.stringContaining('80%'),
      }),
    });
    // Lowest levels first: what to do next leads.
    const order = ['Bronze', 'Silver', 'Gold'];
    const levels = gateway.failing
      .filter((f: any) => f.scorecardId === 'production-readiness')
      .map((f: any) => order.indexOf(f.level));
    expect(levels).toEqual([...levels].sort());
  });

  it('refuses a bad or oversized query with a 400', async () => {
    const { server } = await startScorecards({
      knex: await databases.init(id),
    });
    const none = await request(server)
      .get('/api/scorecards/levels')
      .set(asUser(PRIYA));
    expect(none.status).toBe(400);
    const many = await request(server)
      .get('/api/scorecards/levels')
      .query(Array.from({ length: 101 }, (_, i) => `entityRef=c${i}`).join('&'))
      .set(asUser(PRIYA));
    expect(many.status).toBe(400);
    const bad = await request(server)
      .get('/api/scorecards/levels?entityRef=component:default/')
      .set(asUser(PRIYA));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('entityRef');
    const anonymous = await request(server).get(
      `/api/scorecards/levels?entityRef=${GATEWAY}`,
    );
    expect(anonymous.status).toBe(401);
  });
});
