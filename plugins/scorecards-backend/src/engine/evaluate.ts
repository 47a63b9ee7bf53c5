import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CheckDefinition,
  CheckResult,
  DORA_BANDS,
  ExemptionInfo,
  exemptionRuleOf,
  ScorecardDefinition,
  ScorecardResult,
  SEVERITIES,
} from '@internal/plugin-scorecards-common';
import { dayOf, exemptionCounts, exemptionHolds } from './exemptions';
import { EntityFacts } from './facts';

export { dayOf, exemptionHolds };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The outcome of one check before exemptions. */
export interface CheckOutcome {
  passed: boolean;
  fact: string;
  measuredAt: string | null;
  /** Who stated the fact, for facts sent in (CI, the demo seed). */
  source?: string;
}

const ageDays = (from: string, now: Date) =>
  (now.getTime() - Date.parse(from)) / DAY_MS;

const SOURCE_TEMPLATE = 'backstage.io/source-template';

function fieldOf(facts: EntityFacts, field: string): unknown {
  const [root, key] = field.split('.');
  const holder = (facts.entity as unknown as Record<string, unknown>)[root];
  return holder && typeof holder === 'object'
    ? (holder as Record<string, unknown>)[key]
    : undefined;
}

/** Evaluates one check against an entity's facts, at `now`. Pure. */
export function evaluateCheck(
  check: CheckDefinition,
  facts: EntityFacts,
  now: Date,
): CheckOutcome {
  const { entity, catalogAt } = facts;
  const catalog = (passed: boolean, fact: string): CheckOutcome => ({
    passed,
    fact,
    measuredAt: catalogAt,
  });
  switch (check.type) {
    case 'owner-is-group': {
      const owner = entity.spec?.owner;
      if (typeof owner !== 'string' || !owner) {
        return catalog(false, 'no owner in spec.owner');
      }
      let ref = owner;
      try {
        ref = stringifyEntityRef(
          parseEntityRef(owner, {
            defaultKind: 'group',
            defaultNamespace: entity.metadata.namespace ?? 'default',
          }),
        );
      } catch {
        return catalog(false, `owner '${owner}' is not an entity ref`);
      }
      return facts.ownerIsGroup
        ? catalog(true, `owned by ${ref}`)
        : catalog(false, `owner ${ref} is not a Group in the catalog`);
    }
    case 'annotation': {
      const value = entity.metadata.annotations?.[check.annotation];
      return value
        ? catalog(true, `${check.annotation}: ${value}`)
        : catalog(false, `no ${check.annotation} annotation`);
    }
    case 'field': {
      const value = fieldOf(facts, check.field);
      return typeof value === 'string' && value.trim()
        ? catalog(true, `${check.field}: ${value}`)
        : catalog(false, `${check.field} is not set`);
    }
    case 'provides-api': {
      const apis = [
        ...((entity.spec?.providesApis as string[] | undefined) ?? []),
        ...(entity.relations ?? [])
          .filter(r => r.type === 'providesApi')
          .map(r => r.targetRef),
      ];
      const unique = [...new Set(apis)];
      return unique.length
        ? catalog(true, `provides ${unique.join(', ')}`)
        : catalog(false, 'provides no API definition');
    }
    case 'golden-path': {
      const template = entity.metadata.annotations?.[SOURCE_TEMPLATE];
      return template
        ? catalog(true, `created from ${template}`)
        : catalog(false, 'not created from a golden path');
    }
    case 'test-coverage': {
      const f = facts.testCoverage;
      if (!f) {
        return {
          passed: false,
          fact: 'no coverage reported by CI',
          measuredAt: null,
        };
      }
      return {
        passed: f.value >= check.minPercent,
        fact: `coverage ${f.value}% (needs ${check.minPercent}%)`,
        measuredAt: f.measuredAt,
        source: f.source,
      };
    }
    case 'critical-vulnerabilities': {
      const f = facts.vulnerabilities;
      if (!f) {
        return {
          passed: false,
          fact: 'no scan reported by CI',
          measuredAt: null,
        };
      }
      const late = f.value.filter(
        v =>
          v.severity === 'critical' &&
          !v.fixedAt &&
          ageDays(v.foundAt, now) > check.maxAgeDays,
      );
      const open = f.value.filter(v => v.severity === 'critical' && !v.fixedAt);
      return {
        passed: late.length === 0,
        fact: late.length
          ? `${late.length} critical unpatched for more than ${
              check.maxAgeDays
            } days: ${late
              .slice(0, 5)
              .map(v => v.id)
              .join(', ')}`
          : `${open.length} open critical, none older than ${check.maxAgeDays} days`,
        measuredAt: f.measuredAt,
        source: f.source,
      };
    }
    case 'not-drifted': {
      if (!entity.metadata.annotations?.[SOURCE_TEMPLATE]) {
        return catalog(false, 'not on a golden path');
      }
      const f = facts.drift;
      if (!f) {
        return { passed: false, fact: 'drift not known yet', measuredAt: null };
      }
      return {
        passed: !f.value.drifted,
        fact: f.value.drifted
          ? `on ${f.value.version}, the path is at ${f.value.currentVersion}`
          : 'on the current version of its path',
        measuredAt: f.measuredAt,
      };
    }
    case 'dora': {
      const f = facts.dora[check.windowDays];
      if (!f) {
        return { passed: false, fact: 'DORA not known yet', measuredAt: null };
      }
      const rank = (DORA_BANDS as readonly string[]).indexOf(f.value);
      const need = DORA_BANDS.indexOf(check.minBand);
      return {
        passed: rank >= need,
        fact:
          f.value === 'none'
            ? `no delivery data over ${check.windowDays} days`
            : `lowest DORA band '${f.value}' over ${check.windowDays} days (needs '${check.minBand}')`,
        measuredAt: f.measuredAt,
      };
    }
    case 'friction': {
      const f = facts.friction;
      if (!f) {
        return {
          passed: false,
          fact: 'friction not known yet',
          measuredAt: null,
        };
      }
      const min = SEVERITIES.indexOf(check.severity);
      const old = f.value.filter(
        r =>
          (SEVERITIES as readonly string[]).indexOf(r.severity) >= min &&
          ageDays(r.createdAt, now) > check.maxAgeDays,
      );
      return {
        passed: old.length === 0,
        fact: old.length
          ? `${old.length} open ${check.severity} report(s) older than ${check.maxAgeDays} days`
          : `no open ${check.severity} report older than ${check.maxAgeDays} days`,
        measuredAt: f.measuredAt,
      };
    }
    default:
      return { passed: false, fact: 'unknown check', measuredAt: null };
  }
}

/**
 * A scorecard for one entity: a level is reached when every check of it and
 * of the levels below passed or is exempt.
 */
export function evaluateScorecard(
  def: ScorecardDefinition,
  facts: EntityFacts,
  exemptions: ExemptionInfo[],
  now: Date,
): ScorecardResult {
  const levels = def.spec.levels.map(l => l.name);
  const checks: CheckResult[] = [];
  let levelIndex = 0;
  let climbing = true;
  def.spec.levels.forEach((level, i) => {
    let allPassed = true;
    for (const check of level.checks) {
      const outcome = evaluateCheck(check, facts, now);
      const rule = exemptionRuleOf(check);
      const mine = outcome.passed
        ? []
        : exemptions.filter(
            e =>
              e.scorecardId === def.metadata.name &&
              e.checkId === check.id &&
              exemptionHolds(e, now),
          );
      const counting = mine.find(e => exemptionCounts(e, rule, now));
      // Shown on the failed check while it awaits the platform team.
      const exemption =
        counting ??
        mine.find(
          e => rule.by !== 'none' && rule.needsApproval && !e.approvedBy,
        );
      let status: CheckResult['status'] = 'failed';
      if (outcome.passed) status = 'passed';
      else if (counting) status = 'exempt';
      if (status === 'failed') allPassed = false;
      checks.push({
        id: check.id,
        title: check.title,
        level: level.name,
        status,
        fact: outcome.fact,
        measuredAt: outcome.measuredAt,
        ...(outcome.source ? { source: outcome.source } : {}),
        nextStep: check.nextStep,
        exemptionRule: rule,
        ...(exemption ? { exemption } : {}),
      });
    }
    if (climbing && allPassed) levelIndex = i + 1;
    else climbing = false;
  });
  return {
    scorecardId: def.metadata.name,
    title: def.metadata.title,
    level: levelIndex ? levels[levelIndex - 1] : null,
    levelIndex,
    levels,
    nextLevel: levels[levelIndex] ?? null,
    checks,
    evaluatedAt: now.toISOString(),
  };
}
