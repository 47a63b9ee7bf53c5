/**
 * `items` in consecutive slices of at most `size`: one statement per slice
 * keeps a store's writes under SQLite's bound-parameter limit.
 */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  }
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/**
 * Every item of a paged read, gathered page by page: the catalog's
 * `streamEntities` (with `totalItems: 'exclude'`) instead of one answer of
 * megabytes, which would hold up every other request of the process while
 * it is parsed.
 */
export async function allPages<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}
