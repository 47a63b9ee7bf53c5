import { chunks as inChunks } from '@internal/plugin-portal-node';
import { Knex } from 'knex';

/** Query helpers the metrics stores share. */

/** Rows per statement; keeps every statement well under SQLite's variable limit. */
export const CHUNK = 400;
/** pg_advisory_xact_lock key of metrics writes (any constant bigint). */
const WRITE_LOCK_ID = 0x706d5f77;

export type Pair = [string, string];

export function chunks<T>(items: T[], size = CHUNK): T[][] {
  return inChunks(items, size);
}

/** A boolean column as SQLite (0/1) or PostgreSQL (true/false) returns it. */
export function bool(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 'true';
}

export function isPostgres(db: Knex): boolean {
  return ['pg', 'postgres', 'postgresql'].includes(db.client.config.client);
}

/**
 * A write transaction. On PostgreSQL, writes take one advisory lock first:
 * a rollup row is recomputed from the events its transaction can see, so
 * two batches touching the same entity and day must not run side by side
 * (one would overwrite the other's numbers, or they would deadlock on the
 * rollup rows). SQLite serialises writers by itself.
 */
export function writeTransaction<T>(
  db: Knex,
  fn: (trx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  return db.transaction(async trx => {
    if (isPostgres(db)) {
      await trx.raw('select pg_advisory_xact_lock(?)', [WRITE_LOCK_ID]);
    }
    return fn(trx);
  });
}

/**
 * `(entity_ref, dayColumn) in pairs`, written per day as
 * `day = ? and entity_ref in (...)` so each part can use the (entity_ref, day)
 * index; PostgreSQL plans a row-value IN list as a scan.
 */
export function wherePairs<Q extends Knex.QueryBuilder>(
  q: Q,
  pairs: Pair[],
  dayColumn = 'day',
): Q {
  const byDay = new Map<string, string[]>();
  for (const [ref, day] of pairs) {
    byDay.set(day, [...(byDay.get(day) ?? []), ref]);
  }
  return q.where(any => {
    for (const [day, refs] of byDay) {
      any.orWhere(w => w.where(dayColumn, day).whereIn('entity_ref', refs));
    }
  }) as Q;
}

/** Deployments with these (source, external_id) keys, one indexed IN per source. */
export function whereSourceIds<Q extends Knex.QueryBuilder>(
  q: Q,
  keys: Array<{ source: string; externalId: string }>,
): Q {
  const bySource = new Map<string, string[]>();
  for (const k of keys) {
    bySource.set(k.source, [...(bySource.get(k.source) ?? []), k.externalId]);
  }
  return q.where(any => {
    for (const [source, ids] of bySource) {
      any.orWhere(w => w.where('source', source).whereIn('external_id', ids));
    }
  }) as Q;
}

/** The (entity, day) pairs whose rollup rows a write must recompute. */
export class PairSet {
  private readonly map = new Map<string, Pair>();
  add(entityRef: string | null | undefined, day: string | null | undefined) {
    if (entityRef && day)
      this.map.set(`${entityRef}\u0000${day}`, [entityRef, day]);
  }
  values(): Pair[] {
    return [...this.map.values()];
  }
}
