/**
 * Helpers the portal's backend plugins (feedback, golden paths, platform
 * metrics, portal analytics, scorecards) share instead of each keeping a copy.
 *
 * @packageDocumentation
 */
export { parse } from './parse';
export { normalizeEntityRef } from './entityRef';
export { publicErrors } from './errors';
export {
  CI_SOURCES_ANNOTATION,
  ciSourcesOf,
  ciMayReportFor,
  assertCiMayReportFor,
} from './ciReporting';
export { configuredLocations, isFromConfiguredLocation } from './entityOrigin';
export { mayActForTeam } from './teams';
export { writeRateLimit } from './rateLimit';
export type { RateLimitDefaults, WriteRateLimitOptions } from './rateLimit';
export { MIN_GROUP_SIZE, tooFewToShow } from './groups';
export { chunks } from './chunks';
export { boundedCache, within, CACHE_CALL_TIMEOUT_MS } from './boundedCache';
