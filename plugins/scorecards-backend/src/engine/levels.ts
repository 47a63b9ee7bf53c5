import {
  LevelCounts,
  NO_LEVEL,
  ScorecardDefinition,
} from '@internal/plugin-scorecards-common';

/** Name of a reached level (1 = the first), "None" below the first. */
export function levelName(
  scorecards: ScorecardDefinition[],
  scorecardId: string,
  index: number,
): string {
  const def = scorecards.find(s => s.metadata.name === scorecardId);
  return index ? def?.spec.levels[index - 1]?.name ?? NO_LEVEL : NO_LEVEL;
}

/** Zero services at every level of a scorecard, "None" included. */
export function emptyCounts(def: ScorecardDefinition): LevelCounts {
  return Object.fromEntries(
    [NO_LEVEL, ...def.spec.levels.map(l => l.name)].map(n => [n, 0]),
  );
}
