import { chunks as inChunks } from '@internal/plugin-portal-node';

/** Rows per statement: well under SQLite's bound-parameter limit. */
const CHUNK = 100;

/** Splits a list into statements of at most `size` rows. */
export function chunks<T>(items: T[], size = CHUNK): T[][] {
  return inChunks(items, size);
}
