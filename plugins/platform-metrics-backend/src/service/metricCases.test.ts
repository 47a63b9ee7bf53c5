// Over 400 lines: the hand-computed cases, each next to its inputs.
import { mockServices } from '@backstage/backend-test-utils';
import {
  DEFAULT_BANDS,
  DoraResponse,
  Granularity,
  WindowDays,
} from '@internal/plugin-platform-metrics-common';
import { Knex } from 'knex';
import { MetricsStore } from '../database/MetricsStore';
import { ENTITIES, NOW } from '../__testUtils__/fixtures';
import { buildSnapshot } from './catalog';
import {
  IngestChange,
  IngestDeployment,
  IngestIncident,
  MetricsService,
} from './MetricsService';
import { bothDatabases } from '@internal/test-utils';

/**
 * DORA metrics of MetricsService against hand-computed numbers, through the
 * real store on PostgreSQL and SQLite. Unless a case says otherwise the clock
 * is NOW (Friday 2026-11-20T12:00Z): the 7-day window is 14..20 November and
 * the previous one 7..13 November; the 30-day window is 22 October..20
 * November.
 */

jest.setTimeout(60_000);

const databases = bothDatabases();

const SVC_A = 'component:default/svc-a';
const SVC_B = 'component:default/svc-b';
const SVC_C = 'component:default/svc-c';

/** A 40-character lower-case hex SHA. */
const sha = (n: number) => n.toString(16).padStart(40, 'a');

const deployment = (
  id: string,
  deployedAt: string,
  extra: Partial<IngestDeployment> = {},
): IngestDeployment => ({
  id,
  entityRef: SVC_A,
  environment: 'production',
  status: 'success',
  commitShas: [],
  deployedAt,
  rollback: false,
  hotfix: false,
  ...extra,
});

const change = (
  n: number,
  authoredAt: string,
  entityRef = SVC_A,
): IngestChange => ({ sha: sha(n), entityRef, authoredAt });

const incident = (
  id: string,
  createdAt: string,
  resolvedAt: string | null,
  extra: Partial<IngestIncident> = {},
): IngestIncident => ({
  id,
  entityRef: SVC_A,
  createdAt,
  resolvedAt,
  ...extra,
});

const point = (res: DoraResponse, period: string) => {
  const p = res.trend.find(t => t.period === period);
  if (!p) throw new Error(`No trend point ${period}`);
  return p;
};

describe.each(databases.eachSupportedId())('metric cases on %s', id => {
  let knex: Knex;
  let store: MetricsStore;

  /** The service as the fixtures build it, with a clock of choice. */
  const serviceAt = (now: Date) =>
    new MetricsService({
      store,
      snapshot: async () => buildSnapshot(ENTITIES),
      bands: DEFAULT_BANDS,
      productionEnvironments: ['production', 'prod'],
      logger: mockServices.logger.mock(),
      clock: () => now,
      remapIntervalMs: 0,
    });

  let service: MetricsService;
  const dora = (
    entityRef: string | undefined,
    window: WindowDays = 7,
    granularity: Granularity = 'day',
    s: MetricsService = service,
  ) => s.dora({ entityRef, window, granularity });

  beforeEach(async () => {
    knex = await databases.init(id);
    store = await MetricsStore.create({
      database: { getClient: async () => knex },
    });
    service = serviceAt(NOW);
  });

  it('case 1: no deployments gives no values; only failed deployments give frequency 0 and CFR 1', async () => {
    const empty = {
      value: null,
      band: 'none',
      previous: null,
      sampleSize: 0,
    };
    for (const ref of [SVC_A, 'group:default/team-a', undefined]) {
      for (const window of [7, 30, 90] as WindowDays[]) {
        const res = await dora(ref, window);
        expect(res.metrics.deploymentFrequency).toMatchObject(empty);
        expect(res.metrics.leadTime).toMatchObject(empty);
        expect(res.metrics.changeFailureRate).toMatchObject(empty);
        expect(res.metrics.timeToRestore).toMatchObject(empty);
        expect(res.metrics.reworkRate).toMatchObject(empty);
        expect(res.eventCount).toEqual({
          deployments: 0,
          changes: 0,
          incidents: 0,
        });
        expect(res.trend.every(p => p.deployments === 0)).toBe(true);
      }
    }

    await service.ingestDeployments('api', [
      deployment('F0', '2026-11-10T10:00:00Z', { status: 'failure' }), // previous
      deployment('F1', '2026-11-16T10:00:00Z', { status: 'failure' }),
      deployment('F2', '2026-11-18T10:00:00Z', { status: 'failure' }),
    ]);
    const res = await dora(SVC_A);
    const m = res.metrics;
    // 0 successful in 7 days = 0/7 = 0 (not null: there are deployments);
    // no deploy day at all -> low. Previous window: F0 only, also 0.
    expect(m.deploymentFrequency.value).toBeCloseTo(0, 6);
    expect(m.deploymentFrequency.previous).toBeCloseTo(0, 6);
    expect(m.deploymentFrequency.band).toBe('low');
    expect(m.deploymentFrequency.sampleSize).toBe(0);
    // F1 and F2 failed: 2 / 2 = 1; previous F0: 1 / 1 = 1.
    expect(m.changeFailureRate.value).toBeCloseTo(1, 6);
    expect(m.changeFailureRate.previous).toBeCloseTo(1, 6);
    expect(m.changeFailureRate.band).toBe('low');
    expect(m.changeFailureRate.sampleSize).toBe(2);
    // No change shipped, no incident.
    expect(m.leadTime).toMatchObject(empty);
    expect(m.timeToRestore).toMatchObject(empty);
    // No rollback or hotfix: 0 / 2 = 0.
    expect(m.reworkRate.value).toBeCloseTo(0, 6);
    expect(point(res, '2026-11-16')).toMatchObject({
      deployments: 1,
      failedDeployments: 1,
      changeFailureRate: 1,
    });
    expect(res.eventCount).toEqual({
      deployments: 2,
      changes: 0,
      incidents: 0,
    });
  });

  it('case 2: an incident spanning two windows counts in the current one with its full duration; open ones do not count', async () => {
    await service.ingestIncidents('api', [
      // Opened in the previous window (12th), restored in the current one
      // (14th): 12 Nov 20:00 -> 14 Nov 02:00 = 30 h.
      incident('I1', '2026-11-12T20:00:00Z', '2026-11-14T02:00:00Z'),
      // Entirely in the previous window: 10:00 -> 13:00 = 3 h.
      incident('I2', '2026-11-08T10:00:00Z', '2026-11-08T13:00:00Z'),
      // Still open: not counted anywhere.
      incident('I3', '2026-11-19T00:00:00Z', null),
      // Current window: 09:00 -> 10:00 = 1 h.
      incident('I4', '2026-11-16T09:00:00Z', '2026-11-16T10:00:00Z'),
      // Opened in the previous window, still open.
      incident('I5', '2026-11-10T00:00:00Z', null),
    ]);
    const res = await dora(SVC_A);
    const ttr = res.metrics.timeToRestore;
    // Current: I1 (30 h) and I4 (1 h): median (30 + 1) / 2 = 15.5 h -> high.
    expect(ttr.value).toBeCloseTo(15.5, 6);
    expect(ttr.sampleSize).toBe(2);
    expect(ttr.band).toBe('high');
    // Previous: I2 only (3 h); I1 is not in it (it would make 16.5).
    expect(ttr.previous).toBeCloseTo(3, 6);
    expect(res.eventCount.incidents).toBe(2);
    // I1 sits on its resolution day with its full 30 h.
    expect(point(res, '2026-11-14').timeToRestoreHours).toBeCloseTo(30, 6);
    expect(point(res, '2026-11-16').timeToRestoreHours).toBeCloseTo(1, 6);
    expect(point(res, '2026-11-19').timeToRestoreHours).toBeNull();
    // No deployments: the deployment metrics stay empty.
    expect(res.metrics.deploymentFrequency.value).toBeNull();

    // 30 days (22 Oct..20 Nov): I1, I2, I4 = 30, 3, 1 h: median 3 h.
    const month = await dora(SVC_A, 30);
    expect(month.metrics.timeToRestore.value).toBeCloseTo(3, 6);
    expect(month.metrics.timeToRestore.sampleSize).toBe(3);

    // Resolving I3 later puts it on its resolution day: 19 Nov 00:00 ->
    // 20 Nov 06:00 = 30 h; current median of 30, 1, 30 = 30 h -> medium.
    await service.ingestIncidents('api', [
      incident('I3', '2026-11-19T00:00:00Z', '2026-11-20T06:00:00Z'),
    ]);
    const later = await dora(SVC_A);
    expect(later.metrics.timeToRestore.value).toBeCloseTo(30, 6);
    expect(later.metrics.timeToRestore.sampleSize).toBe(3);
    expect(later.metrics.timeToRestore.band).toBe('medium');
    expect(point(later, '2026-11-20').timeToRestoreHours).toBeCloseTo(30, 6);
  });

  it('case 3: a change shipped twice counts once, at its first successful production deployment', async () => {
    await service.ingestChanges('api', [
      change(1, '2026-11-12T00:00:00Z'),
      change(2, '2026-11-16T00:00:00Z'),
      change(3, '2026-11-17T04:00:00Z'),
      change(4, '2026-11-18T00:00:00Z'),
    ]);
    // The later deployments arrive first.
    await service.ingestDeployments('api', [
      // Ships c1 again (first shipped by P1 in the previous window).
      deployment('P2', '2026-11-15T00:00:00Z', { commitShas: [sha(1)] }),
      // Ships c2 again (first shipped by P3 the day before) and c3.
      deployment('P4', '2026-11-17T12:00:00Z', {
        commitShas: [sha(2), sha(3)],
      }),
    ]);
    await service.ingestDeployments('api', [
      deployment('P1', '2026-11-13T06:00:00Z', { commitShas: [sha(1)] }),
      deployment('P3', '2026-11-16T12:00:00Z', { commitShas: [sha(2)] }),
      // c4: a failed attempt, then the successful deployment it counts at.
      deployment('F1', '2026-11-18T02:00:00Z', {
        status: 'failure',
        commitShas: [sha(4)],
      }),
      deployment('S1', '2026-11-18T06:00:00Z', { commitShas: [sha(4)] }),
    ]);

    const res = await dora(SVC_A);
    const lt = res.metrics.leadTime;
    // Current window: c2 at P3 (16th 00:00 -> 12:00 = 12 h), c3 at P4
    // (17th 04:00 -> 12:00 = 8 h), c4 at S1 (18th 00:00 -> 06:00 = 6 h).
    // c1 belongs to P1 (previous window), not to P2. Median of 12, 8, 6 = 8 h.
    expect(lt.value).toBeCloseTo(8, 6);
    expect(lt.sampleSize).toBe(3);
    // Previous window: c1 at P1, 12th 00:00 -> 13th 06:00 = 30 h.
    expect(lt.previous).toBeCloseTo(30, 6);
    expect(res.eventCount.changes).toBe(3);
    expect(point(res, '2026-11-15')).toMatchObject({
      deployments: 1,
      leadTimeHours: null,
    });
    expect(point(res, '2026-11-16').leadTimeHours).toBeCloseTo(12, 6);
    // Only c3 on the 17th: c2's 36 h at P4 is not counted.
    expect(point(res, '2026-11-17').leadTimeHours).toBeCloseTo(8, 6);
    expect(point(res, '2026-11-18')).toMatchObject({
      deployments: 2,
      failedDeployments: 1,
    });
    expect(point(res, '2026-11-18').leadTimeHours).toBeCloseTo(6, 6);
    // Deployments are still all counted: P2, P3, P4, S1 successful of 5.
    expect(res.metrics.deploymentFrequency.value).toBeCloseTo(4 / 7, 6);
    expect(res.metrics.changeFailureRate.value).toBeCloseTo(1 / 5, 6);

    // 30 days holds all four first deployments: 30, 12, 8, 6 -> (12 + 8) / 2.
    const month = await dora(SVC_A, 30);
    expect(month.metrics.leadTime.value).toBeCloseTo(10, 6);
    expect(month.metrics.leadTime.sampleSize).toBe(4);
  });

  it('case 4: offsets are converted to UTC days and UTC lead times', async () => {
    // Saturday 28 November noon UTC: the window is 22..28 November (22 is a
    // Sunday), the previous one 15..21 November.
    const tz = serviceAt(new Date('2026-11-28T12:00:00.000Z'));
    await tz.ingestChanges('api', [
      // 09:00 at +09:00 = 22 Nov 00:00Z; by local clocks it is after T1.
      change(1, '2026-11-22T09:00:00+09:00'),
      // 20:00 at -08:00 = 22 Nov 04:00Z.
      change(2, '2026-11-21T20:00:00-08:00'),
      // 21:30 at -05:00 = 24 Nov 02:30Z.
      change(3, '2026-11-23T21:30:00-05:00'),
      // 09:00 at -06:00 = 27 Nov 15:00Z.
      change(4, '2026-11-27T09:00:00-06:00'),
      change(5, '2026-11-21T12:00:00Z'),
    ]);
    await tz.ingestDeployments('api', [
      // 23:30 at -05:00 on the 21st = 22 Nov 04:30Z: first day of the window.
      deployment('T1', '2026-11-21T23:30:00-05:00', {
        commitShas: [sha(1), sha(2)],
      }),
      // 01:00 at +03:00 on the 22nd = 21 Nov 22:00Z: previous window.
      deployment('T2', '2026-11-22T01:00:00+03:00', { commitShas: [sha(5)] }),
      // 10:00 at +05:30 = 24 Nov 04:30Z.
      deployment('T4', '2026-11-24T10:00:00+05:30', { commitShas: [sha(3)] }),
      // 05:00 at +09:00 on the 28th = 27 Nov 20:00Z.
      deployment('T3', '2026-11-28T05:00:00+09:00', { commitShas: [sha(4)] }),
    ]);
    await tz.ingestIncidents('api', [
      // 21 Nov 23:00Z -> 22 Nov 03:00Z: 4 h, resolved on the 22nd (current).
      incident('Z1', '2026-11-21T18:00:00-05:00', '2026-11-21T22:00:00-05:00'),
      // 21 Nov 21:00Z -> 23:00Z: 2 h, resolved on the 21st (previous).
      incident('Z2', '2026-11-22T00:00:00+03:00', '2026-11-22T02:00:00+03:00'),
    ]);

    const res = await dora(SVC_A, 7, 'day', tz);
    expect(res.window).toEqual({
      days: 7,
      from: '2026-11-22T00:00:00.000Z',
      to: '2026-11-28T12:00:00.000Z',
    });
    expect(
      res.trend.map(p => [p.period, p.deployments, p.leadTimeHours]),
    ).toEqual([
      // T1: c1 04:30 - 00:00 = 4.5 h, c2 04:30 - 04:00 = 0.5 h: median 2.5 h.
      ['2026-11-22', 1, 2.5],
      ['2026-11-23', 0, null],
      // T4: c3 04:30 - 02:30 = 2 h.
      ['2026-11-24', 1, 2],
      ['2026-11-25', 0, null],
      ['2026-11-26', 0, null],
      // T3: c4 20:00 - 15:00 = 5 h.
      ['2026-11-27', 1, 5],
      ['2026-11-28', 0, null],
    ]);
    expect(point(res, '2026-11-22').timeToRestoreHours).toBeCloseTo(4, 6);
    const m = res.metrics;
    // T1, T4, T3 in the window: 3/7, on 3 deploy days (22, 24, 27) -> elite.
    expect(m.deploymentFrequency.value).toBeCloseTo(3 / 7, 6);
    expect(m.deploymentFrequency.band).toBe('elite');
    // T2 only (21 Nov in UTC): 1/7.
    expect(m.deploymentFrequency.previous).toBeCloseTo(1 / 7, 6);
    // 4.5, 0.5, 2, 5 -> (2 + 4.5) / 2 = 3.25 h.
    expect(m.leadTime.value).toBeCloseTo(3.25, 6);
    expect(m.leadTime.sampleSize).toBe(4);
    // c5 at T2: 21 Nov 12:00Z -> 22:00Z = 10 h.
    expect(m.leadTime.previous).toBeCloseTo(10, 6);
    // Z1 4 h now, Z2 2 h before.
    expect(m.timeToRestore.value).toBeCloseTo(4, 6);
    expect(m.timeToRestore.previous).toBeCloseTo(2, 6);

    // Weeks start on Monday: 16 Nov holds only Sunday the 22nd (T1).
    const weekly = await dora(SVC_A, 7, 'week', tz);
    expect(weekly.trend.map(p => [p.period, p.deployments])).toEqual([
      ['2026-11-16', 1],
      ['2026-11-23', 2],
    ]);

    // The event list of the window agrees: T2 is outside it.
    const events = await tz.events({
      entityRef: SVC_A,
      window: 7,
      type: 'deployment',
      limit: 50,
      offset: 0,
    });
    expect(events.items.map(i => i.details.externalId)).toEqual([
      'T3',
      'T4',
      'T1',
    ]);
  });

  it('case 5: a deployment named as cause counts as failed once', async () => {
    // K1 arrives before the deployment it names.
    await service.ingestIncidents('api', [
      incident('K1', '2026-11-15T11:00:00Z', '2026-11-15T12:00:00Z', {
        causeDeploymentId: 'E1',
      }),
    ]);
    await service.ingestDeployments('api', [
      deployment('E1', '2026-11-15T10:00:00Z'),
      deployment('E2', '2026-11-16T10:00:00Z', { status: 'failure' }),
      deployment('E3', '2026-11-17T10:00:00Z'),
      deployment('E4', '2026-11-18T10:00:00Z'),
      // Both flags: one rework deployment.
      deployment('E5', '2026-11-19T10:00:00Z', {
        rollback: true,
        hotfix: true,
      }),
    ]);
    await service.ingestIncidents('pagerduty', [
      // A second incident naming E1.
      {
        id: 'K2',
        pagerdutyServiceId: 'PSVCA01',
        createdAt: '2026-11-15T13:00:00Z',
        resolvedAt: '2026-11-15T15:00:00Z',
        causeDeploymentId: 'E1',
      },
    ]);
    await service.ingestIncidents('api', [
      // E2 failed and is also named as cause.
      incident('K3', '2026-11-16T11:00:00Z', '2026-11-16T14:00:00Z', {
        causeDeploymentId: 'E2',
      }),
    ]);

    const res = await dora(SVC_A);
    const m = res.metrics;
    // Failed: E1 (named twice) and E2 (failed and named) = 2 of 5 = 0.4.
    expect(m.changeFailureRate.value).toBeCloseTo(0.4, 6);
    expect(m.changeFailureRate.sampleSize).toBe(5);
    expect(m.changeFailureRate.band).toBe('low');
    expect(point(res, '2026-11-15')).toMatchObject({
      deployments: 1,
      failedDeployments: 1,
      changeFailureRate: 1,
    });
    expect(point(res, '2026-11-16')).toMatchObject({
      deployments: 1,
      failedDeployments: 1,
      changeFailureRate: 1,
    });
    expect(point(res, '2026-11-17').failedDeployments).toBe(0);
    // E5 only: 1 / 5 = 0.2.
    expect(m.reworkRate.value).toBeCloseTo(0.2, 6);
    // E1, E3, E4, E5 successful: 4/7 on 4 deploy days -> elite.
    expect(m.deploymentFrequency.value).toBeCloseTo(4 / 7, 6);
    expect(m.deploymentFrequency.band).toBe('elite');
    // K1 1 h, K2 2 h, K3 3 h: each incident counts for restore, median 2 h.
    expect(m.timeToRestore.value).toBeCloseTo(2, 6);
    expect(m.timeToRestore.sampleSize).toBe(3);
  });

  it('case 5b: an incident names a deployment of its own entity only', async () => {
    // Deployment ids are unique per source, not across components.
    await service.ingestDeployments('api', [
      deployment('SAME', '2026-11-16T10:00:00Z'),
      deployment('SAME-B', '2026-11-16T10:00:00Z', { entityRef: SVC_B }),
    ]);
    await service.ingestDeployments('github', [
      deployment('SAME', '2026-11-16T11:00:00Z', { entityRef: SVC_B }),
    ]);
    await service.ingestIncidents('api', [
      incident('L1', '2026-11-16T12:00:00Z', '2026-11-16T13:00:00Z', {
        causeDeploymentId: 'SAME',
      }),
    ]);
    // svc-a: its one deployment caused L1: 1/1. svc-b: 0 of 2.
    expect((await dora(SVC_A)).metrics.changeFailureRate.value).toBe(1);
    expect((await dora(SVC_B)).metrics.changeFailureRate.value).toBe(0);
  });

  it('case 6: non-positive lead times are dropped and non-production environments ignored', async () => {
    await service.ingestChanges('api', [
      change(1, '2026-11-16T00:00:00Z'),
      // Authored after A1 (10:00): -2 h, dropped.
      change(2, '2026-11-16T12:00:00Z'),
      // Authored exactly at A1: 0 h, dropped.
      change(3, '2026-11-16T10:00:00Z'),
      change(4, '2026-11-17T00:00:00Z'),
    ]);
    await service.ingestDeployments('api', [
      deployment('A1', '2026-11-16T10:00:00Z', {
        commitShas: [sha(1), sha(2), sha(3)],
      }),
      // c4 reaches staging first: its lead time runs to production (A2).
      deployment('S1', '2026-11-17T02:00:00Z', {
        environment: 'staging',
        commitShas: [sha(4)],
      }),
      deployment('A2', '2026-11-17T06:00:00Z', { commitShas: [sha(4)] }),
      deployment('S2', '2026-11-18T10:00:00Z', {
        environment: 'staging',
        status: 'failure',
      }),
      // Production names are matched without case.
      deployment('A3', '2026-11-18T08:00:00Z', { environment: 'PROD' }),
      deployment('S3', '2026-11-19T10:00:00Z', {
        environment: 'qa',
        rollback: true,
      }),
      // Ships c2 again: c2's first deployment is A1, where it was dropped;
      // it is not counted here (19th 10:00 - 16th 12:00 = 70 h).
      deployment('A4', '2026-11-19T10:00:00Z', { commitShas: [sha(2)] }),
      // svc-b only deploys to staging.
      deployment('B1', '2026-11-18T10:00:00Z', {
        entityRef: SVC_B,
        environment: 'staging',
      }),
    ]);

    const res = await dora(SVC_A);
    const m = res.metrics;
    // c1 at A1: 10 h; c4 at A2: 06:00 - 00:00 = 6 h. Median 8 h.
    expect(m.leadTime.value).toBeCloseTo(8, 6);
    expect(m.leadTime.sampleSize).toBe(2);
    expect(point(res, '2026-11-16').leadTimeHours).toBeCloseTo(10, 6);
    expect(point(res, '2026-11-17').leadTimeHours).toBeCloseTo(6, 6);
    expect(point(res, '2026-11-19')).toMatchObject({
      deployments: 1,
      leadTimeHours: null,
    });
    // Production: A1, A2, A3, A4 = 4/7 on 4 deploy days -> elite.
    expect(m.deploymentFrequency.value).toBeCloseTo(4 / 7, 6);
    expect(m.deploymentFrequency.sampleSize).toBe(4);
    expect(m.deploymentFrequency.band).toBe('elite');
    // The failed staging S2 and the qa rollback S3 do not count: 0 / 4.
    expect(m.changeFailureRate.value).toBeCloseTo(0, 6);
    expect(m.changeFailureRate.sampleSize).toBe(4);
    expect(m.reworkRate.value).toBeCloseTo(0, 6);
    expect(point(res, '2026-11-18')).toMatchObject({
      deployments: 1,
      failedDeployments: 0,
    });
    expect(res.eventCount).toEqual({
      deployments: 4,
      changes: 2,
      incidents: 0,
    });

    const b = await dora(SVC_B);
    expect(b.metrics.deploymentFrequency).toMatchObject({
      value: null,
      band: 'none',
      sampleSize: 0,
    });
    expect(b.metrics.changeFailureRate.value).toBeNull();
  });

  it('case 7: bands exactly at the default boundaries', async () => {
    await service.ingestChanges('api', [
      // Exactly 24 h before its deployment G0 (16 Nov 01:00Z).
      change(1, '2026-11-15T01:00:00Z'),
      // Exactly 168 h (7 days) before its deployment H1.
      change(2, '2026-11-10T10:00:00Z', SVC_B),
    ]);
    // svc-a: 20 production deployments G0..G19 on 3 days (16, 18, 20), in
    // turn; G19 (on the 18th) failed.
    const days = ['2026-11-16', '2026-11-18', '2026-11-20'];
    await service.ingestDeployments(
      'api',
      Array.from({ length: 20 }, (_, i) =>
        deployment(
          `G${i}`,
          // Hour 1 + floor(i / 3): G0 at 16 Nov 01:00Z, G19 at 18 Nov 07:00Z.
          `${days[i % 3]}T0${Math.floor(i / 3) + 1}:00:00Z`,
          {
            status: i === 19 ? 'failure' : 'success',
            commitShas: i === 0 ? [sha(1)] : [],
          },
        ),
      ),
    );
    // svc-b: one successful deployment, on the 17th.
    await service.ingestDeployments('api', [
      deployment('H1', '2026-11-17T10:00:00Z', {
        entityRef: SVC_B,
        commitShas: [sha(2)],
      }),
    ]);
    await service.ingestIncidents('api', [
      // Exactly 1 h.
      incident('R1', '2026-11-17T08:00:00Z', '2026-11-17T09:00:00Z'),
      // Exactly 24 h.
      incident('R2', '2026-11-15T09:00:00Z', '2026-11-16T09:00:00Z', {
        entityRef: SVC_B,
      }),
    ]);

    const a = await dora(SVC_A);
    const m = a.metrics;
    // Lead time of c1: exactly 24 h -> not below 24 -> high.
    expect(m.leadTime.value).toBeCloseTo(24, 6);
    expect(m.leadTime.band).toBe('high');
    // 1 failed of 20: exactly 0.05 -> elite (at or below 5 %).
    expect(m.changeFailureRate.value).toBeCloseTo(0.05, 6);
    expect(m.changeFailureRate.sampleSize).toBe(20);
    expect(m.changeFailureRate.band).toBe('elite');
    // 3 deploy days in the one 7-day block: exactly 3 -> elite.
    expect(m.deploymentFrequency.value).toBeCloseTo(19 / 7, 6);
    expect(m.deploymentFrequency.band).toBe('elite');
    // Restore exactly 1 h -> not below 1 -> high.
    expect(m.timeToRestore.value).toBeCloseTo(1, 6);
    expect(m.timeToRestore.band).toBe('high');

    const b = await dora(SVC_B);
    // Exactly 168 h -> medium; restore exactly 24 h -> medium.
    expect(b.metrics.leadTime.value).toBeCloseTo(168, 6);
    expect(b.metrics.leadTime.band).toBe('medium');
    expect(b.metrics.timeToRestore.value).toBeCloseTo(24, 6);
    expect(b.metrics.timeToRestore.band).toBe('medium');
    // One deploy day in 7 days: median 1 per week -> high.
    expect(b.metrics.deploymentFrequency.value).toBeCloseTo(1 / 7, 6);
    expect(b.metrics.deploymentFrequency.band).toBe('high');
    // 30 days: blocks 14-20 (1), 7-13, 31 Oct-6 Nov, 24-30 Oct, 22-23 Oct
    // (0): median 0; 1 deploy day / 30 days * 30 = exactly 1 -> medium.
    const b30 = await dora(SVC_B, 30);
    expect(b30.metrics.deploymentFrequency.value).toBeCloseTo(1 / 30, 6);
    expect(b30.metrics.deploymentFrequency.band).toBe('medium');
    // 90 days: 1 / 90 * 30 = 1/3 deploy day per 30 days -> low.
    const b90 = await dora(SVC_B, 90);
    expect(b90.metrics.deploymentFrequency.band).toBe('low');
  });

  it('case 8: a team includes its sub-teams; a system is its components', async () => {
    await service.ingestChanges('api', [
      change(1, '2026-11-15T08:00:00Z', SVC_A),
      change(2, '2026-11-17T04:00:00Z', SVC_B),
      change(3, '2026-11-17T22:00:00Z', SVC_B),
      change(4, '2026-11-18T10:00:00Z', SVC_C),
    ]);
    await service.ingestDeployments('api', [
      // svc-a (team-a, payments): c1 2 h; one failure.
      deployment('A1', '2026-11-15T10:00:00Z', { commitShas: [sha(1)] }),
      deployment('A2', '2026-11-16T10:00:00Z', { status: 'failure' }),
      // svc-b (team-sub under team-a, payments): c2 6 h, c3 12 h.
      deployment('B1', '2026-11-17T10:00:00Z', {
        entityRef: SVC_B,
        commitShas: [sha(2)],
      }),
      deployment('B2', '2026-11-18T10:00:00Z', {
        entityRef: SVC_B,
        commitShas: [sha(3)],
      }),
      // svc-c (ghost-team, system other): c4 24 h.
      deployment('C1', '2026-11-19T10:00:00Z', {
        entityRef: SVC_C,
        commitShas: [sha(4)],
      }),
    ]);
    await service.ingestIncidents('api', [
      incident('IA', '2026-11-16T10:00:00Z', '2026-11-16T14:00:00Z'), // 4 h
      incident('IB', '2026-11-18T10:00:00Z', '2026-11-18T12:00:00Z', {
        entityRef: SVC_B,
      }), // 2 h
      incident('IC', '2026-11-19T10:00:00Z', '2026-11-19T20:00:00Z', {
        entityRef: SVC_C,
      }), // 10 h
    ]);

    // team-a = svc-a + svc-b. 4 deployments, 3 successful (A1, B1, B2) on
    // 3 days (15, 17, 18) -> 3/7, elite; CFR 1/4; lead 2, 6, 12 -> 6 h;
    // restore 4, 2 -> 3 h.
    const expectTeamA = (res: DoraResponse['metrics']) => {
      expect(res.deploymentFrequency.value).toBeCloseTo(3 / 7, 6);
      expect(res.deploymentFrequency.band).toBe('elite');
      expect(res.changeFailureRate.value).toBeCloseTo(0.25, 6);
      expect(res.changeFailureRate.sampleSize).toBe(4);
      expect(res.leadTime.value).toBeCloseTo(6, 6);
      expect(res.leadTime.sampleSize).toBe(3);
      expect(res.timeToRestore.value).toBeCloseTo(3, 6);
    };
    const team = await dora('group:default/team-a');
    expect(team.scope).toMatchObject({ kind: 'team', componentCount: 2 });
    expectTeamA(team.metrics);

    // team-sub = svc-b: 2/7; CFR 0; lead 6, 12 -> 9 h; restore 2 h.
    const sub = await dora('group:default/team-sub');
    expect(sub.scope).toMatchObject({ kind: 'team', componentCount: 1 });
    expect(sub.metrics.deploymentFrequency.value).toBeCloseTo(2 / 7, 6);
    expect(sub.metrics.changeFailureRate.value).toBeCloseTo(0, 6);
    expect(sub.metrics.leadTime.value).toBeCloseTo(9, 6);
    expect(sub.metrics.timeToRestore.value).toBeCloseTo(2, 6);

    // payments = svc-a + svc-b (svc-c is in system other): as team-a.
    const system = await dora('system:default/payments');
    expect(system.scope).toMatchObject({ kind: 'system', componentCount: 2 });
    expectTeamA(system.metrics);

    // Organisation: all three. 5 deployments, 4 successful -> 4/7; CFR 1/5;
    // lead 2, 6, 12, 24 -> 9 h; restore 4, 2, 10 -> 4 h.
    const org = await dora(undefined);
    expect(org.metrics.deploymentFrequency.value).toBeCloseTo(4 / 7, 6);
    expect(org.metrics.changeFailureRate.value).toBeCloseTo(0.2, 6);
    expect(org.metrics.leadTime.value).toBeCloseTo(9, 6);
    expect(org.metrics.timeToRestore.value).toBeCloseTo(4, 6);

    // The teams list sums per entity and must agree.
    const teams = await service.teams({ window: 7 });
    const byRef = new Map(teams.teams.map(t => [t.entityRef, t]));
    expectTeamA(byRef.get('group:default/team-a')!.metrics);
    expect(
      byRef.get('group:default/team-sub')!.metrics.leadTime.value,
    ).toBeCloseTo(9, 6);
    expect(
      byRef.get('group:default/team-other')!.metrics.deploymentFrequency.value,
    ).toBeNull();
  });
});
