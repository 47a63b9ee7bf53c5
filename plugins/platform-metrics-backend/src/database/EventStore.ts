import { Knex } from 'knex';
import { dayOf } from '../dora/rules';
import { bool, chunks, PairSet, whereSourceIds, writeTransaction } from './db';
import {
  deploymentRecord,
  gapsFilled,
  incidentValues,
  keyOf,
  mergeChange,
} from './eventRecords';
import { RollupStore } from './RollupStore';
import {
  IngestOptions,
  NewChange,
  NewDeployment,
  NewIncident,
  StoreIngestResult,
  WebhookDelivery,
} from './types';

/** Days a webhook delivery id is remembered (GitHub redelivers up to 3 days back). */
const DELIVERY_RETENTION_DAYS = 30;

type WriteOptions = IngestOptions & { failAfterWrite?: boolean };
type Written = { id: number; d: NewDeployment };

/**
 * The event tables (deployments, their commits, changes, incidents) and the
 * webhook deliveries already processed. Every write runs in one transaction
 * that also recomputes the rollup rows it touches (through RollupStore), so
 * readers see either the state before or after a batch, never half of it.
 */
export class EventStore {
  constructor(
    private readonly db: Knex,
    private readonly rollups: RollupStore,
  ) {}

  /**
   * One ingestion transaction: nothing if the webhook delivery was processed
   * before, else `fn`, then the rollups of the pairs it touched.
   */
  private async ingest(
    received: number,
    options: WriteOptions,
    fn: (trx: Knex.Transaction, pairs: PairSet) => Promise<number>,
  ): Promise<StoreIngestResult> {
    try {
      return await this.ingestInTransaction(received, options, fn);
    } finally {
      this.rollups.changed();
    }
  }

  private ingestInTransaction(
    received: number,
    options: WriteOptions,
    fn: (trx: Knex.Transaction, pairs: PairSet) => Promise<number>,
  ): Promise<StoreIngestResult> {
    return writeTransaction(this.db, async trx => {
      if (options.delivery && (await this.seenBefore(trx, options.delivery))) {
        return { accepted: 0, duplicates: received, duplicateDelivery: true };
      }
      const pairs = new PairSet();
      const accepted = await fn(trx, pairs);
      await this.rollups.recompute(trx, pairs.values());
      if (options.failAfterWrite) {
        throw new Error('Simulated failure after write');
      }
      return { accepted, duplicates: received - accepted };
    });
  }

  /**
   * Remembers a webhook delivery in the transaction that writes its events;
   * true when it was processed before. The table's primary key (source,
   * delivery_id) decides, not a read: of two replicas receiving the same
   * delivery at once, one inserts the row and the other finds the key taken
   * (it waits for the first transaction, then sees its row). Forgets
   * deliveries older than the retention.
   */
  private async seenBefore(
    trx: Knex.Transaction,
    delivery: WebhookDelivery,
  ): Promise<boolean> {
    const key = { source: delivery.source, delivery_id: delivery.id };
    const now = new Date();
    const inserted = await trx('pm_webhook_deliveries')
      .insert({ ...key, received_at: now.toISOString() })
      .onConflict(['source', 'delivery_id'])
      .ignore()
      .returning('delivery_id');
    if (inserted.length === 0) return true;
    const oldest = now.getTime() - DELIVERY_RETENTION_DAYS * 86_400_000;
    await trx('pm_webhook_deliveries')
      .where('source', delivery.source)
      .where('received_at', '<', new Date(oldest).toISOString())
      .delete();
    return false;
  }

  async ingestDeployments(
    input: NewDeployment[],
    options: WriteOptions = {},
  ): Promise<StoreIngestResult> {
    const byKey = new Map<string, NewDeployment>();
    for (const d of input) byKey.set(keyOf(d), d);
    return this.ingest(input.length, options, async (trx, pairs) => {
      const written = await this.writeDeployments(
        trx,
        [...byKey.values()],
        pairs,
      );
      await this.writeShippedCommits(trx, written, pairs);
      return written.length;
    });
  }

  /** Inserts new deployments and updates changed ones; returns both. */
  private async writeDeployments(
    trx: Knex.Transaction,
    deployments: NewDeployment[],
    pairs: PairSet,
  ): Promise<Written[]> {
    const existing = new Map<string, any>();
    for (const part of chunks(deployments)) {
      const rows = await whereSourceIds(trx('pm_deployments'), part).select();
      for (const r of rows) {
        existing.set(keyOf({ source: r.source, externalId: r.external_id }), r);
      }
    }
    const toInsert: NewDeployment[] = [];
    const written: Written[] = [];
    for (const d of deployments) {
      const row = existing.get(keyOf(d));
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
        const { received_at: _keep, ...update } = deploymentRecord(d);
        await trx('pm_deployments').where('id', row.id).update(update);
        await trx('pm_deployment_commits')
          .where('deployment_id', row.id)
          .delete();
        pairs.add(row.entity_ref, row.day);
        written.push({ id: Number(row.id), d });
      }
    }
    for (const part of chunks(toInsert, 200)) {
      await trx('pm_deployments')
        .insert(part.map(deploymentRecord))
        .onConflict(['source', 'external_id'])
        .ignore();
      const ids = await whereSourceIds(trx('pm_deployments'), part).select(
        'id',
        'source',
        'external_id',
      );
      const idOf = new Map(
        ids.map(r => [
          keyOf({ source: r.source, externalId: r.external_id }),
          Number(r.id),
        ]),
      );
      for (const d of part) written.push({ id: idOf.get(keyOf(d))!, d });
    }
    return written;
  }

  /** Commits shipped, including those of the push a GitHub deployment names. */
  private async writeShippedCommits(
    trx: Knex.Transaction,
    written: Written[],
    pairs: PairSet,
  ) {
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
  }

  async ingestChanges(
    input: NewChange[],
    options: WriteOptions = {},
  ): Promise<StoreIngestResult> {
    const bySha = new Map<string, NewChange>();
    for (const c of input) {
      const prev = bySha.get(c.sha);
      bySha.set(c.sha, prev ? mergeChange(prev, c) : c);
    }
    const changes = [...bySha.values()];
    return this.ingest(input.length, options, async (trx, pairs) => {
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
            author: c.author,
          });
          touched.push(c.sha);
          continue;
        }
        // A commit seen again (a push, then its pull request) only fills
        // gaps, and only its first sender's: no source changes another's row.
        if (row.source !== c.source) continue;
        const update = gapsFilled(row, c);
        if (Object.keys(update).length) {
          await trx('pm_changes').where('sha', c.sha).update(update);
          touched.push(c.sha);
        }
      }
      for (const part of chunks(inserts, 200)) {
        await trx('pm_changes').insert(part).onConflict('sha').ignore();
      }
      await this.addPairsOfShas(trx, touched, pairs);
      return touched.length;
    });
  }

  async ingestIncidents(
    input: NewIncident[],
    options: IngestOptions = {},
  ): Promise<StoreIngestResult> {
    // Of one incident sent twice in a batch, its newest state counts.
    const byKey = new Map<string, NewIncident>();
    for (const i of input) {
      const prev = byKey.get(keyOf(i));
      if (!prev || i.stateAt >= prev.stateAt) byKey.set(keyOf(i), i);
    }
    return this.ingest(input.length, options, async (trx, pairs) => {
      let accepted = 0;
      const causes = { ids: [] as string[], shas: [] as string[] };
      const addCauses = (r: {
        cause_deployment_id: string | null;
        cause_commit_sha: string | null;
      }) => {
        if (r.cause_deployment_id) causes.ids.push(r.cause_deployment_id);
        if (r.cause_commit_sha) causes.shas.push(r.cause_commit_sha);
      };
      for (const i of byKey.values()) {
        const row = await trx('pm_incidents')
          .where({ source: i.source, external_id: i.externalId })
          .first();
        const values = incidentValues(i, row);
        if (!values) continue;
        if (row) {
          await trx('pm_incidents').where('id', row.id).update(values);
          pairs.add(row.entity_ref, row.resolved_day);
          addCauses(row);
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
        addCauses(values);
      }
      for (const part of chunks(causes.ids)) {
        const rows = await trx('pm_deployments')
          .whereIn('external_id', part)
          .select('entity_ref', 'day');
        for (const r of rows) pairs.add(r.entity_ref, r.day);
      }
      await this.addPairsOfShas(trx, causes.shas, pairs);
      return accepted;
    });
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

  /**
   * Gives the unmapped events of a repository or service their entity, and
   * recomputes the rollup days they now count in, in one transaction.
   */
  async remap(
    kind: 'repository' | 'pagerduty',
    key: string,
    entityRef: string,
  ): Promise<number> {
    try {
      return await this.remapInTransaction(kind, key, entityRef);
    } finally {
      this.rollups.changed();
    }
  }

  private remapInTransaction(
    kind: 'repository' | 'pagerduty',
    key: string,
    entityRef: string,
  ): Promise<number> {
    return writeTransaction(this.db, async trx => {
      const pairs = new PairSet();
      const unmapped = (table: string) =>
        trx(table)
          .whereNull('entity_ref')
          .where({ mapping_kind: kind, mapping_key: key });
      let n = 0;
      const deps = await unmapped('pm_deployments').distinct('day');
      n += await unmapped('pm_deployments').update({ entity_ref: entityRef });
      for (const r of deps) pairs.add(entityRef, r.day);
      n += await unmapped('pm_changes').update({ entity_ref: entityRef });
      const incs = await unmapped('pm_incidents').select(
        'resolved_day',
        'cause_deployment_id',
      );
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
      n += await unmapped('pm_incidents').update({ entity_ref: entityRef });
      for (const r of incs) pairs.add(entityRef, r.resolved_day);
      await this.rollups.recompute(trx, pairs.values());
      return n;
    });
  }
}
