import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { goldenPathsPlugin } from '../plugin';
import { component } from '../testUtils';

describe('GET /api/golden-paths/names', () => {
  async function start() {
    const { server } = await startTestBackend({
      features: [
        goldenPathsPlugin,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        catalogServiceMock.factory({
          entities: [
            component('orders-api', 'checkout-core-team'),
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Resource',
              metadata: { name: 'orders-db', namespace: 'default' },
              spec: { type: 'database', owner: 'group:default/payouts-team' },
            },
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'API',
              metadata: { name: 'payouts-api', namespace: 'default' },
              spec: { type: 'openapi', owner: 'group:default/payouts-team' },
            },
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'System',
              metadata: { name: 'payments', namespace: 'default' },
              spec: { owner: 'group:default/payouts-team' },
            },
          ],
        }),
      ],
    });
    return server;
  }
  const auth = { Authorization: mockCredentials.user.header() };

  it('says whether a new component, resource or API may take a name', async () => {
    const server = await start();
    const names = (name: string) =>
      request(server).get('/api/golden-paths/names').query({ name }).set(auth);

    expect((await names('orders-api')).body).toEqual({
      name: 'orders-api',
      available: false,
      takenBy: 'component:default/orders-api',
    });
    expect((await names('orders-db')).body).toEqual({
      name: 'orders-db',
      available: false,
      takenBy: 'resource:default/orders-db',
    });
    // A service path registers an API of its name too.
    expect((await names('payouts-api')).body).toEqual({
      name: 'payouts-api',
      available: false,
      takenBy: 'api:default/payouts-api',
    });
    // Only what a golden path creates competes for the name.
    expect((await names('payments')).body).toEqual({
      name: 'payments',
      available: true,
    });
    expect((await names('refunds-api')).body).toEqual({
      name: 'refunds-api',
      available: true,
    });
  });

  it('answers a name that is not a DNS label, or no name, with a 400 sentence', async () => {
    const server = await start();
    for (const query of [
      { name: 'Orders_API' },
      { name: 'x'.repeat(64) },
      {},
      { name: 'ok', extra: '1' },
    ]) {
      const res = await request(server)
        .get('/api/golden-paths/names')
        .query(query)
        .set(auth);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^Invalid query: /);
    }
    const bad = await request(server)
      .get('/api/golden-paths/names')
      .query({ name: 'Orders_API' })
      .set(auth);
    expect(bad.body.error.message).toContain(
      'must be lowercase letters, digits and hyphens',
    );
  });

  it('is for signed-in users only', async () => {
    const server = await start();
    await request(server)
      .get('/api/golden-paths/names')
      .query({ name: 'orders-api' })
      .expect(401);
  });
});
