// Over 400 lines: the hand-computed history and every number derived from it.
import { Knex } from 'knex';
import { MetricsStore } from '../database/MetricsStore';
import {
  createService,
  ENTITIES,
  ingestHistory,
  SHA,
} from '../__testUtils__/fixtures';
import { bothDatabases } from '@internal/test-utils';

jest.setTimeout(60_000);

const databases = bothDatabases();

const SVC_A = 'component:default/svc-a';

describe.each(databases.eachSupportedId())('metrics on %s', id => {
  let knex: Knex;
  let store: MetricsStore;
  let ctx: ReturnType<typeof createService>;

  beforeEach(async () => {
    knex = await databases.init(id);
    store = await MetricsStore.create({
      database: { getClient: async () => knex },
    });
    ctx = createService(store);
  });

  it('reports no data, not zeros, without deployments', async () => {
    const res = await ctx.service.dora({
      entityRef: SVC_A,
      window: 7,
      granularity: 'day',
    });
    expect(res.metrics.deploymentFrequency).toEqual({
      value: null,
      unit: 'deploys/day',
      band: 'none',
      previous: null,
      sampleSize: 0,
    });
    expect(res.metrics.leadTime.value).toBeNull();
    expect(res.metrics.changeFailureRate.band).toBe('none');
    expect(res.metrics.timeToRestore.value).toBeNull();
    expect(res.trend).toHaveLength(7);
    expect(res.eventCount).toEqual({
      deployments: 0,
      changes: 0,
      incidents: 0,
    });
  });

  it('computes the four keys and rework rate for a component', async () => {
    await ingestHistory(ctx.service);
    const res = await ctx.service.dora({
      entityRef: SVC_A,
      window: 7,
      granularity: 'day',
    });
    expect(res.scope).toEqual({
      kind: 'component',
      entityRef: SVC_A,
      title: 'svc-a',
      componentCount: 1,
    });
    expect(res.window).toEqual({
      days: 7,
      from: '2026-11-14T00:00:00.000Z',
      to: '2026-11-20T12:00:00.000Z',
    });
    const m = res.metrics;
    // D1, D2, D5 succeeded in production (D4 is staging): 3 in 7 days, on
    // 3 distinct days of the one 7-day block: elite.
    expect(m.deploymentFrequency).toMatchObject({
      value: 3 / 7,
      band: 'elite',
      sampleSize: 3,
      previous: null,
    });
    // c1 4 h (its time zone applied, counted once at D1), c2 6 h, c3 10 h; c4 dropped.
    expect(m.leadTime).toMatchObject({
      value: 6,
      band: 'elite',
      sampleSize: 3,
    });
    // D3 failed, D2 caused I2: 2 of 4 production deployments.
    expect(m.changeFailureRate).toMatchObject({
      value: 0.5,
      band: 'low',
      sampleSize: 4,
    });
    // I1 (28 h, opened before the window) and I2 (1 h); I3 is still open.
    expect(m.timeToRestore).toMatchObject({
      value: 14.5,
      band: 'high',
      sampleSize: 2,
    });
    expect(m.reworkRate).toMatchObject({
      value: 0.25,
      band: 'none',
      sampleSize: 4,
    });
    expect(res.eventCount).toEqual({
      deployments: 4,
      changes: 3,
      incidents: 2,
    });

    expect(res.trend.map(p => p.period)).toEqual([
      '2026-11-14',
      '2026-11-15',
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
    ]);
    expect(res.trend[0]).toEqual({
      period: '2026-11-14',
      deployments: 0,
      failedDeployments: 0,
      deploymentFrequency: null,
      leadTimeHours: null,
      changeFailureRate: null,
      timeToRestoreHours: 28,
    });
    expect(res.trend[2]).toMatchObject({
      deployments: 1,
      leadTimeHours: 5,
      changeFailureRate: 0,
    });
    expect(res.trend[3]).toMatchObject({
      deployments: 1,
      failedDeployments: 1,
      leadTimeHours: 10,
      changeFailureRate: 1,
      timeToRestoreHours: 1,
    });
  });

  it('includes sub-teams in a team and compares with the previous window', async () => {
    await ingestHistory(ctx.service);
    const res = await ctx.service.dora({
      entityRef: 'group:default/team-a',
      window: 7,
      granularity: 'week',
    });
    expect(res.scope).toMatchObject({ kind: 'team', componentCount: 2 });
    // D6 (10 Nov) and D7 (13 Nov in UTC) of svc-b are in the previous window.
    expect(res.metrics.deploymentFrequency.previous).toBe(2 / 7);
    expect(res.metrics.leadTime.previous).toBe(48);
    expect(res.metrics.changeFailureRate.previous).toBe(0);
    expect(res.metrics.deploymentFrequency.value).toBe(3 / 7);
    // Weeks start on Monday: 9 November (only 14-15 in the window) and 16 November.
    expect(
      res.trend.map(p => [p.period, p.deployments, p.timeToRestoreHours]),
    ).toEqual([
      ['2026-11-09', 0, 28],
      ['2026-11-16', 4, 1],
    ]);

    const sub = await ctx.service.dora({
      entityRef: 'group:default/team-sub',
      window: 7,
      granularity: 'week',
    });
    expect(sub.scope.componentCount).toBe(1);
    expect(sub.metrics.deploymentFrequency.value).toBeNull();

    const system = await ctx.service.dora({
      entityRef: 'system:default/payments',
      window: 30,
      granularity: 'week',
    });
    expect(system.scope).toMatchObject({
      kind: 'system',
      title: 'Payments',
      componentCount: 2,
    });
    // 30 days: svc-a's 3 and svc-b's 2 successful deployments.
    expect(system.metrics.deploymentFrequency.sampleSize).toBe(5);
    expect(system.metrics.leadTime.value).toBe(8); // median of 4, 6, 10, 48
  });

  it('lists teams with their sub-teams, bands and golden-path share', async () => {
    await ingestHistory(ctx.service);
    const res = await ctx.service.teams({ window: 7 });
    expect(res.teams.map(t => t.entityRef)).toEqual([
      'group:default/team-a',
      'group:default/team-other',
      'group:default/team-sub',
    ]);
    const [a, other, sub] = res.teams;
    expect(a).toMatchObject({
      services: 2,
      goldenPathShare: 0.5,
      overallBand: 'low',
      parent: 'group:default/org',
    });
    expect(a.metrics.leadTime.value).toBe(6);
    expect(other).toMatchObject({
      services: 0,
      goldenPathShare: null,
      overallBand: 'none',
    });
    expect(sub).toMatchObject({ services: 1, goldenPathShare: 0 });
  });

  it('computes adoption', async () => {
    await ingestHistory(ctx.service);
    const res = await ctx.service.adoption({ window: 30 });
    expect(res.goldenPathAdoption).toEqual({
      ratio: 1 / 3,
      numerator: 1,
      denominator: 3,
    });
    expect(res.newComponentsAdoption).toEqual({
      ratio: 1,
      numerator: 1,
      denominator: 1,
    });
    // svc-a: created 1 Nov 00:00, first production success D1 on 16 Nov 10:00.
    expect(res.timeToFirstDeploy).toEqual({
      medianHours: 15 * 24 + 10,
      sampleSize: 1,
    });
    // orders-db (template) and legacy-db (by hand) in the window; old-cache before it.
    expect(res.selfServiceRatio).toEqual({
      ratio: 0.5,
      numerator: 1,
      denominator: 2,
    });
    expect(res.ownershipCoverage).toEqual({
      ratio: 2 / 3,
      numerator: 2,
      denominator: 3,
      zombies: [
        {
          entityRef: 'component:default/svc-c',
          owner: 'group:default/ghost-team',
        },
      ],
    });
    const team = await ctx.service.adoption({
      window: 30,
      entityRef: 'group:default/team-a',
    });
    expect(team.goldenPathAdoption).toEqual({
      ratio: 0.5,
      numerator: 1,
      denominator: 2,
    });
    expect(
      team.perTeam.map(t => [t.entityRef, t.numerator, t.denominator]),
    ).toEqual([
      ['group:default/team-a', 1, 2],
      ['group:default/team-sub', 0, 1],
    ]);
  });

  it('lists the events behind the numbers', async () => {
    await ingestHistory(ctx.service);
    const deployments = await ctx.service.events({
      entityRef: SVC_A,
      window: 7,
      type: 'deployment',
      limit: 2,
      offset: 0,
    });
    expect(deployments.total).toBe(5);
    expect(deployments.items.map(i => i.details.externalId)).toEqual([
      'D5',
      'D4',
    ]);
    const changes = await ctx.service.events({
      entityRef: SVC_A,
      window: 7,
      type: 'change',
      limit: 50,
      offset: 0,
    });
    expect(changes.total).toBe(4);
    const c1 = changes.items.find(i => i.details.sha === SHA.c1)!;
    expect(c1.details.leadTimeHours).toBe(4);
    const incidents = await ctx.service.events({
      entityRef: SVC_A,
      window: 7,
      type: 'incident',
      limit: 50,
      offset: 0,
    });
    expect(incidents.items.map(i => i.details.externalId).sort()).toEqual([
      'I1',
      'I2',
      'I3',
    ]);
  });

  it('ignores redelivered events', async () => {
    await ingestHistory(ctx.service);
    const before = await ctx.service.dora({
      entityRef: SVC_A,
      window: 7,
      granularity: 'day',
    });
    const rollups = await knex('pm_daily_rollups').orderBy([
      'entity_ref',
      'day',
    ]);
    await expect(
      ctx.service.ingestDeployments('api', [
        {
          id: 'D1',
          repository: 'acme/svc-a',
          environment: 'production',
          status: 'success',
          commitShas: [SHA.c1, SHA.c2],
          deployedAt: '2026-11-16T10:00:00Z',
          rollback: false,
          hotfix: false,
        },
      ]),
    ).resolves.toEqual({ accepted: 0, duplicates: 1, unmapped: 0 });
    await expect(
      ctx.service.ingestIncidents('api', [
        {
          id: 'I2',
          repository: 'acme/svc-a',
          createdAt: '2026-11-17T12:00:00Z',
          resolvedAt: '2026-11-17T13:00:00Z',
          causeDeploymentId: 'D2',
        },
      ]),
    ).resolves.toMatchObject({ accepted: 0, duplicates: 1 });
    await expect(
      ctx.service.ingestChanges('api', [
        {
          sha: SHA.c3,
          repository: 'acme/svc-a',
          authoredAt: '2026-11-17T00:00:00Z',
        },
      ]),
    ).resolves.toMatchObject({ accepted: 0, duplicates: 1 });
    expect(
      await knex('pm_daily_rollups').orderBy(['entity_ref', 'day']),
    ).toEqual(rollups);
    expect(
      await ctx.service.dora({
        entityRef: SVC_A,
        window: 7,
        granularity: 'day',
      }),
    ).toEqual(before);
    const [{ n }] = await knex('pm_deployments').count({ n: '*' });
    expect(Number(n)).toBe(7);
  });

  it('updates an incident when it is resolved later', async () => {
    await ctx.service.ingestIncidents('pagerduty', [
      {
        id: 'PD1',
        pagerdutyServiceId: 'PSVCA01',
        createdAt: '2026-11-18T10:00:00Z',
      },
    ]);
    let res = await ctx.service.dora({
      entityRef: SVC_A,
      window: 7,
      granularity: 'day',
    });
    expect(res.metrics.timeToRestore.value).toBeNull();
    await ctx.service.ingestIncidents('pagerduty', [
      {
        id: 'PD1',
        pagerdutyServiceId: 'PSVCA01',
        createdAt: '2026-11-18T10:00:00Z',
        resolvedAt: '2026-11-18T12:30:00Z',
      },
    ]);
    // A late "triggered" redelivery does not reopen it.
    await ctx.service.ingestIncidents('pagerduty', [
      {
        id: 'PD1',
        pagerdutyServiceId: 'PSVCA01',
        createdAt: '2026-11-18T10:00:00Z',
      },
    ]);
    res = await ctx.service.dora({
      entityRef: SVC_A,
      window: 7,
      granularity: 'day',
    });
    expect(res.metrics.timeToRestore.value).toBe(2.5);
  });

  it('counts a change at its first deployment even when that arrives last', async () => {
    await ctx.service.ingestChanges('api', [
      { sha: SHA.c1, entityRef: SVC_A, authoredAt: '2026-11-16T00:00:00Z' },
    ]);
    const deploy = (deploymentId: string, deployedAt: string) => ({
      id: deploymentId,
      entityRef: SVC_A,
      environment: 'production',
      status: 'success' as const,
      commitShas: [SHA.c1],
      deployedAt,
      rollback: false,
      hotfix: false,
    });
    await ctx.service.ingestDeployments('api', [
      deploy('late', '2026-11-18T00:00:00Z'),
    ]);
    await ctx.service.ingestDeployments('api', [
      deploy('early', '2026-11-17T00:00:00Z'),
    ]);
    const res = await ctx.service.dora({
      entityRef: SVC_A,
      window: 7,
      granularity: 'day',
    });
    expect(res.metrics.leadTime).toMatchObject({ value: 24, sampleSize: 1 });
    expect(
      res.trend.find(p => p.period === '2026-11-18')!.leadTimeHours,
    ).toBeNull();
  });

  it('keeps unknown repositories and maps them once the catalog knows them', async () => {
    const result = await ctx.service.ingestDeployments('api', [
      {
        id: 'X1',
        repository: 'acme/new-svc',
        environment: 'production',
        status: 'success',
        commitShas: [],
        deployedAt: '2026-11-19T10:00:00Z',
        rollback: false,
        hotfix: false,
      },
    ]);
    expect(result).toEqual({ accepted: 1, duplicates: 0, unmapped: 1 });
    const unmapped = await ctx.service.unmapped();
    expect(unmapped.items).toEqual([
      expect.objectContaining({
        source: 'api',
        key: 'acme/new-svc',
        events: 1,
      }),
    ]);
    ctx.setCatalog([
      ...ENTITIES,
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'new-svc',
          annotations: { 'github.com/project-slug': 'Acme/New-Svc' },
        },
        spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
      },
    ]);
    const res = await ctx.service.dora({
      entityRef: 'component:default/new-svc',
      window: 7,
      granularity: 'day',
    });
    expect(res.metrics.deploymentFrequency.sampleSize).toBe(1);
    expect((await ctx.service.unmapped()).items).toEqual([]);
  });

  it('writes nothing when a batch fails half way', async () => {
    await ingestHistory(ctx.service);
    const rollups = await knex('pm_daily_rollups').orderBy([
      'entity_ref',
      'day',
    ]);
    await expect(
      store.events.ingestDeployments(
        [
          {
            source: 'api',
            externalId: 'half',
            entityRef: SVC_A,
            mappingKind: null,
            mappingKey: null,
            environment: 'production',
            isProduction: true,
            status: 'success',
            deployedAt: '2026-11-19T15:00:00.000Z',
            rollback: false,
            hotfix: false,
            commitShas: [SHA.c3],
          },
        ],
        { failAfterWrite: true },
      ),
    ).rejects.toThrow('Simulated failure');
    expect(await knex('pm_deployments').where('external_id', 'half')).toEqual(
      [],
    );
    expect(
      await knex('pm_daily_rollups').orderBy(['entity_ref', 'day']),
    ).toEqual(rollups);
  });

  it('rebuilds the rollups to the same numbers', async () => {
    await ingestHistory(ctx.service);
    const rollups = await knex('pm_daily_rollups').orderBy([
      'entity_ref',
      'day',
    ]);
    expect(rollups.length).toBeGreaterThan(0);
    await knex('pm_daily_rollups').update({ deployments: 99 });
    await expect(ctx.service.rebuild()).resolves.toEqual({
      rows: rollups.length,
    });
    expect(
      await knex('pm_daily_rollups').orderBy(['entity_ref', 'day']),
    ).toEqual(rollups);
  });

  it('keeps the rollups right when batches for the same day arrive at once', async () => {
    // Eight CI systems report deployments of the same service and day at once.
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, b) =>
        ctx.service.ingestDeployments(
          'api',
          Array.from({ length: 25 }, (__, i) => ({
            id: `parallel-${b}-${i}`,
            entityRef: SVC_A,
            environment: 'production',
            status: i % 5 === 0 ? ('failure' as const) : ('success' as const),
            deployedAt: `2026-11-19T${String(8 + (i % 10)).padStart(
              2,
              '0',
            )}:00:00Z`,
            commitShas: [],
            rollback: false,
            hotfix: false,
          })),
        ),
      ),
    );
    expect(results.map(r => r.accepted)).toEqual(Array(8).fill(25));
    // 200 deployments, one in five failed.
    expect(
      await knex('pm_daily_rollups')
        .where({ entity_ref: SVC_A, day: '2026-11-19' })
        .first(),
    ).toMatchObject({ deployments: 200, successful: 160, failed: 40 });
  });
});
