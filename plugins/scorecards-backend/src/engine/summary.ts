import {
  LevelCounts,
  ScorecardDefinition,
  ServiceLevels,
  SummaryResponse,
} from '@internal/plugin-scorecards-common';
import { StoredResult } from '../database/ScorecardStore';
import { emptyCounts, levelName } from './levels';

/** One row of the daily counts (snapshot_counts). */
export interface TrendRow {
  scorecardId: string;
  day: string;
  levelIndex: number;
  count: number;
}

const NO_OWNER = '(no owner)';

/**
 * A team's (with `ownerRef`) or the organisation's summary from the current
 * results and the daily counts. Exempt checks are counted apart, never as
 * passed. Pure.
 */
export function summarize(input: {
  scorecards: ScorecardDefinition[];
  results: StoredResult[];
  trendRows: TrendRow[];
  ownerRef?: string;
}): SummaryResponse {
  const { scorecards, results, trendRows, ownerRef } = input;
  const name = (scorecardId: string, index: number) =>
    levelName(scorecards, scorecardId, index);
  const distribution: SummaryResponse['distribution'] = {};
  const teams: Record<string, Map<string, LevelCounts>> = {};
  const teamExempt = new Map<string, number>();
  const exempt: SummaryResponse['exempt'] = {};
  const failed = new Map<string, number>();
  for (const def of scorecards) {
    distribution[def.metadata.name] = emptyCounts(def);
    teams[def.metadata.name] = new Map();
    exempt[def.metadata.name] = 0;
  }
  const services = new Map<string, ServiceLevels>();
  for (const r of results) {
    const def = scorecards.find(s => s.metadata.name === r.scorecardId);
    if (!def) continue;
    const level = name(r.scorecardId, r.levelIndex);
    distribution[r.scorecardId][level] += 1;
    const owner = r.ownerRef ?? NO_OWNER;
    const team = teams[r.scorecardId].get(owner) ?? emptyCounts(def);
    team[level] += 1;
    teams[r.scorecardId].set(owner, team);
    if (r.exemptChecks.length) {
      exempt[r.scorecardId] += 1;
      const key = `${r.scorecardId}|${owner}`;
      teamExempt.set(key, (teamExempt.get(key) ?? 0) + 1);
    }
    for (const c of r.failedChecks) {
      const key = `${r.scorecardId}|${c}`;
      failed.set(key, (failed.get(key) ?? 0) + 1);
    }
    const s = services.get(r.entityRef) ?? {
      entityRef: r.entityRef,
      ownerRef: r.ownerRef,
      levels: {},
      exempt: {},
    };
    s.levels[r.scorecardId] = r.levelIndex ? level : null;
    s.exempt[r.scorecardId] = r.exemptChecks;
    services.set(r.entityRef, s);
  }
  const titleOf = (scorecardId: string, checkId: string) =>
    scorecards
      .find(s => s.metadata.name === scorecardId)
      ?.spec.levels.flatMap(l => l.checks)
      .find(c => c.id === checkId)?.title ?? checkId;
  const trend: SummaryResponse['trend'] = {};
  for (const def of scorecards) {
    const byDay = new Map<string, LevelCounts>();
    for (const row of trendRows.filter(
      t => t.scorecardId === def.metadata.name,
    )) {
      const counts = byDay.get(row.day) ?? emptyCounts(def);
      counts[name(row.scorecardId, row.levelIndex)] += row.count;
      byDay.set(row.day, counts);
    }
    trend[def.metadata.name] = [...byDay.entries()].map(([day, counts]) => ({
      day,
      counts,
    }));
  }
  return {
    scope: ownerRef ? { ownerRef } : {},
    scorecards: scorecards.map(s => ({
      id: s.metadata.name,
      title: s.metadata.title,
      description: s.metadata.description,
      levels: s.spec.levels.map(l => l.name),
      checks: s.spec.levels.flatMap(l =>
        l.checks.map(c => ({ id: c.id, title: c.title, level: l.name })),
      ),
    })),
    distribution,
    exempt,
    ...(ownerRef
      ? { services: [...services.values()] }
      : {
          teams: Object.fromEntries(
            Object.entries(teams).map(([id, m]) => [
              id,
              [...m.entries()]
                .map(([team, counts]) => ({
                  ownerRef: team,
                  counts,
                  exempt: teamExempt.get(`${id}|${team}`) ?? 0,
                }))
                .sort((a, b) => a.ownerRef.localeCompare(b.ownerRef)),
            ]),
          ),
        }),
    topFailed: [...failed.entries()]
      .map(([key, n]) => {
        const [scorecardId, checkId] = key.split('|');
        return {
          scorecardId,
          checkId,
          title: titleOf(scorecardId, checkId),
          failed: n,
        };
      })
      .sort((a, b) => b.failed - a.failed)
      .slice(0, 10),
    trend,
  };
}
