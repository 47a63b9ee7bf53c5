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
        created: 1,
        teams: [{ ownerRef: 'group:default/payouts-team', count: 1 }],
      }),
    ]);

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
  });

  it('answers bad input and unknown entities with 4xx', async () => {
    const server = await start();
    const bad = await request(server)
      .get('/api/golden-paths/usage?weeks=0')
      .set(auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Invalid query: weeks/);
    const missing = await request(server)
      .get('/api/golden-paths/drift/component/default/nope')
      .set(auth);
    expect(missing.status).toBe(404);
    const anonymous = await request(server).get('/api/golden-paths/paths');
    expect(anonymous.status).toBe(401);
  });
});
