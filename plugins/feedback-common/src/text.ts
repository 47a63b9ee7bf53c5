import { z } from 'zod/v3';

/**
 * Lone UTF-16 surrogates (not valid Unicode, stored as U+FFFD or refused by
 * databases) and control characters other than tab, line feed and carriage
 * return (PostgreSQL refuses NUL in text).
 */
const UNSAFE_TEXT =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the string is valid Unicode text without control characters. @public */
export function isSafeText(value: string): boolean {
  return !UNSAFE_TEXT.test(value);
}

/**
 * A string of at most `max` UTF-16 units (at most the database column),
 * valid Unicode, without control characters. `trim` trims before counting,
 * `min` is checked after trimming.
 *
 * @public
 */
export function safeString(options: {
  max: number;
  min?: number;
  trim?: boolean;
}) {
  let schema = z.string();
  if (options.trim) schema = schema.trim();
  if (options.min !== undefined) schema = schema.min(options.min);
  return schema.max(options.max).refine(isSafeText, {
    message:
      'must be valid Unicode text without control characters or lone surrogates',
  });
}

/** Longest entity ref the plugin stores (its database columns). @public */
export const MAX_ENTITY_REF_LENGTH = 255;

/** An entity ref as a caller sends it (parsed and normalised by the backend). @public */
export const entityRefSchema = safeString({
  min: 1,
  max: MAX_ENTITY_REF_LENGTH,
  trim: true,
});

/** Report ids are UUIDs (as the backend creates them). @public */
export const reportIdSchema = z.string().uuid();
