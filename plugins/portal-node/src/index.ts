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
export { actionRateLimit, writeRateLimit } from './rateLimit';
export type {
  ActionRateLimit,
  RateLimitDefaults,
  WriteRateLimitOptions,
} from './rateLimit';
export { MIN_GROUP_SIZE, tooFewToShow } from './groups';
export { allPages, chunks } from './chunks';
export {
  channelOf,
  capabilityOf,
  ChannelHitQueue,
  channelHits,
  channelUsageMiddleware,
} from './channels';
export type { ChannelHit } from './channels';
export {
  registerPortalAction,
  actionUser,
  actionReader,
  authorizeAction,
} from './actions';
export type { PortalActionOptions } from './actions';
export { boundedCache, within, CACHE_CALL_TIMEOUT_MS } from './boundedCache';
