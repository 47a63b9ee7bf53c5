import {
  EntityLevels,
  ScorecardDefinition,
} from '@internal/plugin-scorecards-common';
import { StoredResult } from '../database/ScorecardStore';

/**
 * Each service's reached levels and the checks it fails, with their next
 * steps, from the stored results and the scorecard definitions. Services
 * without a result are left out; refs keep the order they were asked in. Pure.
 */
export function entityLevelsOf(
  scorecards: ScorecardDefinition[],
  results: StoredResult[],
  entityRefs: string[],
): EntityLevels[] {
  const byRef = new Map<string, StoredResult[]>();
  for (const r of results) {
    byRef.set(r.entityRef, [...(byRef.get(r.entityRef) ?? []), r]);
  }
  const items: EntityLevels[] = [];
  for (const entityRef of new Set(entityRefs)) {
    const mine = byRef.get(entityRef);
    if (!mine?.length) continue;
    const item: EntityLevels = {
      entityRef,
      ownerRef: mine[0].ownerRef,
      scorecards: [],
      failing: [],
    };
    const failing: (EntityLevels['failing'][number] & { index: number })[] = [];
    for (const def of scorecards) {
      const r = mine.find(x => x.scorecardId === def.metadata.name);
      if (!r) continue;
      const levels = def.spec.levels;
      item.scorecards.push({
        scorecardId: def.metadata.name,
        title: def.metadata.title,
        level: r.levelIndex ? levels[r.levelIndex - 1]?.name ?? null : null,
        nextLevel: levels[r.levelIndex]?.name ?? null,
      });
      levels.forEach((level, index) => {
        for (const check of level.checks) {
          if (!r.failedChecks.includes(check.id)) continue;
          failing.push({
            scorecardId: def.metadata.name,
            checkId: check.id,
            title: check.title,
            level: level.name,
            nextStep: check.nextStep,
            index,
          });
        }
      });
    }
    item.failing = failing
      .sort((a, b) => a.index - b.index)
      .map(({ index: _index, ...check }) => check);
    items.push(item);
  }
  return items;
}
