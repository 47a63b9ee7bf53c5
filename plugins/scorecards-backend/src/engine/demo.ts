import { Entity } from '@backstage/catalog-model';
import { ciSourcesOf } from '@internal/plugin-portal-node';
import { StoredFact, StoredResult } from '../database/ScorecardStore';
import { addDays, dayOf } from './exemptions';
import { FACT_NAMES, Vulnerability } from './facts';
import { refOf } from './refs';

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
 * The demo's scorecards CI (a static token of app-config.demo.yaml). The
 * demo organisation's services name it in their
 * `fintech-fast.example/ci-sources` annotation (catalog/components); made-up
 * facts stand in only for what it would have posted, never for a service
 * whose own CI reports (a service created from a golden path names
 * `ci-<name>`).
 */
export const DEMO_CI_SOURCE = 'demo-ci-scorecards';

/** Where made-up facts say they come from (shown as demo data). */
export const DEMO_FACT_SOURCE = 'demo-seed';

/** When the entity was created, from its creation annotation. */
function createdAtOf(entity: Entity): number | undefined {
  const value =
    entity.metadata.annotations?.['fintech-fast.example/created-at'];
  const time = value ? Date.parse(value) : NaN;
  return Number.isFinite(time) ? time : undefined;
}

/**
 * Demo only: made-up CI facts for one service of the demo organisation,
 * stable per ref: coverage between 55% and 97%, and for about one service in
 * four a critical vulnerability found 12 days ago. None for any other
 * entity, and none dated before the service was created. Pure.
 */
export function demoFactsOf(entity: Entity, now: Date): StoredFact[] {
  if (!ciSourcesOf(entity).includes(DEMO_CI_SOURCE)) return [];
  const ref = refOf(entity);
  const created = createdAtOf(entity) ?? -Infinity;
  if (created > now.getTime()) return [];
  const notBeforeCreation = (time: number) =>
    new Date(Math.max(time, created)).toISOString();
  const h = hash(ref);
  const measuredAt = notBeforeCreation(now.getTime() - (h % 5) * DAY_MS);
  const vulns: Vulnerability[] =
    h % 4 === 0
      ? [
          {
            id: `CVE-2026-${1000 + (h % 9000)}`,
            severity: 'critical',
            foundAt: notBeforeCreation(now.getTime() - 12 * DAY_MS),
          },
        ]
      : [];
  return [
    {
      entityRef: ref,
      name: FACT_NAMES.testCoverage,
      value: 55 + (h % 43),
      measuredAt,
      source: DEMO_FACT_SOURCE,
    },
    {
      entityRef: ref,
      name: FACT_NAMES.vulnerabilities,
      value: vulns,
      measuredAt,
      source: DEMO_FACT_SOURCE,
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
