import {
  bandsQuerySchema,
  lowestBand,
} from '@internal/plugin-platform-metrics-common';
import { MetricsStore } from '../database/MetricsStore';
import { createService } from '../__testUtils__/fixtures';
import { bothDatabases } from '@internal/test-utils';

jest.setTimeout(60_000);

const databases = bothDatabases();

const deployment = (id: string, svc: string, deployedAt: string) => ({
  id,
  entityRef: `component:default/${svc}`,
  environment: 'production',
  status: 'success' as const,
  deployedAt,
  commitShas: [],
  rollback: false,
  hotfix: false,
});

describe.each(databases.eachSupportedId())(
  'bands of a page of entities on %s',
  id => {
    it('gives each entity the band its DORA page shows and its latest deploy', async () => {
      const knex = await databases.init(id);
      const store = await MetricsStore.create({
        database: { getClient: async () => knex },
      });
      const { service } = createService(store);
      await service.ingestDeployments('api', [
        deployment('A1', 'svc-a', '2026-11-12T10:00:00Z'),
        deployment('A2', 'svc-a', '2026-11-16T10:00:00Z'),
        deployment('A3', 'svc-a', '2026-11-19T10:00:00Z'),
        // Before the 30-day window: no band, but still the latest deploy.
        deployment('B1', 'svc-b', '2026-10-10T10:00:00Z'),
      ]);

      const { window, items } = await service.bands({
        entityRef: ['svc-b', 'component:default/svc-a', 'svc-c'],
        window: 30,
      });
      expect(window.days).toBe(30);
      expect(items.map(i => i.entityRef)).toEqual([
        'component:default/svc-b',
        'component:default/svc-a',
        'component:default/svc-c',
      ]);
      const { metrics } = await service.dora({
        entityRef: 'component:default/svc-a',
        window: 30,
        granularity: 'week',
      });
      const pageBand = lowestBand([
        metrics.deploymentFrequency.band,
        metrics.leadTime.band,
        metrics.changeFailureRate.band,
        metrics.timeToRestore.band,
      ]);
      expect(pageBand).not.toBe('none');
      expect(items[1]).toEqual({
        entityRef: 'component:default/svc-a',
        band: pageBand,
        lastDeployDay: '2026-11-19',
      });
      expect(items[0]).toEqual({
        entityRef: 'component:default/svc-b',
        band: 'none',
        lastDeployDay: '2026-10-10',
      });
      expect(items[2]).toEqual({
        entityRef: 'component:default/svc-c',
        band: 'none',
        lastDeployDay: null,
      });
    });
  },
);

describe('GET /bands query', () => {
  it('takes one or up to 100 refs and a known window', () => {
    expect(bandsQuerySchema.parse({ entityRef: 'svc-a' })).toEqual({
      entityRef: ['svc-a'],
      window: 30,
    });
    const many = Array.from({ length: 101 }, (_, i) => `c${i}`);
    expect(bandsQuerySchema.safeParse({ entityRef: many }).success).toBe(false);
    expect(
      bandsQuerySchema.safeParse({ entityRef: 'a', window: '31' }).success,
    ).toBe(false);
    expect(bandsQuerySchema.safeParse({}).success).toBe(false);
  });
});
