import {
  LevelCounts,
  ScorecardDefinition,
  ServiceLevels,
  SummaryResponse,
} from '@internal/plugin-scorecards-common';
import { ResultCounts, StoredResult } from '../database/ScorecardStore';
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
 * Results counted as the database counts them
 * (ResultStore.countResults), for a list already read.
 */
export function countResults(results: StoredResult[]): ResultCounts {
  const levels = new Map<string, ResultCounts['levels'][number]>();
  const failed = new Map<string, ResultCounts['failed'][number]>();
  for (const r of results) {
    const levelKey = `${r.scorecardId}|${r.ownerRef}|${r.levelIndex}`;
    const level = levels.get(levelKey) ?? {
      scorecardId: r.scorecardId,
      ownerRef: r.ownerRef,
      levelIndex: r.levelIndex,
      count: 0,
      exempt: 0,
    };
    level.count += 1;
    if (r.exemptChecks.length) level.exempt += 1;
    levels.set(levelKey, level);
    if (r.failedChecks.length) {
      const failedKey = `${r.scorecardId}|${r.failedChecks.join(',')}`;
      const f = failed.get(failedKey) ?? {
        scorecardId: r.scorecardId,
        failedChecks: r.failedChecks,
        count: 0,
      };
      f.count += 1;
      failed.set(failedKey, f);
    }
  }
  return { levels: [...levels.values()], failed: [...failed.values()] };
}

/**
 * A team's (with `ownerRef`) or the organisation's summary from the current
 * results (or, for the organisation, their counts from the database) and
 * the daily counts. Exempt checks are counted apart, never as passed. Pure.
 */
export function summarize(input: {
  scorecards: ScorecardDefinition[];
  trendRows: TrendRow[];
  ownerRef?: string;
  /** A team's results; its services are listed from them. */
  results?: StoredResult[];
  /** The counts, when the results were not read (the organisation). */
  counts?: ResultCounts;
}): SummaryResponse {
  const { scorecards, trendRows, ownerRef } = input;
  const results = input.results ?? [];
  const grouped = input.counts ?? countResults(results);
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
  const byId = new Map(scorecards.map(s => [s.metadata.name, s]));
  for (const c of grouped.levels) {
    const def = byId.get(c.scorecardId);
    if (!def) continue;
    const level = name(c.scorecardId, c.levelIndex);
    distribution[c.scorecardId][level] += c.count;
    const owner = c.ownerRef ?? NO_OWNER;
    const team = teams[c.scorecardId].get(owner) ?? emptyCounts(def);
    team[level] += c.count;
    teams[c.scorecardId].set(owner, team);
    if (c.exempt) {
      exempt[c.scorecardId] += c.exempt;
      const key = `${c.scorecardId}|${owner}`;
      teamExempt.set(key, (teamExempt.get(key) ?? 0) + c.exempt);
    }
  }
  for (const f of grouped.failed) {
    if (!byId.has(f.scorecardId)) continue;
    for (const c of f.failedChecks) {
      const key = `${f.scorecardId}|${c}`;
      failed.set(key, (failed.get(key) ?? 0) + f.count);
    }
  }
  const services = new Map<string, ServiceLevels>();
  for (const r of ownerRef ? results : []) {
    if (!byId.has(r.scorecardId)) continue;
    const level = name(r.scorecardId, r.levelIndex);
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
