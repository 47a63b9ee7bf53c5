import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { goldenPathsPlugin } from './plugin';
import { component, template } from './testUtils';

describe('golden-paths plugin', () => {
  async function start() {
    const { server } = await startTestBackend({
      features: [
        goldenPathsPlugin,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        catalogServiceMock.factory({
          entities: [
            template('nodejs-api', '2.0.0', [
              { version: '2.0.0', changes: ['Express 5'] },
              { version: '1.4.0', changes: ['Trivy scan'] },
            ]),
            component('payouts-service', 'payouts-team', {
              'backstage.io/source-template': 'template:default/nodejs-api',
              'fintech-fast.example/template-version': '1.4.0',
              'fintech-fast.example/created-at': new Date().toISOString(),
            }),
            component('orders-api', 'checkout-core-team', {
              'backstage.io/source-template': 'template:default/nodejs-api',
              'fintech-fast.example/template-version': '2.0.0',
            }),
            component('ledger-api', 'payouts-team', {
              'backstage.io/source-template': 'template:default/nodejs-api',
              'fintech-fast.example/template-version': '1.5.0',
            }),
            component('hand-made', 'payouts-team'),
          ],
        }),
      ],
    });
    return server;
  }
  const auth = { Authorization: mockCredentials.user.header() };

  it('serves paths, drift and usage', async () => {
    const server = await start();
    const paths = await request(server)
      .get('/api/golden-paths/paths')
      .set(auth);
    expect(paths.status).toBe(200);
    expect(paths.body.items).toEqual([
      expect.objectContaining({
        name: 'nodejs-api',
        currentVersion: '2.0.0',
        created: 3,
        drifted: 2,
        teams: [
          { ownerRef: 'group:default/payouts-team', count: 2 },
          { ownerRef: 'group:default/checkout-core-team', count: 1 },
        ],
      }),
    ]);

    const all = await request(server).get('/api/golden-paths/drift').set(auth);
    expect(all.status).toBe(200);
    expect(all.body.items.map((d: any) => d.entityRef)).toEqual([
      'component:default/payouts-service',
      'component:default/ledger-api',
    ]);
    expect(all.body.totalItems).toBe(2);
    // In pages, and per path.
    const second = await request(server)
      .get('/api/golden-paths/drift?limit=1&offset=1')
      .set(auth);
    expect(second.body).toEqual({
      items: [
        expect.objectContaining({ entityRef: 'component:default/ledger-api' }),
      ],
      totalItems: 2,
    });
    const ofPath = await request(server)
      .get('/api/golden-paths/drift?templateRef=Template:default/nodejs-api')
      .set(auth);
    expect(ofPath.body.totalItems).toBe(2);
    const ofOther = await request(server)
      .get('/api/golden-paths/drift?templateRef=template:default/other')
      .set(auth);
    expect(ofOther.body).toEqual({ items: [], totalItems: 0 });

    const drift = await request(server)
      .get('/api/golden-paths/drift/component/default/payouts-service')
      .set(auth);
    expect(drift.body.drift).toMatchObject({
      version: '1.4.0',
      currentVersion: '2.0.0',
      missing: [{ version: '2.0.0', changes: ['Express 5'] }],
    });
    const none = await request(server)
      .get('/api/golden-paths/drift/component/default/hand-made')
      .set(auth);
    expect(none.body).toEqual({ drift: null });

    const usage = await request(server)
      .get('/api/golden-paths/usage?weeks=4')
      .set(auth);
    expect(usage.body.weeks).toHaveLength(4);
    // payouts-service was created this week; orders-api has no creation time.
    expect(usage.body.weeks[3].counts).toEqual({
      'template:default/nodejs-api': 1,
    });
    const defaults = await request(server)
      .get('/api/golden-paths/usage')
      .set(auth);
    expect(defaults.body.weeks).toHaveLength(26);
  });

  it('answers bad input and unknown entities with 4xx', async () => {
    const server = await start();
    const bad = await request(server)
      .get('/api/golden-paths/usage?weeks=0')
      .set(auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Invalid query: weeks/);
    for (const query of ['weeks=abc', 'weeks=105', 'weeks=2.5', 'week=4']) {
      const res = await request(server)
        .get(`/api/golden-paths/usage?${query}`)
        .set(auth);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
    }
    for (const [query, says] of [
      ['limit=0', /limit: must be at least 1/],
      ['limit=501', /limit: /],
      ['offset=-1', /offset: must be a whole number/],
      ['templateRef=nodejs-api', /templateRef: must be a template reference/],
      ['page=2', /unknown parameter 'page'/],
    ] as const) {
      const res = await request(server)
        .get(`/api/golden-paths/drift?${query}`)
        .set(auth);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(says);
    }
    const missing = await request(server)
      .get('/api/golden-paths/drift/component/default/nope')
      .set(auth);
    expect(missing.status).toBe(404);
    const anonymous = await request(server).get('/api/golden-paths/paths');
    expect(anonymous.status).toBe(401);
  });
});
