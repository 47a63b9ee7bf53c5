// Over 400 lines: every band boundary and every hand-computed case, one file.
import {
  changeFailureRateBand,
  DEFAULT_BANDS,
  deploymentFrequencyBand,
  durationBand,
} from '@internal/plugin-platform-metrics-common';
import { RollupRow } from '../database/types';
import {
  dayOf,
  DeploymentFacts,
  doraMetrics,
  emptyRollup,
  firstOf,
  isFailed,
  isRework,
  leadTimeSeconds,
  restoreSeconds,
  RollupFacts,
  rollupsOf,
  totalsOf,
  trendOf,
  windowOf,
} from './rules';

// The DORA rules without a database: the hand-computed cases of
// service/metricCases.test.ts at the level of the rules, and every band
// boundary of the default thresholds.

const H = 3600;
const SVC_A = 'component:default/svc-a';
const SVC_B = 'component:default/svc-b';
/** Friday 20 November 2026, noon UTC: a 7-day window is 14..20 November. */
const NOW = new Date('2026-11-20T12:00:00.000Z');

let nextId = 1;
function deployment(
  at: string,
  extra: Partial<DeploymentFacts> = {},
): DeploymentFacts {
  return {
    id: nextId++,
    externalId: `D${nextId}`,
    entityRef: SVC_A,
    day: dayOf(at),
    status: 'success',
    deployedAt: at,
    rollback: false,
    hotfix: false,
    ...extra,
  };
}

function facts(extra: Partial<RollupFacts>): RollupFacts {
  return {
    deployments: [],
    causedDeployments: new Set(),
    commitsOf: new Map(),
    firstDeploymentOf: new Map(),
    causedCommits: new Set(),
    authoredAt: new Map(),
    incidents: [],
    ...extra,
  };
}

function rollup(day: string, extra: Partial<RollupRow> = {}): RollupRow {
  return { ...emptyRollup(SVC_A, day), ...extra };
}

const metricsOf = (
  current: RollupRow[],
  previous: RollupRow[] = [],
  days: 7 | 30 | 90 = 7,
) => {
  const window = windowOf(days, NOW);
  return doraMetrics(
    totalsOf(current),
    totalsOf(previous),
    window,
    DEFAULT_BANDS,
  );
};

describe('event rules', () => {
  it('a deployment fails when it did not succeed, was named as cause, or first shipped a commit named as cause', () => {
    const ok = deployment('2026-11-16T10:00:00Z');
    const failed = deployment('2026-11-16T11:00:00Z', { status: 'failure' });
    const named = deployment('2026-11-16T12:00:00Z');
    const shippedBad = deployment('2026-11-16T13:00:00Z');
    const shippedAgain = deployment('2026-11-17T13:00:00Z');
    const f = facts({
      causedDeployments: new Set([`${SVC_A}\u0000${named.externalId}`]),
      commitsOf: new Map([
        [shippedBad.id, ['bad']],
        [shippedAgain.id, ['bad']],
      ]),
      firstDeploymentOf: new Map([['bad', { id: shippedBad.id, at: '' }]]),
      causedCommits: new Set(['bad']),
    });
    expect(
      [ok, failed, named, shippedBad, shippedAgain].map(d => isFailed(d, f)),
    ).toEqual([false, true, true, true, false]);
  });

  it('case 5b: an incident names a deployment of its own entity only', () => {
    const d = deployment('2026-11-16T10:00:00Z', {
      entityRef: SVC_B,
      externalId: 'X1',
    });
    const f = facts({ causedDeployments: new Set([`${SVC_A}\u0000X1`]) });
    expect(isFailed(d, f)).toBe(false);
  });

  it('rework is a rollback or a hotfix', () => {
    expect(isRework({ rollback: false, hotfix: false })).toBe(false);
    expect(isRework({ rollback: true, hotfix: false })).toBe(true);
    expect(isRework({ rollback: false, hotfix: true })).toBe(true);
  });

  it('case 4 and 6: lead times in UTC; non-positive ones are dropped', () => {
    // 08:00 at UTC+2 is 06:00Z: 4 h before a 10:00Z deployment.
    expect(
      leadTimeSeconds('2026-11-16T08:00:00+02:00', '2026-11-16T10:00:00Z'),
    ).toBe(4 * H);
    expect(
      leadTimeSeconds('2026-11-16T10:00:00Z', '2026-11-16T10:00:00Z'),
    ).toBeNull();
    expect(
      leadTimeSeconds('2026-11-16T11:00:00Z', '2026-11-16T10:00:00Z'),
    ).toBeNull();
    // 23:30 at UTC-5 is the next UTC day.
    expect(dayOf(new Date('2026-11-19T23:30:00-05:00').toISOString())).toBe(
      '2026-11-20',
    );
  });

  it('restore time is never negative', () => {
    expect(restoreSeconds('2026-11-16T09:00:00Z', '2026-11-17T09:00:00Z')).toBe(
      24 * H,
    );
    expect(restoreSeconds('2026-11-16T09:00:00Z', '2026-11-16T08:00:00Z')).toBe(
      0,
    );
  });

  it('case 3: the first deployment of a commit is the earliest, the lower id on a tie', () => {
    const early = { id: 5, at: '2026-11-16T10:00:00.000Z' };
    const late = { id: 1, at: '2026-11-17T10:00:00.000Z' };
    const tie = { id: 3, at: early.at };
    expect(firstOf(undefined, late)).toBe(late);
    expect(firstOf(late, early)).toBe(early);
    expect(firstOf(early, late)).toBe(early);
    expect(firstOf(early, tie)).toBe(tie);
    expect(firstOf(tie, early)).toBe(tie);
  });
});

describe('rollupsOf', () => {
  it('case 3 and 5: a change shipped twice counts once; a failed deployment named as cause counts once', () => {
    const d1 = deployment('2026-11-16T10:00:00Z');
    const d2 = deployment('2026-11-17T10:00:00Z', { rollback: true });
    const d3 = deployment('2026-11-17T12:00:00Z', {
      status: 'failure',
      externalId: 'F1',
    });
    const rows = rollupsOf(
      facts({
        deployments: [d1, d2, d3],
        causedDeployments: new Set([`${SVC_A}\u0000F1`]),
        commitsOf: new Map([
          [d1.id, ['c1']],
          [d2.id, ['c1', 'c2']],
        ]),
        firstDeploymentOf: new Map([
          ['c1', { id: d1.id, at: d1.deployedAt }],
          ['c2', { id: d2.id, at: d2.deployedAt }],
        ]),
        authoredAt: new Map([
          ['c1', '2026-11-16T06:00:00Z'],
          ['c2', '2026-11-17T08:00:00Z'],
        ]),
        incidents: [
          {
            entityRef: SVC_A,
            resolvedDay: '2026-11-17',
            createdAt: '2026-11-12T09:00:00Z',
            resolvedAt: '2026-11-17T09:00:00Z',
          },
        ],
      }),
    );
    expect(rows).toEqual([
      rollup('2026-11-16', {
        deployments: 1,
        successful: 1,
        leadTimeSeconds: [4 * H],
      }),
      rollup('2026-11-17', {
        deployments: 2,
        successful: 1,
        failed: 1,
        rework: 1,
        leadTimeSeconds: [2 * H],
        // case 2: counted on the day it was resolved, with its full duration.
        restoreSeconds: [5 * 24 * H],
      }),
    ]);
  });

  it('counts no lead time for a commit that is not a known change', () => {
    const d = deployment('2026-11-16T10:00:00Z');
    const [row] = rollupsOf(
      facts({
        deployments: [d],
        commitsOf: new Map([[d.id, ['unknown']]]),
        firstDeploymentOf: new Map([
          ['unknown', { id: d.id, at: d.deployedAt }],
        ]),
      }),
    );
    expect(row.leadTimeSeconds).toEqual([]);
  });
});

describe('doraMetrics', () => {
  it('case 1: no deployments gives no values', () => {
    const m = metricsOf([]);
    for (const key of Object.keys(m) as Array<keyof typeof m>) {
      expect(m[key]).toMatchObject({
        value: null,
        band: 'none',
        previous: null,
        sampleSize: 0,
      });
    }
  });

  it('case 1: only failed deployments give frequency 0 and CFR 1', () => {
    const m = metricsOf(
      [
        rollup('2026-11-16', { deployments: 1, failed: 1 }),
        rollup('2026-11-18', { deployments: 1, failed: 1 }),
      ],
      [rollup('2026-11-10', { deployments: 1, failed: 1 })],
    );
    expect(m.deploymentFrequency).toMatchObject({
      value: 0,
      previous: 0,
      band: 'low',
      sampleSize: 0,
    });
    expect(m.changeFailureRate).toMatchObject({
      value: 1,
      previous: 1,
      band: 'low',
      sampleSize: 2,
    });
    expect(m.reworkRate.value).toBe(0);
    expect(m.leadTime.value).toBeNull();
  });

  it('case 7: bands exactly at the default boundaries', () => {
    // 19 of 20 deployments successful on 3 days, one failed: CFR exactly 0.05.
    const a = metricsOf([
      rollup('2026-11-16', {
        deployments: 7,
        successful: 7,
        leadTimeSeconds: [24 * H],
      }),
      rollup('2026-11-18', { deployments: 7, successful: 6, failed: 1 }),
      rollup('2026-11-20', {
        deployments: 6,
        successful: 6,
        restoreSeconds: [H],
      }),
    ]);
    expect(a.leadTime).toMatchObject({ value: 24, band: 'high' });
    expect(a.changeFailureRate).toMatchObject({
      value: 0.05,
      band: 'elite',
      sampleSize: 20,
    });
    expect(a.deploymentFrequency.value).toBeCloseTo(19 / 7, 6);
    expect(a.deploymentFrequency.band).toBe('elite');
    expect(a.timeToRestore).toMatchObject({ value: 1, band: 'high' });

    const bRows = [
      rollup('2026-11-17', {
        deployments: 1,
        successful: 1,
        leadTimeSeconds: [168 * H],
        restoreSeconds: [24 * H],
      }),
    ];
    const b = metricsOf(bRows);
    expect(b.leadTime).toMatchObject({ value: 168, band: 'medium' });
    expect(b.timeToRestore).toMatchObject({ value: 24, band: 'medium' });
    expect(b.deploymentFrequency.band).toBe('high');
    // 1 deploy day in 30 days: exactly 1 per 30 days -> medium; in 90 -> low.
    expect(metricsOf(bRows, [], 30).deploymentFrequency.band).toBe('medium');
    expect(metricsOf(bRows, [], 90).deploymentFrequency.band).toBe('low');
  });

  it('takes the median of lead and restore times', () => {
    const m = metricsOf([
      rollup('2026-11-16', {
        deployments: 2,
        successful: 2,
        leadTimeSeconds: [H, 3 * H],
      }),
      rollup('2026-11-17', {
        deployments: 1,
        successful: 1,
        leadTimeSeconds: [10 * H],
      }),
    ]);
    expect(m.leadTime).toMatchObject({ value: 3, sampleSize: 3 });
  });
});

describe('band boundaries of the default thresholds', () => {
  it.each([
    [23.99, 'elite'],
    [24, 'high'],
    [167.99, 'high'],
    [168, 'medium'],
    [719.99, 'medium'],
    [720, 'low'],
    [null, 'none'],
  ] as const)('lead time %s h is %s', (hours, band) => {
    expect(durationBand(hours, DEFAULT_BANDS.leadTimeHours)).toBe(band);
  });

  it.each([
    [0.99, 'elite'],
    [1, 'high'],
    [23.99, 'high'],
    [24, 'medium'],
    [167.99, 'medium'],
    [168, 'low'],
    [null, 'none'],
  ] as const)('time to restore %s h is %s', (hours, band) => {
    expect(durationBand(hours, DEFAULT_BANDS.timeToRestoreHours)).toBe(band);
  });

  it.each([
    [0, 'elite'],
    [0.05, 'elite'],
    [0.0501, 'high'],
    [0.1, 'high'],
    [0.1001, 'medium'],
    [0.15, 'medium'],
    [0.1501, 'low'],
    [null, 'none'],
  ] as const)('change failure rate %s is %s', (rate, band) => {
    expect(changeFailureRateBand(rate, DEFAULT_BANDS.changeFailureRate)).toBe(
      band,
    );
  });

  it.each([
    [3, 0, 1, 'elite'],
    [2.99, 13, 1, 'high'],
    [1, 0, 1, 'high'],
    [0.99, 1, 1, 'medium'],
    [0, 0.99, 1, 'low'],
    [7, 30, 0, 'none'],
  ] as const)(
    'deploy days per week %s, per 30 days %s, %s deployments is %s',
    (perWeek, per30, deployments, band) => {
      expect(
        deploymentFrequencyBand(
          {
            medianDeployDaysPerWeek: perWeek,
            deployDaysPer30Days: per30,
            deployments,
          },
          DEFAULT_BANDS.deploymentFrequency,
        ),
      ).toBe(band);
    },
  );
});

describe('trendOf', () => {
  it('has one point per week (its Monday), empty ones included', () => {
    const window = windowOf(30, NOW);
    const points = trendOf(
      [rollup('2026-11-17', { deployments: 2, successful: 1, failed: 1 })],
      window,
      'week',
    );
    expect(points.map(p => p.period)).toEqual([
      '2026-10-19',
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
    ]);
    expect(points[4]).toMatchObject({
      deployments: 2,
      failedDeployments: 1,
      changeFailureRate: 0.5,
    });
    expect(points[0]).toMatchObject({
      deployments: 0,
      changeFailureRate: null,
    });
  });
});

describe('trendOf by quarter', () => {
  const window = windowOf(365, NOW); // 2025-11-21 .. 2026-11-20
  const HOUR = 3600;
  const points = trendOf(
    [
      // Week of 2 November: three incidents restored in 1 h each.
      rollup('2026-11-03', { restoreSeconds: [HOUR, HOUR, HOUR] }),
      // Week of 9 November: one restored in 9 h.
      rollup('2026-11-10', { restoreSeconds: [9 * HOUR] }),
      rollup('2026-10-05', { deployments: 60, successful: 51, failed: 9 }),
    ],
    window,
    'quarter',
  );

  it('has one point per calendar quarter of the window, partial ones included', () => {
    expect(points.map(p => p.period)).toEqual([
      '2025-10-01',
      '2026-01-01',
      '2026-04-01',
      '2026-07-01',
      '2026-10-01',
    ]);
  });

  it("takes the median of the quarter's incidents, not a mean of weekly medians", () => {
    // Restores 1, 1, 1, 9 h: the median is 1 h (the weekly medians 1 and 9
    // would average to 5 h).
    expect(points[4].timeToRestoreHours).toBe(1);
    expect(points[0].timeToRestoreHours).toBeNull();
  });

  it('counts deployments per day of the quarter that lies in the window', () => {
    // 1 October to 20 November: 51 days, 51 successful deployments.
    expect(points[4]).toMatchObject({
      deployments: 60,
      failedDeployments: 9,
      deploymentFrequency: 1,
      changeFailureRate: 0.15,
    });
    expect(points[1].deploymentFrequency).toBeNull();
  });
});
