/** Rows per statement: well under SQLite's bound-parameter limit. */
const CHUNK = 100;

/** Splits a list into statements of at most `size` rows. */
export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}
