/**
 * The DORA rules in one place, as pure functions (no database): what counts
 * as a failed deployment, a rework, a lead time and a time to restore; how
 * the events of one entity and day become a rollup row; and how rollups of a
 * window become the four keys, their bands and the trend. The stores only
 * persist what these functions decide (see ../database/RollupStore.ts).
 */
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

/** Whole seconds from one ISO time to another. */
export function secondsBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 1000);
}

/** `2026-11-22` of a UTC ISO timestamp: rollups are per UTC day. */
export function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

/** A production deployment as the rules see it. */
export interface DeploymentFacts {
  /** Row id: unique across sources. */
  id: number;
  /** The sender's id: unique per source only. */
  externalId: string;
  entityRef: string;
  day: string;
  status: 'success' | 'failure';
  deployedAt: string;
  rollback: boolean;
  hotfix: boolean;
}

/** What the rollup rows of some (entity, day) pairs are computed from. */
export interface RollupFacts {
  /** The production deployments of those pairs. */
  deployments: DeploymentFacts[];
  /** `entityRef\0externalId` of deployments an incident names as its cause. */
  causedDeployments: Set<string>;
  /** Commits shipped by each successful deployment (by id). */
  commitsOf: Map<number, string[]>;
  /** The first successful production deployment of each of those commits. */
  firstDeploymentOf: Map<string, { id: number; at: string }>;
  /** Commits an incident names as its cause. */
  causedCommits: Set<string>;
  /** Authoring time of the commits that are known changes. */
  authoredAt: Map<string, string>;
  /** The incidents resolved on those pairs' days. */
  incidents: Array<{
    entityRef: string;
    resolvedDay: string;
    createdAt: string;
    resolvedAt: string;
  }>;
}

/** Key of a deployment named as cause: ids are unique per source only, so an incident names a deployment of its own entity. */
export const causeKey = (entityRef: string, externalId: string) =>
  `${entityRef}\u0000${externalId}`;

/**
 * The deployment that first shipped a commit: the earliest successful
 * production deployment, the lower id on a tie. Returns the better of the two.
 */
export function firstOf(
  current: { id: number; at: string } | undefined,
  candidate: { id: number; at: string },
): { id: number; at: string } {
  if (
    !current ||
    candidate.at < current.at ||
    (candidate.at === current.at && candidate.id < current.id)
  ) {
    return candidate;
  }
  return current;
}

/**
 * Change failure: a production deployment failed when it did not succeed,
 * when an incident of its entity names it as cause, or when an incident
 * names a commit it was the first to ship.
 */
export function isFailed(d: DeploymentFacts, f: RollupFacts): boolean {
  if (d.status !== 'success') return true;
  if (f.causedDeployments.has(causeKey(d.entityRef, d.externalId))) return true;
  return (f.commitsOf.get(d.id) ?? []).some(
    sha =>
      f.causedCommits.has(sha) && f.firstDeploymentOf.get(sha)?.id === d.id,
  );
}

/** Rework: a rollback or a hotfix, whatever its status. */
export function isRework(d: Pick<DeploymentFacts, 'rollback' | 'hotfix'>) {
  return d.rollback || d.hotfix;
}

/**
 * Lead time of a change: from authoring to the first successful production
 * deployment that shipped it; none when not positive (clock skew, rebases).
 */
export function leadTimeSeconds(
  authoredAt: string,
  deployedAt: string,
): number | null {
  const s = secondsBetween(authoredAt, deployedAt);
  return s > 0 ? s : null;
}

/** Time to restore: from the incident's creation to its resolution, at least 0. */
export function restoreSeconds(createdAt: string, resolvedAt: string): number {
  return Math.max(0, secondsBetween(createdAt, resolvedAt));
}

export function emptyRollup(entityRef: string, day: string): RollupRow {
  return {
    entityRef,
    day,
    deployments: 0,
    successful: 0,
    failed: 0,
    rework: 0,
    leadTimeSeconds: [],
    restoreSeconds: [],
  };
}

/**
 * The rollup rows of the facts: per entity and UTC day, production
 * deployments (by deployment day), failed, rework, lead times (counted on the
 * day of the deployment that first shipped the change) and restore times
 * (counted on the day the incident was resolved).
 */
export function rollupsOf(f: RollupFacts): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  const rowFor = (entityRef: string, day: string) => {
    const key = `${entityRef}\u0000${day}`;
    let row = rows.get(key);
    if (!row) {
      row = emptyRollup(entityRef, day);
      rows.set(key, row);
    }
    return row;
  };
  for (const d of f.deployments) {
    const row = rowFor(d.entityRef, d.day);
    row.deployments += 1;
    if (d.status === 'success') row.successful += 1;
    if (isFailed(d, f)) row.failed += 1;
    if (isRework(d)) row.rework += 1;
    if (d.status !== 'success') continue;
    for (const sha of f.commitsOf.get(d.id) ?? []) {
      const authored = f.authoredAt.get(sha);
      if (!authored || f.firstDeploymentOf.get(sha)?.id !== d.id) continue;
      const lead = leadTimeSeconds(authored, d.deployedAt);
      if (lead !== null) row.leadTimeSeconds.push(lead);
    }
  }
  for (const i of f.incidents) {
    rowFor(i.entityRef, i.resolvedDay).restoreSeconds.push(
      restoreSeconds(i.createdAt, i.resolvedAt),
    );
  }
  return [...rows.values()];
}

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
  const { entityRef: _ref, day: _day, ...sums } = emptyRollup('', '');
  return { ...sums, deployDays: new Set() };
}

/** Adds a rollup row's counts and samples to `into` (rows of one scope add up). */
export function addRollup(
  into: Omit<RollupRow, 'entityRef' | 'day'>,
  r: RollupRow,
) {
  into.deployments += r.deployments;
  into.successful += r.successful;
  into.failed += r.failed;
  into.rework += r.rework;
  for (const s of r.leadTimeSeconds) into.leadTimeSeconds.push(s);
  for (const s of r.restoreSeconds) into.restoreSeconds.push(s);
}

function addRow(t: Totals, r: RollupRow) {
  addRollup(t, r);
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
  const deployDaysPerWeek = medianDeployDaysPerWeek(
    current.deployDays,
    window.fromDay,
    window.toDay,
  );
  return {
    deploymentFrequency: {
      value: now.deploymentFrequency,
      unit: 'deploys/day',
      band: deploymentFrequencyBand(
        {
          deployments: current.deployments,
          medianDeployDaysPerWeek: deployDaysPerWeek,
          deployDaysPer30Days: (current.deployDays.size / window.days) * 30,
        },
        bands.deploymentFrequency,
      ),
      // No deploys, no measure to show (as for the value itself).
      ...(current.successful > 0 && {
        bandBasis: { value: deployDaysPerWeek, unit: 'deploy days/week' },
      }),
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

/** First day of the period (day, week from Monday, quarter) holding `day`, and of the next. */
function periodOf(day: string, granularity: Granularity, next = false) {
  if (granularity !== 'quarter') {
    const start = granularity === 'day' ? day : mondayOf(day);
    return next ? addDays(start, granularity === 'day' ? 1 : 7) : start;
  }
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(Math.floor(d.getUTCMonth() / 3) * 3 + (next ? 3 : 0));
  return d.toISOString().slice(0, 10);
}

/**
 * One point per day, per week (its Monday) or per calendar quarter (its
 * first day) of the window, empty ones included. Every figure of a point is
 * computed from the point's own events (a quarter's time to restore is the
 * median of its incidents, not a mean of weekly medians); deployment
 * frequency is per day of the period that lies in the window.
 */
export function trendOf(
  rows: RollupRow[],
  window: Pick<MetricWindow, 'fromDay' | 'toDay'>,
  granularity: Granularity,
): TrendPoint[] {
  const buckets = new Map<string, { totals: Totals; days: number }>();
  for (
    let d = periodOf(window.fromDay, granularity);
    d <= window.toDay;
    d = periodOf(d, granularity, true)
  ) {
    const first = d < window.fromDay ? window.fromDay : d;
    const end = addDays(periodOf(d, granularity, true), -1);
    const last = end > window.toDay ? window.toDay : end;
    const days = (Date.parse(last) - Date.parse(first)) / DAY_MS + 1;
    buckets.set(d, { totals: emptyTotals(), days });
  }
  for (const r of rows) {
    if (r.day < window.fromDay || r.day > window.toDay) continue;
    const b = buckets.get(periodOf(r.day, granularity));
    if (b) addRow(b.totals, r);
  }
  return [...buckets.entries()].map(([period, { totals: t, days }]) => ({
    period,
    deployments: t.deployments,
    failedDeployments: t.failed,
    deploymentFrequency: t.deployments === 0 ? null : t.successful / days,
    leadTimeHours: hours(median(t.leadTimeSeconds)),
    changeFailureRate: t.deployments === 0 ? null : t.failed / t.deployments,
    timeToRestoreHours: hours(median(t.restoreSeconds)),
  }));
}
