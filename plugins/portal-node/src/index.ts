/**
 * Helpers the portal's backend plugins (feedback, golden paths, platform
 * metrics, portal analytics, scorecards) share instead of each keeping a copy.
 *
 * @packageDocumentation
 */
export { parse } from './parse';
export { normalizeEntityRef } from './entityRef';
export { publicErrors } from './errors';
export { chunks } from './chunks';
