import { StoredFact, StoredResult } from '../database/ScorecardStore';
import { addDays, dayOf } from './exemptions';
import { FACT_NAMES, Vulnerability } from './facts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Days of made-up history written once in demo mode. */
export const DEMO_HISTORY_DAYS = 180;

/** A small stable number from a string (for demo facts). */
export function hash(s: string): number {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

/**
 * Demo only: made-up CI facts for one service, stable per ref: coverage
 * between 55% and 97%, and for about one service in four a critical
 * vulnerability found 12 days ago. Pure.
 */
export function demoFactsOf(ref: string, now: Date): StoredFact[] {
  const h = hash(ref);
  const measuredAt = new Date(now.getTime() - (h % 5) * DAY_MS).toISOString();
  const vulns: Vulnerability[] =
    h % 4 === 0
      ? [
          {
            id: `CVE-2026-${1000 + (h % 9000)}`,
            severity: 'critical',
            foundAt: new Date(now.getTime() - 12 * DAY_MS).toISOString(),
          },
        ]
      : [];
  return [
    {
      entityRef: ref,
      name: FACT_NAMES.testCoverage,
      value: 55 + (h % 43),
      measuredAt,
      source: 'demo-seed',
    },
    {
      entityRef: ref,
      name: FACT_NAMES.vulnerabilities,
      value: vulns,
      measuredAt,
      source: 'demo-seed',
    },
  ];
}

/**
 * Demo only: half a year of made-up daily levels ending at today's, each
 * service climbing one level every one to three months, so the trend and
 * burn-up charts have a shape. Pure.
 */
export function demoHistory(results: StoredResult[], now: Date) {
  const today = dayOf(now);
  const rows = [];
  for (let d = 1; d <= DEMO_HISTORY_DAYS; d++) {
    const day = addDays(today, -d);
    for (const r of results) {
      const every = 30 + (hash(`${r.entityRef}|${r.scorecardId}`) % 60);
      rows.push({
        day,
        entityRef: r.entityRef,
        scorecardId: r.scorecardId,
        ownerRef: r.ownerRef,
        levelIndex: Math.max(0, r.levelIndex - Math.floor(d / every)),
      });
    }
  }
  return rows;
}
