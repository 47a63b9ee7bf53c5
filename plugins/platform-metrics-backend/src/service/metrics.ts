import {
  BandThresholds,
  changeFailureRateBand,
  DoraMetrics,
  deploymentFrequencyBand,
  durationBand,
  Granularity,
  TrendPoint,
  WindowDays,
} from '@internal/plugin-platform-metrics-common';
import { RollupRow } from '../database/types';

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` plus `n` days. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

/** Monday (UTC) of the week holding `day`. */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

export interface MetricWindow {
  days: WindowDays;
  /** First and last UTC day of the window (inclusive); the last is today. */
  fromDay: string;
  toDay: string;
  from: string;
  to: string;
  previous: { fromDay: string; toDay: string };
}

/** The last `days` UTC days up to now, and the same length before them. */
export function windowOf(days: WindowDays, now: Date): MetricWindow {
  const toDay = now.toISOString().slice(0, 10);
  const fromDay = addDays(toDay, -(days - 1));
  return {
    days,
    fromDay,
    toDay,
    from: `${fromDay}T00:00:00.000Z`,
    to: now.toISOString(),
    previous: { fromDay: addDays(fromDay, -days), toDay: addDays(fromDay, -1) },
  };
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Sums of the rollup rows of one scope within one window. */
export type Totals = Omit<RollupRow, 'entityRef' | 'day'> & {
  /** UTC days with at least one successful production deployment. */
  deployDays: Set<string>;
};

function emptyTotals(): Totals {
  return {
    deployments: 0,
    successful: 0,
    failed: 0,
    rework: 0,
    leadTimeSeconds: [],
    restoreSeconds: [],
    deployDays: new Set(),
  };
}

function addRow(t: Totals, r: RollupRow) {
  t.deployments += r.deployments;
  t.successful += r.successful;
  t.failed += r.failed;
  t.rework += r.rework;
  for (const s of r.leadTimeSeconds) t.leadTimeSeconds.push(s);
  for (const s of r.restoreSeconds) t.restoreSeconds.push(s);
  if (r.successful > 0) t.deployDays.add(r.day);
}

export function totalsOf(rows: RollupRow[]): Totals {
  const t = emptyTotals();
  for (const r of rows) addRow(t, r);
  return t;
}

const hours = (s: number | null) => (s === null ? null : s / 3600);

/** Median deploy days per week over the window's 7-day blocks, newest first. */
export function medianDeployDaysPerWeek(
  deployDays: Set<string>,
  fromDay: string,
  toDay: string,
): number {
  const counts: number[] = [];
  let end = toDay;
  while (end >= fromDay) {
    let n = 0;
    for (let i = 0; i < 7; i++) {
      const d = addDays(end, -i);
      if (d < fromDay) break;
      if (deployDays.has(d)) n += 1;
    }
    counts.push(n);
    end = addDays(end, -7);
  }
  return median(counts) ?? 0;
}

interface Values {
  deploymentFrequency: number | null;
  leadTime: number | null;
  changeFailureRate: number | null;
  timeToRestore: number | null;
  reworkRate: number | null;
}

function valuesOf(t: Totals, days: number): Values {
  return {
    deploymentFrequency: t.deployments === 0 ? null : t.successful / days,
    leadTime: hours(median(t.leadTimeSeconds)),
    changeFailureRate: t.deployments === 0 ? null : t.failed / t.deployments,
    timeToRestore: hours(median(t.restoreSeconds)),
    reworkRate: t.deployments === 0 ? null : t.rework / t.deployments,
  };
}

/** The four keys and rework rate with bands, against the previous window. */
export function doraMetrics(
  current: Totals,
  previous: Totals,
  window: Pick<MetricWindow, 'days' | 'fromDay' | 'toDay'>,
  bands: BandThresholds,
): DoraMetrics {
  const now = valuesOf(current, window.days);
  const before = valuesOf(previous, window.days);
  return {
    deploymentFrequency: {
      value: now.deploymentFrequency,
      unit: 'deploys/day',
      band: deploymentFrequencyBand(
        {
          deployments: current.deployments,
          medianDeployDaysPerWeek: medianDeployDaysPerWeek(
            current.deployDays,
            window.fromDay,
            window.toDay,
          ),
          deployDaysPer30Days: (current.deployDays.size / window.days) * 30,
        },
        bands.deploymentFrequency,
      ),
      previous: before.deploymentFrequency,
      sampleSize: current.successful,
    },
    leadTime: {
      value: now.leadTime,
      unit: 'hours',
      band: durationBand(now.leadTime, bands.leadTimeHours),
      previous: before.leadTime,
      sampleSize: current.leadTimeSeconds.length,
    },
    changeFailureRate: {
      value: now.changeFailureRate,
      unit: 'ratio',
      band: changeFailureRateBand(
        now.changeFailureRate,
        bands.changeFailureRate,
      ),
      previous: before.changeFailureRate,
      sampleSize: current.deployments,
    },
    timeToRestore: {
      value: now.timeToRestore,
      unit: 'hours',
      band: durationBand(now.timeToRestore, bands.timeToRestoreHours),
      previous: before.timeToRestore,
      sampleSize: current.restoreSeconds.length,
    },
    reworkRate: {
      value: now.reworkRate,
      unit: 'ratio',
      band: 'none',
      previous: before.reworkRate,
      sampleSize: current.deployments,
    },
  };
}

/** One point per day or per week (its Monday) of the window, empty ones included. */
export function trendOf(
  rows: RollupRow[],
  window: Pick<MetricWindow, 'fromDay' | 'toDay'>,
  granularity: Granularity,
): TrendPoint[] {
  const bucketOf = (day: string) =>
    granularity === 'day' ? day : mondayOf(day);
  const buckets = new Map<string, Totals>();
  for (
    let d = bucketOf(window.fromDay);
    d <= window.toDay;
    d = addDays(d, granularity === 'day' ? 1 : 7)
  ) {
    buckets.set(d, emptyTotals());
  }
  for (const r of rows) {
    if (r.day < window.fromDay || r.day > window.toDay) continue;
    const t = buckets.get(bucketOf(r.day));
    if (t) addRow(t, r);
  }
  return [...buckets.entries()].map(([period, t]) => ({
    period,
    deployments: t.deployments,
    failedDeployments: t.failed,
    leadTimeHours: hours(median(t.leadTimeSeconds)),
    changeFailureRate: t.deployments === 0 ? null : t.failed / t.deployments,
    timeToRestoreHours: hours(median(t.restoreSeconds)),
  }));
}
