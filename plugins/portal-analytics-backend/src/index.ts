/**
 * The portal's own usage analytics backend.
 *
 * @packageDocumentation
 */
export { portalAnalyticsPlugin as default } from './plugin';
