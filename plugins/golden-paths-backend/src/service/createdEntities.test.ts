import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { component, template } from '../testUtils';
import { createdEntitiesReadModel } from './createdEntities';

it('reads the created entities once, then refreshes them behind stale answers', async () => {
  const catalog = catalogServiceMock({
    entities: [
      template('nodejs-api', '2.0.0', []),
      component('payouts-service', 'payouts-team', {
        'backstage.io/source-template': 'template:default/nodejs-api',
      }),
      component('hand-made', 'payouts-team'),
    ],
  });
  const getEntities = jest.spyOn(catalog, 'getEntities');
  let now = 0;
  const created = createdEntitiesReadModel({
    catalog,
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    ttlSeconds: 30,
    clock: () => now,
  });

  const [a, b] = await Promise.all([created(), created()]);
  expect(a.map(e => e.metadata.name)).toContain('payouts-service');
  expect(getEntities.mock.calls[0][0]?.filter).toMatchObject({
    kind: ['Component', 'Resource'],
  });
  expect(b).toBe(a);
  expect(getEntities).toHaveBeenCalledTimes(1);

  now = 29_000;
  expect(await created()).toBe(a);
  expect(getEntities).toHaveBeenCalledTimes(1);

  now = 31_000;
  expect(await created()).toBe(a);
  expect(getEntities).toHaveBeenCalledTimes(2);
  await new Promise(resolve => setImmediate(resolve));
  const fresh = await created();
  expect(fresh).not.toBe(a);
  expect(fresh.map(e => e.metadata.name)).toContain('payouts-service');
});
