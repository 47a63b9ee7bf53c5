import { z } from 'zod/v3';

/**
 * Control characters other than tab, line feed and carriage return
 * (PostgreSQL refuses NUL in text).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/**
 * Lone UTF-16 surrogates: not valid Unicode, and neither database stores
 * one faithfully.
 */
const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * True when the string is valid Unicode text without control characters.
 *
 * @public
 */
export function isSafeText(value: string): boolean {
  return !CONTROL.test(value) && !LONE_SURROGATE.test(value);
}

/**
 * A string of at most `max` UTF-16 units (at most its database column),
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

/**
 * Makes any string safe text of at most `max` units: drops control
 * characters, cuts, and drops a surrogate the cut left alone. For text the
 * portal sends on a person's behalf (analytics), where refusing would lose
 * the whole event.
 *
 * @public
 */
export function toSafeText(value: string, max: number): string {
  return value
    .replace(new RegExp(CONTROL.source, 'g'), '')
    .slice(0, max)
    .replace(new RegExp(LONE_SURROGATE.source, 'g'), '');
}
