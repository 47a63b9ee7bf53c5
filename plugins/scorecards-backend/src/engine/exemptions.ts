import { InputError, NotAllowedError } from '@backstage/errors';
import {
  CheckDefinition,
  ExemptionInfo,
  ExemptionRule,
  exemptionRuleOf,
  ScorecardDefinition,
} from '@internal/plugin-scorecards-common';

const DAY_MS = 24 * 60 * 60 * 1000;

/** UTC day of a time, YYYY-MM-DD. */
export const dayOf = (time: Date) => time.toISOString().slice(0, 10);

/** The day `days` after a YYYY-MM-DD day. */
export const addDays = (day: string, days: number) =>
  dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));

/** An exemption holds through its expiry day (UTC). */
export const exemptionHolds = (e: ExemptionInfo, now: Date) =>
  e.expiresOn >= dayOf(now);

/**
 * Whether an exemption makes its failed check exempt at `now`: the check
 * may be exempted, the exemption has not expired nor outlived the check's
 * longest exemption (counted from the day it was granted), and, for a
 * security check, the platform team approved it.
 */
export function exemptionCounts(
  e: ExemptionInfo,
  rule: ExemptionRule,
  now: Date,
): boolean {
  if (rule.by === 'none' || !exemptionHolds(e, now)) return false;
  if (dayOf(now) > addDays(e.createdAt.slice(0, 10), rule.maxDays)) {
    return false;
  }
  return !rule.needsApproval || !!e.approvedBy;
}

/**
 * Checks a request to exempt a service from a check against the check's
 * rule; returns the check and its rule, or throws a 4xx naming what is wrong.
 */
export function exemptionRequestRule(
  def: ScorecardDefinition,
  input: { checkId: string; expiresOn: string },
  today: string,
): { check: CheckDefinition; rule: ExemptionRule } {
  const check = def.spec.levels
    .flatMap(l => l.checks)
    .find(c => c.id === input.checkId);
  if (!check) {
    throw new InputError(
      `Invalid exemption: checkId: '${input.checkId}' is not a check of ${def.metadata.name}`,
    );
  }
  const rule = exemptionRuleOf(check);
  if (rule.by === 'none') {
    throw new NotAllowedError(`'${check.title}' cannot be exempted`);
  }
  if (input.expiresOn < today) {
    throw new InputError(
      'Invalid exemption: expiresOn: must not be in the past',
    );
  }
  if (input.expiresOn > addDays(today, rule.maxDays)) {
    throw new InputError(
      `Invalid exemption: expiresOn: '${check.title}' may be exempted for at most ${rule.maxDays} days`,
    );
  }
  return { check, rule };
}
