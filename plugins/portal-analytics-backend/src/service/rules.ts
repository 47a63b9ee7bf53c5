import {
  AnalyticsEvent,
  UsageRanking,
} from '@internal/plugin-portal-analytics-common';
import { DateTime } from 'luxon';

/** Longest ranked key stored (the aggregate column); longer keys are cut. */
export const MAX_KEY_LENGTH = 512;

/** Local calendar periods of an instant in a time zone. */
export interface LocalPeriods {
  day: string;
  /** Monday of its ISO week. */
  week: string;
  month: string;
}

export function periodsOf(instant: string, timeZone: string): LocalPeriods {
  const local = DateTime.fromISO(instant, { zone: 'utc' }).setZone(timeZone);
  return {
    day: local.toISODate()!,
    week: local.startOf('week').toISODate()!,
    month: local.toFormat('yyyy-MM'),
  };
}

/** Today in the time zone. */
export function todayIn(timeZone: string, now: Date): string {
  return DateTime.fromJSDate(now).setZone(timeZone).toISODate()!;
}

/** First day of the window of `days` days ending on `to` (inclusive). */
export function windowStart(to: string, days: number): string {
  return DateTime.fromISO(to, { zone: 'utc' })
    .minus({ days: days - 1 })
    .toISODate()!;
}

/** An entity ref from a catalog or docs path, e.g. /catalog/default/component/x. */
function entityFromPath(path: string, prefix: string): string | undefined {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] !== prefix || parts.length < 4) return undefined;
  const [namespace, kind, name] = parts.slice(1, 4).map(p => {
    try {
      return decodeURIComponent(p).toLocaleLowerCase('en-US');
    } catch {
      return p.toLocaleLowerCase('en-US');
    }
  });
  return `${kind}:${namespace}/${name}`;
}

const cut = (key: string) => key.slice(0, MAX_KEY_LENGTH);

/**
 * What an event counts towards on the usage page:
 * - `navigate`: the page (path without query or hash), its plugin, and the
 *   entity of a /catalog/:namespace/:kind/:name page or the docs of a
 *   /docs/:namespace/:kind/:name page;
 * - `search`: the term (trimmed, lower case), and `searchNoResults` when
 *   its value (the result count) is 0;
 * - `create` from a browser: nothing. Template runs are counted from the
 *   scaffolder's own task events (templateRuns.ts), so a browser cannot
 *   claim one.
 */
export function countersOf(
  event: AnalyticsEvent,
): { kind: UsageRanking; key: string }[] {
  const out: { kind: UsageRanking; key: string }[] = [];
  if (event.action === 'navigate') {
    const path = event.subject.split(/[?#]/)[0] || '/';
    out.push({ kind: 'page', key: cut(path) });
    if (event.pluginId) out.push({ kind: 'plugin', key: event.pluginId });
    const entity = entityFromPath(path, 'catalog');
    if (entity) out.push({ kind: 'entity', key: cut(entity) });
    const doc = entityFromPath(path, 'docs');
    if (doc) out.push({ kind: 'doc', key: cut(doc) });
  } else if (event.action === 'search') {
    const term = event.subject.trim().toLocaleLowerCase('en-US');
    if (term) {
      out.push({ kind: 'search', key: cut(term) });
      if (event.value === 0)
        out.push({ kind: 'searchNoResults', key: cut(term) });
    }
  }
  return out;
}

/**
 * The team an event is attributed to: the first group among the user's
 * ownership refs (the user's own ref and other kinds skipped).
 */
export function teamOf(ownershipEntityRefs: string[]): string | null {
  return (
    ownershipEntityRefs
      .map(r => r.toLocaleLowerCase('en-US'))
      .find(r => r.startsWith('group:')) ?? null
  );
}

/** Why an event's time is refused, or undefined when it is fine. */
export function timestampProblem(
  timestamp: string,
  now: Date,
): string | undefined {
  const t = Date.parse(timestamp);
  if (t > now.getTime() + 5 * 60_000) return 'is in the future';
  if (t < now.getTime() - 7 * 86_400_000) return 'is more than 7 days old';
  return undefined;
}

/** A user active in a week and month (both in the queried days), in a team. */
export interface ActivityTuple {
  week: string;
  month: string;
  team: string | null;
  user: string;
}

/**
 * Distinct users overall, per ISO week, per month and per team from the
 * (week, month, team, user) combinations of the queried days. Users without
 * a team count overall only.
 */
export function activity(tuples: ActivityTuple[]) {
  const distinct = (key: (t: ActivityTuple) => string | null) => {
    const sets = new Map<string, Set<string>>();
    for (const t of tuples) {
      const k = key(t);
      if (k === null) continue;
      let set = sets.get(k);
      if (!set) {
        set = new Set();
        sets.set(k, set);
      }
      set.add(t.user);
    }
    return [...sets]
      .map(([period, users]) => ({ period, users: users.size }))
      .sort((a, b) => a.period.localeCompare(b.period));
  };
  return {
    total: new Set(tuples.map(t => t.user)).size,
    weekly: distinct(t => t.week),
    monthly: distinct(t => t.month),
    perTeam: new Map(distinct(t => t.team).map(p => [p.period, p.users])),
  };
}
