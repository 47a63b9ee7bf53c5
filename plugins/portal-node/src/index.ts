/**
 * Helpers the portal's backend plugins (feedback, golden paths, platform
 * metrics) share instead of each keeping a copy.
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
