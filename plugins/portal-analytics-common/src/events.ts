import { safeString as portalSafeString } from '@internal/plugin-portal-common';
import { z } from 'zod/v3';

/** A string within a column's length, valid Unicode, no control characters. */
export const safeString = (max: number) => portalSafeString({ max });

/** Column lengths of the events table (and so the longest accepted values). @public */
export const ANALYTICS_FIELD_LENGTHS = {
  action: 64,
  subject: 1000,
  pluginId: 100,
  entityRef: 255,
} as const;

/** Most events in one `POST /events`. @public */
export const MAX_EVENTS_PER_BATCH = 500;

/**
 * One event as the app's analytics implementation sends it: Backstage's
 * `captureEvent(action, subject, { value, attributes })` with its context.
 * Who sent it comes from the user token, never from the body.
 *
 * @public
 */
export const analyticsEventSchema = z
  .object({
    /** e.g. `navigate`, `search`, `create`, `click` */
    action: safeString(ANALYTICS_FIELD_LENGTHS.action).pipe(z.string().min(1)),
    /** Path for `navigate`, term for `search`, template name for `create`. */
    subject: safeString(ANALYTICS_FIELD_LENGTHS.subject),
    /** Plugin the event came from (the analytics context's pluginId). */
    pluginId: safeString(ANALYTICS_FIELD_LENGTHS.pluginId).optional(),
    /** Catalog entity of the context (e.g. the template of a `create`). */
    entityRef: safeString(ANALYTICS_FIELD_LENGTHS.entityRef).optional(),
    /** Numeric value, e.g. the result count of a `search`. */
    value: z.number().finite().min(-1e12).max(1e12).optional(),
    /** When it happened, ISO 8601 with an offset. */
    timestamp: z.string().datetime({ offset: true }),
  })
  .strict();

/** @public */
export type AnalyticsEvent = z.infer<typeof analyticsEventSchema>;

/** Body of `POST /events`. @public */
export const analyticsBatchSchema = z
  .object({
    events: z.array(analyticsEventSchema).min(1).max(MAX_EVENTS_PER_BATCH),
  })
  .strict();
