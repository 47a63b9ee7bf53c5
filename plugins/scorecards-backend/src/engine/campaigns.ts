import { InputError } from '@backstage/errors';
import {
  Campaign,
  CampaignCreate,
  CampaignDetails,
  ScorecardDefinition,
} from '@internal/plugin-scorecards-common';
import {
  StoredCampaign,
  StoredResult,
  StoredResultWithChecks,
} from '../database/ScorecardStore';
import { addDays, dayOf } from './exemptions';

/**
 * The level index (1 = the first) a new campaign targets; throws a 400 when
 * the level is not one of the scorecard or the deadline is not after today.
 */
export function campaignTargetIndex(
  def: ScorecardDefinition,
  input: Pick<CampaignCreate, 'targetLevel' | 'deadline' | 'scorecardId'>,
  today: string,
): number {
  const targetIndex =
    def.spec.levels.findIndex(l => l.name === input.targetLevel) + 1;
  if (!targetIndex) {
    throw new InputError(
      `Invalid campaign: targetLevel: '${
        input.targetLevel
      }' is not a level of ${input.scorecardId} (${def.spec.levels
        .map(l => l.name)
        .join(', ')})`,
    );
  }
  if (input.deadline <= today) {
    throw new InputError('Invalid campaign: deadline: must be after today');
  }
  return targetIndex;
}

/**
 * Where a campaign stands: each service's level, whether it reached the
 * target, and the checks it reached it with only through an exemption.
 */
export function campaignProgress(
  c: StoredCampaign,
  services: { entityRef: string; ownerRef: string | null }[],
  results: StoredResult[],
  levelName: (scorecardId: string, index: number) => string,
): { campaign: Campaign; rows: CampaignDetails['services'] } {
  const current = new Map(
    results
      .filter(r => r.scorecardId === c.scorecardId)
      .map(r => [r.entityRef, r]),
  );
  const rows = services.map(s => {
    const r = current.get(s.entityRef);
    const index = r?.levelIndex ?? 0;
    return {
      entityRef: s.entityRef,
      ownerRef: s.ownerRef,
      level: index ? levelName(c.scorecardId, index) : null,
      reached: index >= c.targetIndex,
      exempt: r?.exemptChecks ?? [],
    };
  });
  const { targetIndex: _t, weekNoticeAt: _w, ...rest } = c;
  const reached = rows.filter(r => r.reached);
  return {
    campaign: {
      ...rest,
      reached: reached.length,
      exempt: reached.filter(r => r.exempt.length).length,
      total: rows.length,
    },
    rows,
  };
}

/** Whether a campaign's one-week notice is due at `now` (and not sent yet). */
export function weekNoticeDue(c: StoredCampaign, now: Date): boolean {
  const today = dayOf(now);
  return (
    !c.weekNoticeAt && c.deadline >= today && c.deadline <= addDays(today, 7)
  );
}

/** Results whose level fell below the one stored before this evaluation. */
export function droppedLevels(
  results: StoredResultWithChecks[],
  before: Map<string, number>,
): StoredResultWithChecks[] {
  return results.filter(r => {
    const old = before.get(`${r.entityRef}|${r.scorecardId}`);
    return old !== undefined && r.levelIndex < old;
  });
}
