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
  const streamEntities = jest.spyOn(catalog, 'streamEntities');
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
  expect(streamEntities.mock.calls[0][0]?.filter).toMatchObject({
    kind: ['Component', 'Resource'],
  });
  expect(b).toBe(a);
  expect(streamEntities).toHaveBeenCalledTimes(1);

  now = 29_000;
  expect(await created()).toBe(a);
  expect(streamEntities).toHaveBeenCalledTimes(1);

  now = 31_000;
  expect(await created()).toBe(a);
  expect(streamEntities).toHaveBeenCalledTimes(2);
  await new Promise(resolve => setImmediate(resolve));
  const fresh = await created();
  expect(fresh).not.toBe(a);
  expect(fresh.map(e => e.metadata.name)).toContain('payouts-service');
});

it('counts them behind requests at most every few seconds, and reads them again when the count changed', async () => {
  const payouts = component('payouts-service', 'payouts-team', {
    'backstage.io/source-template': 'template:default/nodejs-api',
  });
  const catalog = catalogServiceMock({ entities: [payouts] });
  const queryEntities = jest.spyOn(catalog, 'queryEntities');
  const streamEntities = jest.spyOn(catalog, 'streamEntities');
  // The counts, not the pages of the list's own read.
  const counts = () =>
    queryEntities.mock.calls.filter(
      ([req]) => req && 'limit' in req && req.limit === 1,
    ).length;
  const settled = () => new Promise(resolve => setTimeout(resolve, 10));
  let now = 0;
  const created = createdEntitiesReadModel({
    catalog,
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    countEverySeconds: 5,
    clock: () => now,
  });

  await created();
  now = 4_000;
  await created();
  await settled();
  // The first read counted them: no count yet.
  expect(counts()).toBe(0);

  now = 5_000;
  await Promise.all([created(), created(), created()]);
  await settled();
  expect(counts()).toBe(1);
  // Same count: the list was not read again.
  expect(streamEntities).toHaveBeenCalledTimes(1);

  // One more in the catalog: the next count after 5 s reads the list again.
  queryEntities.mockResolvedValueOnce({
    items: [],
    totalItems: 2,
    pageInfo: {},
  });
  now = 9_000;
  await created();
  await settled();
  expect(counts()).toBe(1);
  now = 10_000;
  expect(await created()).toHaveLength(1);
  await settled();
  expect(counts()).toBe(2);
  expect(streamEntities).toHaveBeenCalledTimes(2);
});
