import {
  DEFAULT_KPIS,
  doraByQuarter,
  formatKpi,
  formatTarget,
  statusOf,
  uptime,
  withTargets,
} from './kpis';

it('has the promised defaults and lets config override a target', () => {
  const byId = Object.fromEntries(DEFAULT_KPIS.map(k => [k.id, k]));
  expect(formatTarget(byId.nps)).toBe('≥ 50');
  expect(formatTarget(byId.selfServiceAdoption)).toBe('≥ 80.0%');
  expect(formatTarget(byId.goldenPathNewServices)).toBe('≥ 85.0%');
  expect(formatTarget(byId.timeToFirstDeployment)).toBe('≤ 1.0 h');
  expect(formatTarget(byId.deploymentFrequency)).toBe('≥ 10.0/day');
  expect(formatTarget(byId.changeFailureRate)).toBe('≤ 15.0%');
  expect(formatTarget(byId.timeToRestore)).toBe('≤ 30 min');
  expect(formatTarget(byId.platformUptime)).toBe('≥ 99.90%');
  expect(formatTarget(byId.onboardingTime)).toBe('≤ 120.0 h');
  expect(
    withTargets({ onboardingTime: 168 }).find(k => k.id === 'onboardingTime')!
      .target,
  ).toBe(168);
  expect(withTargets({ nps: 40 }).find(k => k.id === 'nps')!.target).toBe(40);
});

it('judges on and off target in the right direction, at the edge included', () => {
  expect(statusOf({ direction: 'min', target: 50 }, 50)).toBe('on');
  expect(statusOf({ direction: 'min', target: 50 }, 49)).toBe('off');
  expect(statusOf({ direction: 'max', target: 0.15 }, 0.15)).toBe('on');
  expect(statusOf({ direction: 'max', target: 0.15 }, 0.2)).toBe('off');
  expect(statusOf({ direction: 'max', target: 1 }, null)).toBe('unknown');
});

it('formats values', () => {
  expect(formatKpi('hours', 0.25)).toBe('15 min');
  expect(formatKpi('ratio', 0.9995)).toBe('99.95%');
  expect(formatKpi('score', null)).toBe('No data');
});

it('rolls weekly DORA points up into quarters', () => {
  const q = doraByQuarter([
    {
      period: '2026-09-21',
      deployments: 70,
      failedDeployments: 0,
      timeToRestoreHours: 1,
    },
    {
      period: '2026-09-28',
      deployments: 63,
      failedDeployments: 7,
      timeToRestoreHours: null,
    },
    {
      period: '2026-10-05',
      deployments: 14,
      failedDeployments: 14,
      timeToRestoreHours: 0.5,
    },
  ]);
  expect(q.deploymentFrequency).toEqual([
    { quarter: '2026-Q3', value: 126 / 14 },
    { quarter: '2026-Q4', value: 0 },
  ]);
  expect(q.changeFailureRate).toEqual([
    { quarter: '2026-Q3', value: 7 / 133 },
    { quarter: '2026-Q4', value: 1 },
  ]);
  expect(q.timeToRestore).toEqual([
    { quarter: '2026-Q3', value: 1 },
    { quarter: '2026-Q4', value: 0.5 },
  ]);
});

it('uptime counts overlapping incidents once and clips to the window', () => {
  const from = '2026-11-01T00:00:00.000Z';
  const to = '2026-11-11T00:00:00.000Z'; // 10 days
  expect(uptime([], from, to)).toBe(1);
  expect(
    uptime(
      [
        // 12 h, half before the window: 6 h count.
        {
          createdAt: '2026-10-31T18:00:00.000Z',
          resolvedAt: '2026-11-01T06:00:00.000Z',
        },
        // 2 h overlapping 1 h with the next.
        {
          createdAt: '2026-11-05T00:00:00.000Z',
          resolvedAt: '2026-11-05T02:00:00.000Z',
        },
        {
          createdAt: '2026-11-05T01:00:00.000Z',
          resolvedAt: '2026-11-05T03:00:00.000Z',
        },
        // Still open: until the end of the window, 12 h.
        { createdAt: '2026-11-10T12:00:00.000Z', resolvedAt: null },
      ],
      from,
      to,
    ),
  ).toBeCloseTo(1 - (6 + 3 + 12) / 240, 10);
});
