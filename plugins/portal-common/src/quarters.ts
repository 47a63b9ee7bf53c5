import { z } from 'zod/v3';

/**
 * A calendar quarter, `2027-Q1`.
 *
 * @public
 */
export const QUARTER_PATTERN = /^(20\d{2})-Q([1-4])$/;

/** @public */
export const quarterSchema = z
  .string()
  .regex(QUARTER_PATTERN, 'must be a quarter such as 2027-Q1');

const index = (quarter: string) => {
  const [, y, n] = QUARTER_PATTERN.exec(quarter) ?? [];
  if (!y) throw new RangeError(`not a quarter: ${quarter}`);
  return Number(y) * 4 + Number(n) - 1;
};
const fromIndex = (i: number) => `${Math.floor(i / 4)}-Q${(i % 4) + 1}`;

/**
 * The UTC quarter of a time (a `Date` or an ISO string), e.g. `2026-Q4`.
 *
 * @public
 */
export function quarterOf(time: Date | string): string {
  const d = typeof time === 'string' ? new Date(time) : time;
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

/**
 * The quarter of a monthly period: `2026-11` -> `2026-Q4`.
 *
 * @public
 */
export function quarterOfMonth(month: string): string {
  const [year, mm] = month.split('-');
  return `${year}-Q${Math.floor((Number(mm) - 1) / 3) + 1}`;
}

/**
 * The quarter `by` quarters after (or, negative, before) `quarter`.
 *
 * @public
 */
export function shiftQuarter(quarter: string, by: number): string {
  return fromIndex(index(quarter) + by);
}

/**
 * Quarters from `from` to `to`, both included, at most `max` (default 12).
 *
 * @public
 */
export function quartersBetween(from: string, to: string, max = 12): string[] {
  const out: string[] = [];
  for (let i = index(from); i <= index(to) && out.length < max; i++) {
    out.push(fromIndex(i));
  }
  return out;
}

/**
 * The first instant after a quarter (its exclusive end), as an ISO string.
 *
 * @public
 */
export function quarterEnd(quarter: string): string {
  const i = index(quarter) + 1;
  return new Date(Date.UTC(Math.floor(i / 4), (i % 4) * 3, 1)).toISOString();
}
