import { InputError } from '@backstage/errors';
import { FactPost } from '@internal/plugin-scorecards-common';
import { StoredFact } from '../database/ScorecardStore';
import { FACT_NAMES } from './facts';

/** Facts may be measured at most this far in the future (clock skew). */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * The facts a CI post states about one entity (already normalised), with
 * times in UTC; throws a 400 naming the field for impossible times (in the
 * future, fixed before found). Pure.
 */
export function factsOfPost(
  body: FactPost,
  entityRef: string,
  source: string,
  now: Date,
): StoredFact[] {
  const measuredAt = body.measuredAt
    ? new Date(body.measuredAt).toISOString()
    : now.toISOString();
  const future = now.getTime() + MAX_CLOCK_SKEW_MS;
  if (Date.parse(measuredAt) > future) {
    throw new InputError('Invalid fact: measuredAt: must not be in the future');
  }
  body.vulnerabilities?.forEach((v, i) => {
    if (Date.parse(v.foundAt) > future) {
      throw new InputError(
        `Invalid fact: vulnerabilities.${i}.foundAt: must not be in the future`,
      );
    }
    if (v.fixedAt && Date.parse(v.fixedAt) < Date.parse(v.foundAt)) {
      throw new InputError(
        `Invalid fact: vulnerabilities.${i}.fixedAt: must not be before foundAt`,
      );
    }
    if (v.fixedAt && Date.parse(v.fixedAt) > future) {
      throw new InputError(
        `Invalid fact: vulnerabilities.${i}.fixedAt: must not be in the future`,
      );
    }
  });
  const facts: StoredFact[] = [];
  if (body.testCoverage !== undefined) {
    facts.push({
      entityRef,
      name: FACT_NAMES.testCoverage,
      value: body.testCoverage,
      measuredAt,
      source,
    });
  }
  if (body.vulnerabilities !== undefined) {
    facts.push({
      entityRef,
      name: FACT_NAMES.vulnerabilities,
      value: body.vulnerabilities.map(v => ({
        ...v,
        foundAt: new Date(v.foundAt).toISOString(),
        ...(v.fixedAt ? { fixedAt: new Date(v.fixedAt).toISOString() } : {}),
      })),
      measuredAt,
      source,
    });
  }
  return facts;
}
