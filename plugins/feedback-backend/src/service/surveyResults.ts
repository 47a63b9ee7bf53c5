import {
  MIN_SURVEY_GROUP_SIZE,
  quarterOfMonth,
  SurveyGranularity,
  SurveyPeriod,
  SurveyResultsResponse,
} from '@internal/plugin-feedback-common';
import { SurveyAggregate } from '../database/SurveyStore';

type Counts = Omit<SurveyAggregate, 'period' | 'teamRef'>;

const EMPTY: Counts = { responses: 0, promoters: 0, detractors: 0, easeSum: 0 };

function add(a: Counts, b: Counts): Counts {
  return {
    responses: a.responses + b.responses,
    promoters: a.promoters + b.promoters,
    detractors: a.detractors + b.detractors,
    easeSum: a.easeSum + b.easeSum,
  };
}

/** NPS = % promoters (9-10) minus % detractors (0-6), rounded to an integer. */
export function toSurveyPeriod(period: string, c: Counts): SurveyPeriod {
  const n = c.responses;
  return {
    period,
    suppressed: false,
    responses: n,
    nps: n ? Math.round((100 * (c.promoters - c.detractors)) / n) : null,
    promoters: c.promoters,
    passives: n - c.promoters - c.detractors,
    detractors: c.detractors,
    averageEase: n ? Math.round((100 * c.easeSum) / n) / 100 : null,
  };
}

/** A cell that shows nothing, not even how many answered. */
export function suppressedPeriod(period: string): SurveyPeriod {
  return {
    period,
    suppressed: true,
    responses: null,
    nps: null,
    promoters: null,
    passives: null,
    detractors: null,
    averageEase: null,
  };
}

/** Row key of the whole organisation (team refs are never empty). */
const OVERALL = '';

/**
 * Which cells (row = team or overall, column = period) may be shown. A cell
 * is shown only with at least `min` answers, and only if no group of fewer
 * than `min` answers can be computed by subtracting shown cells from a total:
 * - in a period, the overall count (shown or not) minus the shown teams
 *   (the hidden teams and the respondents without a team together) must be
 *   0 or at least `min`;
 * - by month, a row's quarter total (known from the quarterly results)
 *   minus its shown months must be 0 or at least `min`.
 * Otherwise the smallest shown cell of that period or quarter is hidden too,
 * until both hold. Each cell depends only on the answers of its own quarter,
 * so asking for other windows reveals nothing more.
 */
export function shownCells(
  cells: Map<string, Map<string, Counts>>,
  granularity: SurveyGranularity,
  min: number = MIN_SURVEY_GROUP_SIZE,
): Set<string> {
  const key = (row: string, period: string) => `${row}\u0000${period}`;
  const n = (row: string, period: string) =>
    cells.get(row)?.get(period)?.responses ?? 0;
  const shown = new Set<string>();
  const periods = new Set<string>();
  for (const [row, byPeriod] of cells) {
    for (const period of byPeriod.keys()) {
      periods.add(period);
      if (n(row, period) >= min) shown.add(key(row, period));
    }
  }
  const teams = [...cells.keys()].filter(r => r !== OVERALL).sort();

  /** Hides the smallest shown cell of `candidates` if the rest is 1..min-1. */
  const protect = (total: number, candidates: Array<[string, string]>) => {
    const visible = candidates.filter(([r, p]) => shown.has(key(r, p)));
    const rest = total - visible.reduce((sum, [r, p]) => sum + n(r, p), 0);
    if (rest <= 0 || rest >= min || visible.length === 0) return false;
    const [r, p] = visible.reduce((a, b) =>
      n(b[0], b[1]) < n(a[0], a[1]) ? b : a,
    );
    shown.delete(key(r, p));
    return true;
  };

  let changed = true;
  while (changed) {
    changed = false;
    // Totals count as known even where hidden: they may be derivable.
    for (const period of periods) {
      const column: Array<[string, string]> = teams.map(t => [t, period]);
      changed = protect(n(OVERALL, period), column) || changed;
    }
    if (granularity === 'month') {
      for (const [row, byPeriod] of cells) {
        const quarters = new Map<string, string[]>();
        for (const month of byPeriod.keys()) {
          const q = quarterOfMonth(month);
          quarters.set(q, [...(quarters.get(q) ?? []), month]);
        }
        for (const months of quarters.values()) {
          const total = months.reduce((sum, m) => sum + n(row, m), 0);
          const candidates: Array<[string, string]> = months.map(m => [row, m]);
          changed = protect(total, candidates) || changed;
        }
      }
    }
  }
  return shown;
}

/**
 * Every period in `periods` (oldest first) appears in `overall` and in every
 * listed team; cells that may not be shown (see {@link shownCells}) are
 * suppressed. `aggregates` must cover whole quarters (by month: from the
 * first month of the quarter of `periods[0]`). Teams are those with at least
 * one shown period, by title.
 */
export function buildSurveyResults(
  aggregates: SurveyAggregate[],
  periods: string[],
  teamTitles: Map<string, string>,
  granularity: SurveyGranularity = 'quarter',
): SurveyResultsResponse {
  const cells = new Map<string, Map<string, Counts>>();
  const addTo = (row: string, a: SurveyAggregate) => {
    const byPeriod = cells.get(row) ?? new Map<string, Counts>();
    byPeriod.set(a.period, add(byPeriod.get(a.period) ?? EMPTY, a));
    cells.set(row, byPeriod);
  };
  for (const a of aggregates) {
    addTo(OVERALL, a);
    if (a.teamRef) addTo(a.teamRef, a);
  }
  const shown = shownCells(cells, granularity);
  const series = (row: string) =>
    periods.map(p =>
      shown.has(`${row}\u0000${p}`)
        ? toSurveyPeriod(p, cells.get(row)!.get(p)!)
        : suppressedPeriod(p),
    );
  const overall = series(OVERALL);
  return {
    overall,
    teams: [...cells.keys()]
      .filter(row => row !== OVERALL)
      .map(entityRef => ({
        entityRef,
        title: teamTitles.get(entityRef) ?? entityRef,
        periods: series(entityRef),
      }))
      .filter(team => team.periods.some(p => !p.suppressed))
      .sort(
        (a, b) =>
          a.title.localeCompare(b.title, 'en') ||
          a.entityRef.localeCompare(b.entityRef, 'en'),
      ),
    responses: overall.reduce((sum, p) => sum + (p.responses ?? 0), 0),
  };
}
