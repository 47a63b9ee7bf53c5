import { MetricsStore } from '../database/MetricsStore';
import { createService } from '../__testUtils__/fixtures';
import { bothDatabases } from '@internal/test-utils';

jest.setTimeout(60_000);

const databases = bothDatabases();

const deployment = (id: string, deployedAt: string) => ({
  id,
  entityRef: 'component:default/svc-a',
  environment: 'production',
  status: 'success' as const,
  deployedAt,
  commitShas: [],
  rollback: false,
  hotfix: false,
});

describe.each(databases.eachSupportedId())('organisation numbers on %s', id => {
  it('are reused between reads and fresh after every write', async () => {
    const knex = await databases.init(id);
    const store = await MetricsStore.create({
      database: { getClient: async () => knex },
    });
    const { service } = createService(store);
    const org = () => service.dora({ window: 7, granularity: 'day' });

    await service.ingestDeployments('api', [
      deployment('D1', '2026-11-16T10:00:00Z'),
    ]);
    const first = await org();
    expect(first.eventCount.deployments).toBe(1);
    // Unchanged rollups: the same numbers, not recomputed.
    expect((await org()).metrics).toBe(first.metrics);

    await service.ingestDeployments('api', [
      deployment('D2', '2026-11-17T10:00:00Z'),
    ]);
    expect((await org()).eventCount.deployments).toBe(2);

    // A write that fails half way leaves the numbers as they were.
    await expect(
      store.events.ingestDeployments(
        [
          {
            source: 'api',
            externalId: 'D3',
            entityRef: 'component:default/svc-a',
            mappingKind: null,
            mappingKey: null,
            environment: 'production',
            isProduction: true,
            status: 'success',
            deployedAt: '2026-11-18T10:00:00.000Z',
            rollback: false,
            hotfix: false,
            commitShas: [],
          },
        ],
        { failAfterWrite: true },
      ),
    ).rejects.toThrow('Simulated failure');
    expect((await org()).eventCount.deployments).toBe(2);

    await store.rollups.rebuild();
    expect((await org()).eventCount.deployments).toBe(2);
  });
});
