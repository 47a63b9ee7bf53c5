/**
 * Rules the portal's plugins share, frontend and backend alike, so that each
 * exists once: what text may be stored, calendar quarters, and how a
 * figure without data reads.
 *
 * @packageDocumentation
 */
export { isSafeText, safeString, toSafeText } from './text';
export {
  quarterEnd,
  quarterOf,
  quarterOfMonth,
  quarterSchema,
  quartersBetween,
  QUARTER_PATTERN,
  shiftQuarter,
} from './quarters';
export { PORTAL_CHANNEL_HEADER, PORTAL_CHANNELS } from './channels';
export type { PortalChannel } from './channels';
export { NO_DATA } from './noData';
