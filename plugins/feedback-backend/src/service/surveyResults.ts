import {
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
    responses: n,
    nps: n ? Math.round((100 * (c.promoters - c.detractors)) / n) : null,
    promoters: c.promoters,
    passives: n - c.promoters - c.detractors,
    detractors: c.detractors,
    averageEase: n ? Math.round((100 * c.easeSum) / n) / 100 : null,
  };
}

/**
 * Every period in `periods` (oldest first) appears in `overall` and in every
 * team, with zero responses and null NPS where nobody answered. Teams are the
 * respondents' teams that answered in those periods, by title.
 */
export function buildSurveyResults(
  aggregates: SurveyAggregate[],
  periods: string[],
  teamTitles: Map<string, string>,
): SurveyResultsResponse {
  const wanted = new Set(periods);
  const overall = new Map<string, Counts>();
  const perTeam = new Map<string, Map<string, Counts>>();
  let responses = 0;
  for (const a of aggregates) {
    if (!wanted.has(a.period)) continue;
    responses += a.responses;
    overall.set(a.period, add(overall.get(a.period) ?? EMPTY, a));
    if (a.teamRef) {
      const team = perTeam.get(a.teamRef) ?? new Map<string, Counts>();
      team.set(a.period, add(team.get(a.period) ?? EMPTY, a));
      perTeam.set(a.teamRef, team);
    }
  }
  const series = (counts: Map<string, Counts>) =>
    periods.map(p => toSurveyPeriod(p, counts.get(p) ?? EMPTY));
  return {
    overall: series(overall),
    teams: [...perTeam.entries()]
      .map(([entityRef, counts]) => ({
        entityRef,
        title: teamTitles.get(entityRef) ?? entityRef,
        periods: series(counts),
      }))
      .sort(
        (a, b) =>
          a.title.localeCompare(b.title, 'en') ||
          a.entityRef.localeCompare(b.entityRef, 'en'),
      ),
    responses,
  };
}
