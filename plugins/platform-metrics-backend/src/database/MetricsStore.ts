import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import type { DeliveryEventRow } from '@internal/plugin-platform-metrics-common';
import {
  EventQuery,
  IngestOptions,
  NewChange,
  NewDeployment,
  NewIncident,
  RollupRow,
  StoreIngestResult,
  UnmappedKey,
  WebhookDelivery,
} from './types';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-platform-metrics-backend',
  'migrations',
);

/** Rows per statement; keeps every statement well under SQLite's variable limit. */
const CHUNK = 400;
/** pg_advisory_xact_lock key of metrics writes (any constant bigint). */
const WRITE_LOCK_ID = 0x706d5f77;

/** Days a webhook delivery id is remembered (GitHub redelivers up to 3 days back). */
const DELIVERY_RETENTION_DAYS = 30;

type Pair = [string, string];

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

function bool(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 'true';
}

function seconds(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 1000);
}

function parseSamples(text: string): number[] {
  if (!text) return [];
  return text.split(',').map(Number);
}

/** `2026-11-22` of a UTC ISO timestamp. */
export function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

/**
 * `(entity_ref, dayColumn) in pairs`, written per day as
 * `day = ? and entity_ref in (...)` so each part can use the (entity_ref, day)
 * index; PostgreSQL plans a row-value IN list as a scan.
 */
function wherePairs<Q extends Knex.QueryBuilder>(
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
function whereSourceIds<Q extends Knex.QueryBuilder>(
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

function emptyRollup(entityRef: string, day: string): RollupRow {
  return {
    entityRef,
    day,
    deployments: 0,
    successful: 0,
    failed: 0,
    rework: 0,
    leadTimeSeconds: [],
    restoreSeconds: [],
  };
}

class PairSet {
  private readonly map = new Map<string, Pair>();
  add(entityRef: string | null | undefined, day: string | null | undefined) {
    if (entityRef && day)
      this.map.set(`${entityRef}\u0000${day}`, [entityRef, day]);
  }
  values(): Pair[] {
    return [...this.map.values()];
  }
}

/**
 * Delivery events and their daily rollups. Every write runs in one
 * transaction that also recomputes the rollup rows it touches, so readers
 * see either the state before or after a batch, never half of it.
 */
export class MetricsStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<MetricsStore> {
    const knex = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await knex.migrate.latest({ directory: migrationsDir });
    }
    return new MetricsStore(knex);
  }

  private readonly postgres: boolean;

  constructor(private readonly db: Knex) {
    this.postgres = ['pg', 'postgres', 'postgresql'].includes(
      db.client.config.client,
    );
  }

  /**
   * A write transaction. On PostgreSQL, writes take one advisory lock first:
   * a rollup row is recomputed from the events its transaction can see, so
   * two batches touching the same entity and day must not run side by side
   * (one would overwrite the other's numbers, or they would deadlock on the
   * rollup rows). SQLite serialises writers by itself.
   */
  private write<T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(async trx => {
      if (this.postgres) {
        await trx.raw('select pg_advisory_xact_lock(?)', [WRITE_LOCK_ID]);
      }
      return fn(trx);
    });
  }

  /**
   * Remembers a webhook delivery in the transaction that writes its events;
   * true when it was processed before (writes are serialised, so checking
   * first is safe). Forgets deliveries older than the retention.
   */
  private async seenBefore(
    trx: Knex.Transaction,
    delivery: WebhookDelivery,
  ): Promise<boolean> {
    const key = { source: delivery.source, delivery_id: delivery.id };
    if (await trx('pm_webhook_deliveries').where(key).first()) return true;
    const now = new Date();
    await trx('pm_webhook_deliveries')
      .where('source', delivery.source)
      .where(
        'received_at',
        '<',
        new Date(
          now.getTime() - DELIVERY_RETENTION_DAYS * 86_400_000,
        ).toISOString(),
      )
      .delete();
    await trx('pm_webhook_deliveries').insert({
      ...key,
      received_at: now.toISOString(),
    });
    return false;
  }

  async ingestDeployments(
    input: NewDeployment[],
    options: IngestOptions & { failAfterWrite?: boolean } = {},
  ): Promise<StoreIngestResult> {
    const byKey = new Map<string, NewDeployment>();
    for (const d of input) byKey.set(`${d.source}\u0000${d.externalId}`, d);
    const deployments = [...byKey.values()];
    let accepted = 0;
    let duplicateDelivery = false;
    await this.write(async trx => {
      if (options.delivery && (await this.seenBefore(trx, options.delivery))) {
        duplicateDelivery = true;
        return;
      }
      const pairs = new PairSet();
      const existing = new Map<string, any>();
      for (const part of chunks(deployments)) {
        const rows = await whereSourceIds(trx('pm_deployments'), part).select();
        for (const r of rows)
          existing.set(`${r.source}\u0000${r.external_id}`, r);
      }

      const toInsert: NewDeployment[] = [];
      const toUpdate: Array<{ row: any; d: NewDeployment }> = [];
      for (const d of deployments) {
        const row = existing.get(`${d.source}\u0000${d.externalId}`);
        if (!row) toInsert.push(d);
        // A status older than the stored one does not replace it.
        else if (d.deployedAt < row.deployed_at) continue;
        else if (
          row.status !== d.status ||
          row.deployed_at !== d.deployedAt ||
          row.environment !== d.environment ||
          bool(row.rollback) !== d.rollback ||
          bool(row.hotfix) !== d.hotfix
        ) {
          toUpdate.push({ row, d });
        }
      }

      const rowOf = (d: NewDeployment) => ({
        source: d.source,
        external_id: d.externalId,
        entity_ref: d.entityRef,
        mapping_kind: d.mappingKind,
        mapping_key: d.mappingKey,
        received_at: new Date().toISOString(),
        environment: d.environment,
        is_production: d.isProduction,
        status: d.status,
        deployed_at: d.deployedAt,
        day: dayOf(d.deployedAt),
        rollback: d.rollback,
        hotfix: d.hotfix,
      });

      const written: Array<{ id: number; d: NewDeployment }> = [];
      for (const part of chunks(toInsert, 200)) {
        await trx('pm_deployments')
          .insert(part.map(rowOf))
          .onConflict(['source', 'external_id'])
          .ignore();
        const ids = await whereSourceIds(trx('pm_deployments'), part).select(
          'id',
          'source',
          'external_id',
        );
        const idOf = new Map(
          ids.map(r => [`${r.source}\u0000${r.external_id}`, Number(r.id)]),
        );
        for (const d of part) {
          written.push({
            id: idOf.get(`${d.source}\u0000${d.externalId}`)!,
            d,
          });
        }
      }
      for (const { row, d } of toUpdate) {
        const { received_at: _keep, ...update } = rowOf(d);
        await trx('pm_deployments').where('id', row.id).update(update);
        await trx('pm_deployment_commits')
          .where('deployment_id', row.id)
          .delete();
        pairs.add(row.entity_ref, row.day);
        written.push({ id: Number(row.id), d });
      }
      accepted = written.length;

      // Commits shipped, including those of the push a GitHub deployment names.
      const heads = written
        .filter(w => w.d.includePushedCommits)
        .flatMap(w => w.d.commitShas);
      const pushed = new Map<string, string[]>();
      for (const part of chunks(heads)) {
        const rows = await trx('pm_changes')
          .whereIn('head_sha', part)
          .select('sha', 'head_sha');
        for (const r of rows) {
          pushed.set(r.head_sha, [...(pushed.get(r.head_sha) ?? []), r.sha]);
        }
      }
      const commitRows: Array<{ deployment_id: number; sha: string }> = [];
      for (const { id, d } of written) {
        const shas = new Set(d.commitShas);
        if (d.includePushedCommits) {
          for (const head of d.commitShas) {
            for (const s of pushed.get(head) ?? []) shas.add(s);
          }
        }
        for (const sha of shas) commitRows.push({ deployment_id: id, sha });
        pairs.add(d.entityRef, dayOf(d.deployedAt));
      }
      for (const part of chunks(commitRows, 500)) {
        await trx('pm_deployment_commits')
          .insert(part)
          .onConflict(['deployment_id', 'sha'])
          .ignore();
      }
      // A new deployment may now be the first one of a commit that another
      // deployment shipped before: that one's day changes too.
      await this.addPairsOfShas(
        trx,
        [...new Set(commitRows.map(c => c.sha))],
        pairs,
      );
      await this.recompute(trx, pairs.values());
      if (options.failAfterWrite) {
        throw new Error('Simulated failure after write');
      }
    });
    return result(input.length, accepted, duplicateDelivery);
  }

  async ingestChanges(
    input: NewChange[],
    options: IngestOptions & { failAfterWrite?: boolean } = {},
  ): Promise<StoreIngestResult> {
    const bySha = new Map<string, NewChange>();
    for (const c of input) {
      const prev = bySha.get(c.sha);
      bySha.set(c.sha, prev ? mergeChange(prev, c) : c);
    }
    const changes = [...bySha.values()];
    let accepted = 0;
    let duplicateDelivery = false;
    await this.write(async trx => {
      if (options.delivery && (await this.seenBefore(trx, options.delivery))) {
        duplicateDelivery = true;
        return;
      }
      const existing = new Map<string, any>();
      for (const part of chunks(changes.map(c => c.sha))) {
        const rows = await trx('pm_changes').whereIn('sha', part).select();
        for (const r of rows) existing.set(r.sha, r);
      }
      const inserts: any[] = [];
      const touched: string[] = [];
      for (const c of changes) {
        const row = existing.get(c.sha);
        if (!row) {
          inserts.push({
            sha: c.sha,
            source: c.source,
            entity_ref: c.entityRef,
            mapping_kind: c.mappingKind,
            mapping_key: c.mappingKey,
            received_at: new Date().toISOString(),
            authored_at: c.authoredAt,
            merged_at: c.mergedAt,
            head_sha: c.headSha,
            title: c.title,
          });
          touched.push(c.sha);
          continue;
        }
        // A commit seen again (a push, then its pull request) only fills
        // gaps, and only its first sender's: no source changes another's row.
        if (row.source !== c.source) continue;
        const update: Record<string, unknown> = {};
        if (!row.merged_at && c.mergedAt) update.merged_at = c.mergedAt;
        if (!row.head_sha && c.headSha) update.head_sha = c.headSha;
        if (!row.title && c.title) update.title = c.title;
        if (!row.entity_ref && c.entityRef) {
          update.entity_ref = c.entityRef;
        }
        if (Object.keys(update).length) {
          await trx('pm_changes').where('sha', c.sha).update(update);
          touched.push(c.sha);
        }
      }
      for (const part of chunks(inserts, 200)) {
        await trx('pm_changes').insert(part).onConflict('sha').ignore();
      }
      accepted = touched.length;
      const pairs = new PairSet();
      await this.addPairsOfShas(trx, touched, pairs);
      await this.recompute(trx, pairs.values());
      if (options.failAfterWrite) {
        throw new Error('Simulated failure after write');
      }
    });
    return result(input.length, accepted, duplicateDelivery);
  }

  async ingestIncidents(
    input: NewIncident[],
    options: IngestOptions = {},
  ): Promise<StoreIngestResult> {
    // Of one incident sent twice in a batch, its newest state counts.
    const byKey = new Map<string, NewIncident>();
    for (const i of input) {
      const key = `${i.source}\u0000${i.externalId}`;
      const prev = byKey.get(key);
      if (!prev || i.stateAt >= prev.stateAt) byKey.set(key, i);
    }
    const incidents = [...byKey.values()];
    let accepted = 0;
    let duplicateDelivery = false;
    await this.write(async trx => {
      if (options.delivery && (await this.seenBefore(trx, options.delivery))) {
        duplicateDelivery = true;
        return;
      }
      const pairs = new PairSet();
      const causes = { ids: [] as string[], shas: [] as string[] };
      for (const i of incidents) {
        const row = await trx('pm_incidents')
          .where({ source: i.source, external_id: i.externalId })
          .first();
        // An event older than the stored state (a late or replayed
        // "opened") never moves the incident back.
        if (
          row &&
          i.stateAt < (row.state_at ?? row.resolved_at ?? row.created_at)
        ) {
          continue;
        }
        const resolvedAt =
          i.resolvedAt === undefined ? row?.resolved_at ?? null : i.resolvedAt;
        const createdAt = row?.created_at ?? i.createdAt;
        if (resolvedAt && resolvedAt < createdAt) {
          throw new InputError(
            `Invalid incident ${i.externalId}: resolvedAt: must not be before createdAt (${createdAt})`,
          );
        }
        const values = {
          entity_ref: row?.entity_ref ?? i.entityRef,
          mapping_kind: row?.mapping_kind ?? i.mappingKind,
          mapping_key: row?.mapping_key ?? i.mappingKey,
          title: i.title ?? row?.title ?? null,
          created_at: createdAt,
          state_at: i.stateAt,
          resolved_at: resolvedAt,
          resolved_day: resolvedAt ? dayOf(resolvedAt) : null,
          cause_deployment_id:
            i.causeDeploymentId ?? row?.cause_deployment_id ?? null,
          cause_commit_sha: i.causeCommitSha ?? row?.cause_commit_sha ?? null,
        };
        if (row) {
          const same = (
            Object.keys(values) as Array<keyof typeof values>
          ).every(k => (row[k] ?? null) === values[k]);
          if (same) continue;
          await trx('pm_incidents').where('id', row.id).update(values);
          pairs.add(row.entity_ref, row.resolved_day);
          if (row.cause_deployment_id) causes.ids.push(row.cause_deployment_id);
          if (row.cause_commit_sha) causes.shas.push(row.cause_commit_sha);
        } else {
          await trx('pm_incidents').insert({
            source: i.source,
            external_id: i.externalId,
            received_at: new Date().toISOString(),
            ...values,
          });
        }
        accepted += 1;
        pairs.add(values.entity_ref, values.resolved_day);
        if (values.cause_deployment_id)
          causes.ids.push(values.cause_deployment_id);
        if (values.cause_commit_sha) causes.shas.push(values.cause_commit_sha);
      }
      for (const part of chunks(causes.ids)) {
        const rows = await trx('pm_deployments')
          .whereIn('external_id', part)
          .select('entity_ref', 'day');
        for (const r of rows) pairs.add(r.entity_ref, r.day);
      }
      await this.addPairsOfShas(trx, causes.shas, pairs);
      await this.recompute(trx, pairs.values());
    });
    return result(input.length, accepted, duplicateDelivery);
  }

  /** Days of the successful production deployments that shipped these commits. */
  private async addPairsOfShas(trx: Knex, shas: string[], pairs: PairSet) {
    for (const part of chunks(shas)) {
      const rows = await trx('pm_deployment_commits as dc')
        .join('pm_deployments as d', 'd.id', 'dc.deployment_id')
        .whereIn('dc.sha', part)
        .where('d.status', 'success')
        .where('d.is_production', true)
        .distinct('d.entity_ref', 'd.day');
      for (const r of rows) pairs.add(r.entity_ref, r.day);
    }
  }

  /** Recomputes the rollup rows of these (entity, day) pairs from the events. */
  private async recompute(trx: Knex, pairs: Pair[]) {
    for (const part of chunks(pairs, 300)) {
      const deployments = await wherePairs(trx('pm_deployments'), part)
        .where('is_production', true)
        .select(
          'id',
          'external_id',
          'entity_ref',
          'day',
          'status',
          'deployed_at',
          'rollback',
          'hotfix',
        );
      const successful = deployments.filter(d => d.status === 'success');
      const successIds = successful.map(d => Number(d.id));

      // Deployment ids are unique per source only: an incident names a
      // deployment of its own entity.
      const caused = new Set<string>();
      for (const ids of chunks(deployments.map(d => d.external_id))) {
        const rows = await trx('pm_incidents')
          .whereIn('cause_deployment_id', ids)
          .distinct('entity_ref', 'cause_deployment_id');
        for (const r of rows) {
          caused.add(`${r.entity_ref}\u0000${r.cause_deployment_id}`);
        }
      }

      // Commits of these deployments that are known changes.
      const shipped: Array<{
        deploymentId: number;
        sha: string;
        authoredAt: string;
      }> = [];
      for (const ids of chunks(successIds)) {
        const rows = await trx('pm_deployment_commits as dc')
          .join('pm_changes as c', 'c.sha', 'dc.sha')
          .whereIn('dc.deployment_id', ids)
          .select('dc.deployment_id', 'dc.sha', 'c.authored_at');
        for (const r of rows) {
          shipped.push({
            deploymentId: Number(r.deployment_id),
            sha: r.sha,
            authoredAt: r.authored_at,
          });
        }
      }
      // All commits of the successful deployments, for incidents naming a commit.
      const allShas = new Map<number, string[]>();
      for (const ids of chunks(successIds)) {
        const rows = await trx('pm_deployment_commits')
          .whereIn('deployment_id', ids)
          .select('deployment_id', 'sha');
        for (const r of rows) {
          const id = Number(r.deployment_id);
          allShas.set(id, [...(allShas.get(id) ?? []), r.sha]);
        }
      }
      const shas = [...new Set([...allShas.values()].flat())];
      // The first successful production deployment of each commit.
      const first = new Map<string, { id: number; at: string }>();
      for (const s of chunks(shas)) {
        const rows = await trx('pm_deployment_commits as dc')
          .join('pm_deployments as d', 'd.id', 'dc.deployment_id')
          .whereIn('dc.sha', s)
          .where('d.status', 'success')
          .where('d.is_production', true)
          .select('dc.sha', 'd.id', 'd.deployed_at');
        for (const r of rows) {
          const cur = first.get(r.sha);
          const id = Number(r.id);
          if (
            !cur ||
            r.deployed_at < cur.at ||
            (r.deployed_at === cur.at && id < cur.id)
          ) {
            first.set(r.sha, { id, at: r.deployed_at });
          }
        }
      }
      const causedShas = new Set<string>();
      for (const s of chunks(shas)) {
        const rows = await trx('pm_incidents')
          .whereIn('cause_commit_sha', s)
          .distinct('cause_commit_sha');
        for (const r of rows) causedShas.add(r.cause_commit_sha);
      }

      const incidents = await wherePairs(
        trx('pm_incidents'),
        part,
        'resolved_day',
      ).select('entity_ref', 'resolved_day', 'created_at', 'resolved_at');

      const rows = new Map<string, RollupRow>();
      const rowFor = (entityRef: string, day: string) => {
        const key = `${entityRef}\u0000${day}`;
        let row = rows.get(key);
        if (!row) {
          row = emptyRollup(entityRef, day);
          rows.set(key, row);
        }
        return row;
      };
      const byId = new Map<number, any>();
      for (const d of deployments) {
        byId.set(Number(d.id), d);
        const row = rowFor(d.entity_ref, d.day);
        row.deployments += 1;
        const ok = d.status === 'success';
        if (ok) row.successful += 1;
        const causedByCommit = (allShas.get(Number(d.id)) ?? []).some(
          s => causedShas.has(s) && first.get(s)?.id === Number(d.id),
        );
        if (
          !ok ||
          caused.has(`${d.entity_ref}\u0000${d.external_id}`) ||
          causedByCommit
        ) {
          row.failed += 1;
        }
        if (bool(d.rollback) || bool(d.hotfix)) row.rework += 1;
      }
      for (const s of shipped) {
        if (first.get(s.sha)?.id !== s.deploymentId) continue;
        const d = byId.get(s.deploymentId);
        const lead = seconds(s.authoredAt, d.deployed_at);
        if (lead > 0) rowFor(d.entity_ref, d.day).leadTimeSeconds.push(lead);
      }
      for (const i of incidents) {
        rowFor(i.entity_ref, i.resolved_day).restoreSeconds.push(
          Math.max(0, seconds(i.created_at, i.resolved_at)),
        );
      }

      await wherePairs(trx('pm_daily_rollups'), part).delete();
      const inserts = [...rows.values()].map(toRollupRecord);
      for (const ins of chunks(inserts, 200)) {
        await trx('pm_daily_rollups').insert(ins);
      }
    }
  }

  /**
   * Rebuilds every rollup row from the events in one transaction: readers
   * keep seeing the previous rows until it commits.
   */
  async rebuildRollups(): Promise<{ rows: number }> {
    return this.write(async trx => {
      const pairs = new PairSet();
      const deps = await trx('pm_deployments')
        .whereNotNull('entity_ref')
        .distinct('entity_ref', 'day');
      for (const r of deps) pairs.add(r.entity_ref, r.day);
      const incs = await trx('pm_incidents')
        .whereNotNull('entity_ref')
        .whereNotNull('resolved_day')
        .distinct('entity_ref', 'resolved_day');
      for (const r of incs) pairs.add(r.entity_ref, r.resolved_day);
      await trx('pm_daily_rollups').delete();
      const all = pairs.values();
      await this.recompute(trx, all);
      const [{ n }] = await trx('pm_daily_rollups').count({ n: '*' });
      return { rows: Number(n) };
    });
  }

  /** Rollup rows from `fromDay` to `toDay` (inclusive), optionally for some entities. */
  async rollups(options: {
    fromDay: string;
    toDay: string;
    entityRefs?: string[];
  }): Promise<RollupRow[]> {
    const select = (q: Knex.QueryBuilder) =>
      q
        .from('pm_daily_rollups')
        .where('day', '>=', options.fromDay)
        .where('day', '<=', options.toDay)
        .select();
    let rows: any[];
    if (!options.entityRefs) {
      rows = await select(this.db.queryBuilder());
    } else if (options.entityRefs.length === 0) {
      rows = [];
    } else {
      rows = [];
      for (const part of chunks(options.entityRefs, 1000)) {
        rows.push(
          ...(await select(this.db.queryBuilder()).whereIn('entity_ref', part)),
        );
      }
    }
    return rows.map(r => ({
      entityRef: r.entity_ref,
      day: r.day,
      deployments: Number(r.deployments),
      successful: Number(r.successful),
      failed: Number(r.failed),
      rework: Number(r.rework),
      leadTimeSeconds: parseSamples(r.lead_time_seconds),
      restoreSeconds: parseSamples(r.restore_seconds),
    }));
  }

  /**
   * The rollups of a scope summed per day (entityRef `*`), aggregated by the
   * database: a year of the whole organisation is 365 rows, not one per
   * entity and day.
   */
  async dailyRollups(options: {
    fromDay: string;
    toDay: string;
    entityRefs?: string[];
  }): Promise<RollupRow[]> {
    const concat = (column: string) =>
      this.db.raw(
        `${
          this.postgres ? 'string_agg' : 'group_concat'
        }(nullif(??, ''), ',') as ??`,
        [column, column],
      );
    const select = (refs?: string[]) => {
      const q = this.db('pm_daily_rollups')
        .where('day', '>=', options.fromDay)
        .where('day', '<=', options.toDay)
        .groupBy('day')
        .select(
          'day',
          this.db.raw('sum(deployments) as deployments'),
          this.db.raw('sum(successful) as successful'),
          this.db.raw('sum(failed) as failed'),
          this.db.raw('sum(rework) as rework'),
          concat('lead_time_seconds'),
          concat('restore_seconds'),
        );
      return refs ? q.whereIn('entity_ref', refs) : q;
    };
    const parts = !options.entityRefs
      ? [await select()]
      : await Promise.all(chunks(options.entityRefs, 1000).map(select));
    const byDay = new Map<string, RollupRow>();
    for (const r of parts.flat()) {
      const row = byDay.get(r.day) ?? emptyRollup('*', r.day);
      row.deployments += Number(r.deployments);
      row.successful += Number(r.successful);
      row.failed += Number(r.failed);
      row.rework += Number(r.rework);
      for (const v of parseSamples(r.lead_time_seconds)) {
        row.leadTimeSeconds.push(v);
      }
      for (const v of parseSamples(r.restore_seconds)) {
        row.restoreSeconds.push(v);
      }
      byDay.set(r.day, row);
    }
    return [...byDay.values()];
  }

  /** Time of each entity's first successful production deployment. */
  async firstDeployments(entityRefs: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks(entityRefs, 1000)) {
      const rows = await this.db('pm_deployments')
        .whereIn('entity_ref', part)
        .where('status', 'success')
        .where('is_production', true)
        .groupBy('entity_ref')
        .select('entity_ref')
        .min({ first: 'deployed_at' });
      for (const r of rows as any[]) out.set(r.entity_ref, r.first);
    }
    return out;
  }

  private scoped(q: Knex.QueryBuilder, column: string, refs?: string[]) {
    if (!refs) return q.whereNotNull(column);
    return q.whereIn(column, refs.length ? refs : ['']);
  }

  async listDeployments(
    query: EventQuery,
  ): Promise<{ items: DeliveryEventRow[]; total: number }> {
    const base = () =>
      this.scoped(
        this.db('pm_deployments')
          .where('deployed_at', '>=', query.from)
          .where('deployed_at', '<=', query.to),
        'entity_ref',
        query.entityRefs,
      );
    const [{ n }] = await base().count({ n: '*' });
    const rows = await base()
      .orderBy([
        { column: 'deployed_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(query.limit)
      .offset(query.offset)
      .select();
    const ids = rows.map((r: any) => r.id);
    const commits = ids.length
      ? await this.db('pm_deployment_commits')
          .whereIn('deployment_id', ids)
          .select()
      : [];
    const causes = rows.length
      ? await this.db('pm_incidents')
          .whereIn(
            'cause_deployment_id',
            rows.map((r: any) => r.external_id),
          )
          .select('cause_deployment_id', 'external_id')
      : [];
    return {
      total: Number(n),
      items: rows.map((r: any) => {
        const incidents = causes
          .filter(c => c.cause_deployment_id === r.external_id)
          .map(c => c.external_id);
        const flags = [
          bool(r.rollback) && 'rollback',
          bool(r.hotfix) && 'hotfix',
        ].filter(Boolean);
        return {
          id: `deployment:${r.source}:${r.external_id}`,
          type: 'deployment' as const,
          entityRef: r.entity_ref,
          time: r.deployed_at,
          summary: `${
            r.status === 'success' ? 'Deployed' : 'Failed deployment'
          } to ${r.environment}${flags.length ? ` (${flags.join(', ')})` : ''}`,
          details: {
            source: r.source,
            externalId: r.external_id,
            environment: r.environment,
            production: bool(r.is_production),
            status: r.status,
            rollback: bool(r.rollback),
            hotfix: bool(r.hotfix),
            commits: commits
              .filter(c => Number(c.deployment_id) === Number(r.id))
              .map(c => c.sha),
            causedIncidents: incidents,
          },
        };
      }),
    };
  }

  /** Changes first shipped to production in the window by the scope's deployments. */
  async listChanges(
    query: EventQuery,
  ): Promise<{ items: DeliveryEventRow[]; total: number }> {
    const base = () =>
      this.scoped(
        this.db('pm_changes as c')
          .join('pm_deployment_commits as dc', 'dc.sha', 'c.sha')
          .join('pm_deployments as d', 'd.id', 'dc.deployment_id')
          .where('d.status', 'success')
          .where('d.is_production', true)
          .where('d.deployed_at', '>=', query.from)
          .where('d.deployed_at', '<=', query.to),
        'd.entity_ref',
        query.entityRefs,
      );
    const [{ n }] = await base().countDistinct({ n: 'c.sha' });
    const rows = await base()
      .groupBy('c.sha', 'c.authored_at', 'c.merged_at', 'c.title')
      .select('c.sha', 'c.authored_at', 'c.merged_at', 'c.title')
      .min({ deployed_at: 'd.deployed_at', entity_ref: 'd.entity_ref' })
      .orderBy([
        { column: 'deployed_at', order: 'desc' },
        { column: 'c.sha', order: 'asc' },
      ])
      .limit(query.limit)
      .offset(query.offset);
    return {
      total: Number(n),
      items: rows.map(r => {
        const hours = seconds(r.authored_at, r.deployed_at) / 3600;
        return {
          id: `change:${r.sha}`,
          type: 'change' as const,
          entityRef: r.entity_ref,
          time: r.deployed_at,
          summary: `${r.title ?? r.sha.slice(0, 7)}: lead time ${hours.toFixed(
            1,
          )} h`,
          details: {
            sha: r.sha,
            authoredAt: r.authored_at,
            mergedAt: r.merged_at,
            deployedAt: r.deployed_at,
            leadTimeHours: hours,
          },
        };
      }),
    };
  }

  /** Incidents open at any time during the window. */
  async listIncidents(
    query: EventQuery,
  ): Promise<{ items: DeliveryEventRow[]; total: number }> {
    const base = () =>
      this.scoped(
        this.db('pm_incidents')
          .where('created_at', '<=', query.to)
          .where(q =>
            q.whereNull('resolved_at').orWhere('resolved_at', '>=', query.from),
          ),
        'entity_ref',
        query.entityRefs,
      );
    const [{ n }] = await base().count({ n: '*' });
    const rows = await base()
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(query.limit)
      .offset(query.offset)
      .select();
    return {
      total: Number(n),
      items: rows.map((r: any) => {
        const hours = r.resolved_at
          ? seconds(r.created_at, r.resolved_at) / 3600
          : null;
        return {
          id: `incident:${r.source}:${r.external_id}`,
          type: 'incident' as const,
          entityRef: r.entity_ref,
          time: r.created_at,
          summary: `${r.title ?? r.external_id}: ${
            hours === null ? 'open' : `restored in ${hours.toFixed(1)} h`
          }`,
          details: {
            source: r.source,
            externalId: r.external_id,
            createdAt: r.created_at,
            resolvedAt: r.resolved_at,
            timeToRestoreHours: hours,
            causeDeploymentId: r.cause_deployment_id,
            causeCommitSha: r.cause_commit_sha,
          },
        };
      }),
    };
  }

  /** Repositories and services that events named but the catalog does not know. */
  async unmapped(): Promise<UnmappedKey[]> {
    const out = new Map<string, UnmappedKey>();
    const collect = async (table: string, timeColumn: string) => {
      const rows = await this.db(table)
        .whereNull('entity_ref')
        .whereNotNull('mapping_key')
        .groupBy('source', 'mapping_kind', 'mapping_key')
        .select('source', 'mapping_kind', 'mapping_key')
        .count({ n: '*' })
        .max({ last: timeColumn });
      for (const r of rows as any[]) {
        const key = `${r.source}\u0000${r.mapping_kind}\u0000${r.mapping_key}`;
        const cur = out.get(key);
        out.set(key, {
          source: r.source,
          kind: r.mapping_kind,
          key: r.mapping_key,
          events: (cur?.events ?? 0) + Number(r.n),
          lastSeen: cur && cur.lastSeen > r.last ? cur.lastSeen : r.last,
        });
      }
    };
    await collect('pm_deployments', 'received_at');
    await collect('pm_changes', 'received_at');
    await collect('pm_incidents', 'received_at');
    return [...out.values()].sort((a, b) =>
      b.lastSeen.localeCompare(a.lastSeen),
    );
  }

  /**
   * Gives the unmapped events of a repository or service their entity, and
   * recomputes the rollup days they now count in, in one transaction.
   */
  async remap(
    kind: 'repository' | 'pagerduty',
    key: string,
    entityRef: string,
  ): Promise<number> {
    return this.write(async trx => {
      const pairs = new PairSet();
      let n = 0;
      const deps = await trx('pm_deployments')
        .whereNull('entity_ref')
        .where({ mapping_kind: kind, mapping_key: key })
        .distinct('day');
      n += await trx('pm_deployments')
        .whereNull('entity_ref')
        .where({ mapping_kind: kind, mapping_key: key })
        .update({ entity_ref: entityRef });
      for (const r of deps) pairs.add(entityRef, r.day);
      n += await trx('pm_changes')
        .whereNull('entity_ref')
        .where({ mapping_kind: kind, mapping_key: key })
        .update({ entity_ref: entityRef });
      const incs = await trx('pm_incidents')
        .whereNull('entity_ref')
        .where({ mapping_kind: kind, mapping_key: key })
        .select('resolved_day', 'cause_deployment_id');
      // The deployments they name as cause now count as failed.
      const causes = incs
        .map(r => r.cause_deployment_id)
        .filter((c): c is string => Boolean(c));
      for (const part of chunks(causes)) {
        const rows = await trx('pm_deployments')
          .where('entity_ref', entityRef)
          .whereIn('external_id', part)
          .distinct('day');
        for (const r of rows) pairs.add(entityRef, r.day);
      }
      n += await trx('pm_incidents')
        .whereNull('entity_ref')
        .where({ mapping_kind: kind, mapping_key: key })
        .update({ entity_ref: entityRef });
      for (const r of incs) pairs.add(entityRef, r.resolved_day);
      await this.recompute(trx, pairs.values());
      return n;
    });
  }

  async countBySource(source: string): Promise<number> {
    const [{ n }] = await this.db('pm_deployments')
      .where('source', source)
      .count({ n: '*' });
    return Number(n);
  }

  /** Number of events per type for a scope and window (for responses). */
  async eventTotals(): Promise<{
    deployments: number;
    changes: number;
    incidents: number;
  }> {
    const count = async (t: string) =>
      Number((await this.db(t).count({ n: '*' }))[0].n);
    return {
      deployments: await count('pm_deployments'),
      changes: await count('pm_changes'),
      incidents: await count('pm_incidents'),
    };
  }
}

function result(
  received: number,
  accepted: number,
  duplicateDelivery: boolean,
): StoreIngestResult {
  return duplicateDelivery
    ? { accepted: 0, duplicates: received, duplicateDelivery }
    : { accepted, duplicates: received - accepted };
}

function mergeChange(a: NewChange, b: NewChange): NewChange {
  return {
    ...a,
    mergedAt: a.mergedAt ?? b.mergedAt,
    headSha: a.headSha ?? b.headSha,
    title: a.title ?? b.title,
    entityRef: a.entityRef ?? b.entityRef,
  };
}

function toRollupRecord(r: RollupRow) {
  return {
    entity_ref: r.entityRef,
    day: r.day,
    deployments: r.deployments,
    successful: r.successful,
    failed: r.failed,
    rework: r.rework,
    lead_time_seconds: r.leadTimeSeconds.join(','),
    restore_seconds: r.restoreSeconds.join(','),
  };
}
