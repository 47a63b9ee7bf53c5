import { mockServices } from '@backstage/backend-test-utils';
import { DEFAULT_KPIS, kpiDefinitions } from './definitions';
import { quarterOf, statusOf, uptime, uptimeFigures } from './rules';

it('judges on and off target in the right direction, at the edge included', () => {
  expect(statusOf({ direction: 'min', target: 50 }, 50)).toBe('on');
  expect(statusOf({ direction: 'min', target: 50 }, 49)).toBe('off');
  expect(statusOf({ direction: 'max', target: 0.15 }, 0.15)).toBe('on');
  expect(statusOf({ direction: 'max', target: 0.15 }, 0.2)).toBe('off');
  expect(statusOf({ direction: 'max', target: 1 }, null)).toBe('unknown');
});

it('names quarters in UTC', () => {
  expect(quarterOf('2026-03-31')).toBe('2026-Q1');
  expect(quarterOf('2026-10-01T00:00:00.000Z')).toBe('2026-Q4');
});

it('takes targets from config over the defaults and refuses unknown KPIs', () => {
  const config = (targets: Record<string, number>) =>
    mockServices.rootConfig({ data: { kpis: { targets } } });
  const byId = (id: string, targets: Record<string, number>) =>
    kpiDefinitions(config(targets)).find(k => k.id === id)!;
  expect(byId('onboardingTime', { onboardingTime: 168 }).target).toBe(168);
  expect(byId('nps', { onboardingTime: 168 }).target).toBe(50);
  expect(kpiDefinitions(mockServices.rootConfig())).toEqual(DEFAULT_KPIS);
  expect(() => kpiDefinitions(config({ uptime: 1 }))).toThrow(
    'kpis.targets.uptime is not a KPI',
  );
});

it('uptime counts overlapping incidents once and clips to the window', () => {
  const from = new Date('2026-11-01T00:00:00.000Z');
  const to = new Date('2026-11-11T00:00:00.000Z'); // 10 days
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

it('gives uptime of the window and of the last four quarters', () => {
  const now = new Date('2026-11-20T12:00:00.000Z');
  const figures = uptimeFigures(
    [
      // 9 hours of 90 days.
      {
        createdAt: '2026-11-19T00:00:00.000Z',
        resolvedAt: '2026-11-19T09:00:00.000Z',
      },
    ],
    now,
    90,
  );
  expect(figures.value).toBeCloseTo(1 - 9 / (90 * 24), 10);
  expect(figures.trend.map(p => p.quarter)).toEqual([
    '2026-Q1',
    '2026-Q2',
    '2026-Q3',
    '2026-Q4',
  ]);
  expect(figures.trend[2].value).toBe(1);
  // 1 October to now: 50.5 days.
  expect(figures.trend[3].value).toBeCloseTo(1 - 9 / (50.5 * 24), 10);
});
