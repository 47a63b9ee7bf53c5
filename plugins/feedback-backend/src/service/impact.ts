import { Supporter } from '../database/FeedbackStore';

/**
 * The reporter of an anonymous report weighs as if they had no team: a weight
 * from their team would name it (in a small organisation, team sizes are
 * nearly unique).
 */
function weighed(
  supporters: Supporter[],
  anonymousReporterRef: string | undefined,
): Supporter[] {
  return supporters.map(s =>
    s.userRef === anonymousReporterRef ? { ...s, teamRef: null } : s,
  );
}

/** The teams whose sizes `impactOf` needs for these supporters. */
export function teamsToWeigh(
  supporters: Supporter[],
  anonymousReporterRef?: string,
): string[] {
  return [
    ...new Set(
      weighed(supporters, anonymousReporterRef)
        .map(s => s.teamRef)
        .filter((t): t is string => !!t),
    ),
  ];
}

/**
 * Impact of a report: the sum over its supporters of their team's size; a
 * supporter without a team, or whose team is missing from `teamSizes`,
 * counts 1, and so does the reporter of an anonymous report.
 */
export function impactOf(
  supporters: Supporter[],
  teamSizes: ReadonlyMap<string, number>,
  anonymousReporterRef?: string,
): number {
  return weighed(supporters, anonymousReporterRef).reduce(
    (sum, s) => sum + (s.teamRef ? teamSizes.get(s.teamRef) ?? 1 : 1),
    0,
  );
}
