import type { CheckDefinition, ExemptionGrantor } from './schemas';

/** How one check may be exempted, defaults filled in. @public */
export interface ExemptionRule {
  by: ExemptionGrantor;
  /** Longest exemption in days, counted from the day it is granted. */
  maxDays: number;
  /** Exemptions count only once the platform team approved them. */
  needsApproval: boolean;
}

/** Check types that are about security unless a file says otherwise. @public */
export const SECURITY_CHECK_TYPES: readonly string[] = [
  'critical-vulnerabilities',
];

/** Longest exemption of a check whose file does not say. @public */
export const DEFAULT_EXEMPTION_DAYS = 90;
/** Longest exemption of a security check whose file does not say. @public */
export const DEFAULT_SECURITY_EXEMPTION_DAYS = 30;

/**
 * The exemption rule of a check: what its file says, else owners may exempt
 * for 90 days; a security check (critical vulnerabilities, or `security:
 * true`) for 30 days and only with the platform team's approval.
 *
 * @public
 */
export function exemptionRuleOf(check: CheckDefinition): ExemptionRule {
  const security = check.security ?? SECURITY_CHECK_TYPES.includes(check.type);
  return {
    by: check.exemption?.by ?? 'owner',
    maxDays:
      check.exemption?.maxDays ??
      (security ? DEFAULT_SECURITY_EXEMPTION_DAYS : DEFAULT_EXEMPTION_DAYS),
    needsApproval: security,
  };
}
