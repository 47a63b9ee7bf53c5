import { Kpi, KpiQuarter } from '@internal/plugin-portal-analytics-common';
import { KpiDefinition } from './definitions';

const DAY_MS = 86_400_000;

/** On target when at least (`min`) or at most (`max`) the target, edge included. */
export function statusOf(
  kpi: Pick<KpiDefinition, 'direction' | 'target'>,
  value: number | null | undefined,
): Kpi['status'] {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return 'unknown';
  }
  const met =
    kpi.direction === 'min' ? value >= kpi.target : value <= kpi.target;
  return met ? 'on' : 'off';
}

/** Quarter of a YYYY-MM-DD day or ISO timestamp (UTC), e.g. `2026-Q4`. */
export function quarterOf(day: string): string {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

export interface Outage {
  createdAt: string;
  resolvedAt: string | null;
}

/**
 * Share of [from, to) without an open incident: overlapping incidents count
 * once, unresolved ones last until `to`.
 */
export function uptime(incidents: Outage[], from: Date, to: Date): number {
  const start = from.getTime();
  const end = to.getTime();
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

/** Uptime of the last `days` days, and of the current and three previous quarters (the current one up to now). */
export function uptimeFigures(
  incidents: Outage[],
  now: Date,
  days: number,
): { value: number; trend: KpiQuarter[] } {
  const trend: KpiQuarter[] = [];
  for (let back = 3; back >= 0; back--) {
    const start = new Date(
      Date.UTC(
        now.getUTCFullYear(),
        Math.floor(now.getUTCMonth() / 3) * 3 - 3 * back,
        1,
      ),
    );
    const end = new Date(
      Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3, 1),
    );
    trend.push({
      quarter: quarterOf(start.toISOString()),
      value: uptime(incidents, start, end < now ? end : now),
    });
  }
  return {
    value: uptime(incidents, new Date(now.getTime() - days * DAY_MS), now),
    trend,
  };
}
