/** KPIs the platform team promises, their targets and how they are computed. */

export type KpiId =
  | 'nps'
  | 'selfServiceAdoption'
  | 'goldenPathNewServices'
  | 'timeToFirstDeployment'
  | 'deploymentFrequency'
  | 'changeFailureRate'
  | 'timeToRestore'
  | 'platformUptime'
  | 'onboardingTime'
  | 'roadmapCompletion';

export type KpiUnit = 'score' | 'ratio' | 'hours' | 'perDay';

export interface KpiDefinition {
  id: KpiId;
  title: string;
  unit: KpiUnit;
  /** Met when the value is at least (`min`) or at most (`max`) the target. */
  direction: 'min' | 'max';
  target: number;
  /** The page that explains the number. */
  link: string;
  description: string;
}

export const DEFAULT_KPIS: KpiDefinition[] = [
  {
    id: 'nps',
    title: 'Developer NPS',
    unit: 'score',
    direction: 'min',
    target: 50,
    link: '/feedback?tab=satisfaction',
    description: 'Net promoter score of the quarterly in-portal survey',
  },
  {
    id: 'selfServiceAdoption',
    title: 'Self-service adoption',
    unit: 'ratio',
    direction: 'min',
    target: 0.8,
    link: '/platform-metrics',
    description:
      'Resources created in the last 90 days through self-service templates',
  },
  {
    id: 'goldenPathNewServices',
    title: 'New services on a golden path',
    unit: 'ratio',
    direction: 'min',
    target: 0.85,
    link: '/platform-metrics',
    description: 'Components created in the last 90 days from a golden path',
  },
  {
    id: 'timeToFirstDeployment',
    title: 'Time to first deployment',
    unit: 'hours',
    direction: 'max',
    target: 1,
    link: '/platform-metrics',
    description:
      'Median time from a new service to its first production deploy',
  },
  {
    id: 'deploymentFrequency',
    title: 'Deployment frequency',
    unit: 'perDay',
    direction: 'min',
    target: 10,
    link: '/platform-metrics',
    description: 'Successful production deployments per day, last 90 days',
  },
  {
    id: 'changeFailureRate',
    title: 'Change failure rate',
    unit: 'ratio',
    direction: 'max',
    target: 0.15,
    link: '/platform-metrics',
    description: 'Production deployments that failed or caused an incident',
  },
  {
    id: 'timeToRestore',
    title: 'Time to restore',
    unit: 'hours',
    direction: 'max',
    target: 0.5,
    link: '/platform-metrics',
    description: 'Median time from an incident opening to its resolution',
  },
  {
    id: 'platformUptime',
    title: 'Platform uptime',
    unit: 'ratio',
    direction: 'min',
    target: 0.999,
    link: '/catalog/default/group/platform-team/delivery',
    description:
      "Share of the last 90 days without an open incident of the platform team's own services",
  },
  {
    id: 'onboardingTime',
    title: 'Onboarding time',
    unit: 'hours',
    direction: 'max',
    target: 120,
    link: '/portal-usage',
    description:
      'Median time from a User joining (last 90 days) to their first change in production',
  },
  {
    id: 'roadmapCompletion',
    title: 'Roadmap completion',
    unit: 'ratio',
    direction: 'min',
    target: 0.7,
    link: '/feedback?tab=roadmap',
    description:
      'Planned backlog items shipped within their quarter, current quarter',
  },
];

/** Targets from config (`kpis.targets.<id>`) over the defaults. */
export function withTargets(
  overrides: Partial<Record<KpiId, number>>,
): KpiDefinition[] {
  return DEFAULT_KPIS.map(k =>
    overrides[k.id] !== undefined ? { ...k, target: overrides[k.id]! } : k,
  );
}

export type KpiStatus = 'on' | 'off' | 'unknown';

export function statusOf(
  kpi: Pick<KpiDefinition, 'direction' | 'target'>,
  value: number | null | undefined,
): KpiStatus {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return 'unknown';
  }
  const met =
    kpi.direction === 'min' ? value >= kpi.target : value <= kpi.target;
  return met ? 'on' : 'off';
}

export function formatKpi(unit: KpiUnit, value: number | null | undefined) {
  if (value === null || value === undefined) return 'No data';
  switch (unit) {
    case 'ratio':
      return `${(value * 100).toFixed(value >= 0.99 && value < 1 ? 2 : 1)}%`;
    case 'hours':
      return value < 1
        ? `${Math.round(value * 60)} min`
        : `${value.toFixed(1)} h`;
    case 'perDay':
      return `${value.toFixed(1)}/day`;
    default:
      return String(Math.round(value));
  }
}

export function formatTarget(kpi: KpiDefinition): string {
  return `${kpi.direction === 'min' ? '≥' : '≤'} ${formatKpi(
    kpi.unit,
    kpi.target,
  )}`;
}

/** Quarter of a YYYY-MM-DD day or ISO timestamp, e.g. `2026-Q4`. */
export function quarterOf(day: string): string {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

export interface WeeklyDelivery {
  period: string;
  deployments: number;
  failedDeployments: number;
  timeToRestoreHours: number | null;
}

export interface QuarterPoint {
  quarter: string;
  value: number | null;
}

/**
 * DORA per quarter from weekly points (`deployments` counts all production
 * deployments, failed ones included): successful deployments per day over
 * the days the weeks cover, failed / all deployments, and the mean of the
 * weekly median times to restore.
 */
export function doraByQuarter(points: WeeklyDelivery[]): {
  deploymentFrequency: QuarterPoint[];
  changeFailureRate: QuarterPoint[];
  timeToRestore: QuarterPoint[];
} {
  const quarters = new Map<string, WeeklyDelivery[]>();
  for (const p of points) {
    const q = quarterOf(p.period);
    quarters.set(q, [...(quarters.get(q) ?? []), p]);
  }
  const keys = [...quarters.keys()].sort();
  const sum = (ps: WeeklyDelivery[], f: (p: WeeklyDelivery) => number) =>
    ps.reduce((n, p) => n + f(p), 0);
  return {
    deploymentFrequency: keys.map(q => {
      const ps = quarters.get(q)!;
      return {
        quarter: q,
        value:
          sum(ps, p => p.deployments - p.failedDeployments) / (7 * ps.length),
      };
    }),
    changeFailureRate: keys.map(q => {
      const ps = quarters.get(q)!;
      const all = sum(ps, p => p.deployments);
      return {
        quarter: q,
        value: all ? sum(ps, p => p.failedDeployments) / all : null,
      };
    }),
    timeToRestore: keys.map(q => {
      const ps = quarters.get(q)!.filter(p => p.timeToRestoreHours !== null);
      return {
        quarter: q,
        value: ps.length
          ? sum(ps, p => p.timeToRestoreHours!) / ps.length
          : null,
      };
    }),
  };
}

export interface Outage {
  createdAt: string;
  resolvedAt: string | null;
}

/**
 * Share of [from, to) without an open incident: overlapping incidents count
 * once, unresolved ones last until `to`.
 */
export function uptime(incidents: Outage[], from: string, to: string): number {
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (!(end > start)) return 1;
  const spans = incidents
    .map(i => [
      Math.max(start, Date.parse(i.createdAt)),
      Math.min(end, i.resolvedAt ? Date.parse(i.resolvedAt) : end),
    ])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let down = 0;
  let cursor = start;
  for (const [a, b] of spans) {
    const from2 = Math.max(a, cursor);
    if (b > from2) {
      down += b - from2;
      cursor = b;
    }
  }
  return 1 - down / (end - start);
}
