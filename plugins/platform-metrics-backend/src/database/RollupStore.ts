import { Knex } from 'knex';
import { addRollup, firstOf, RollupFacts, rollupsOf } from '../dora/rules';
import {
  bool,
  chunks,
  isPostgres,
  Pair,
  PairSet,
  wherePairs,
  writeTransaction,
} from './db';
import { RollupRow } from './types';

function parseSamples(text: string | null): number[] {
  if (!text) return [];
  return text.split(',').map(Number);
}

function toRollupRecord(r: Omit<RollupRow, 'entityRef'>) {
  return {
    day: r.day,
    deployments: r.deployments,
    successful: r.successful,
    failed: r.failed,
    rework: r.rework,
    lead_time_seconds: r.leadTimeSeconds.join(','),
    restore_seconds: r.restoreSeconds.join(','),
  };
}

function fromRecord(r: any, entityRef = r.entity_ref): RollupRow {
  return {
    entityRef,
    day: r.day,
    deployments: Number(r.deployments),
    successful: Number(r.successful),
    failed: Number(r.failed),
    rework: Number(r.rework),
    leadTimeSeconds: parseSamples(r.lead_time_seconds),
    restoreSeconds: parseSamples(r.restore_seconds),
  };
}

/**
 * The rollup tables: rows per entity and UTC day (`pm_daily_rollups`) and
 * their sum per day (`pm_org_daily_rollups`). It reads the facts the DORA
 * rules need from the event tables and stores what `rollupsOf` computes;
 * what counts as failed, a rework or a lead time is decided in ../dora/rules.
 */
export class RollupStore {
  private readonly postgres: boolean;
  private changes = 0;

  constructor(private readonly db: Knex) {
    this.postgres = isPostgres(db);
  }

  /**
   * Goes up each time a write through this instance that recomputes rollups
   * has ended (committed or not): what was read before is stale.
   */
  get version(): number {
    return this.changes;
  }

  /** Called by every writer once its transaction has ended. */
  changed(): void {
    this.changes += 1;
  }

  /** Recomputes the rollup rows of these (entity, day) pairs, and their days' sums. */
  async recompute(trx: Knex, pairs: Pair[]): Promise<void> {
    for (const part of chunks(pairs, 300)) {
      const rows = rollupsOf(await this.factsOf(trx, part));
      await wherePairs(trx('pm_daily_rollups'), part).delete();
      const inserts = rows.map(r => ({
        entity_ref: r.entityRef,
        ...toRollupRecord(r),
      }));
      for (const ins of chunks(inserts, 200)) {
        await trx('pm_daily_rollups').insert(ins);
      }
    }
    await this.recomputeDays(trx, [...new Set(pairs.map(([, day]) => day))]);
  }

  /** The events of these pairs, and what the rules need to know about them. */
  private async factsOf(trx: Knex, part: Pair[]): Promise<RollupFacts> {
    const deployments = (
      await wherePairs(trx('pm_deployments'), part)
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
        )
    ).map(d => ({
      id: Number(d.id),
      externalId: d.external_id,
      entityRef: d.entity_ref,
      day: d.day,
      status: d.status,
      deployedAt: d.deployed_at,
      rollback: bool(d.rollback),
      hotfix: bool(d.hotfix),
    }));
    const successIds = deployments
      .filter(d => d.status === 'success')
      .map(d => d.id);
    const commitsOf = await this.commitsOf(trx, successIds);
    const shas = [...new Set([...commitsOf.values()].flat())];
    const incidents = await wherePairs(
      trx('pm_incidents'),
      part,
      'resolved_day',
    ).select('entity_ref', 'resolved_day', 'created_at', 'resolved_at');
    return {
      deployments,
      causedDeployments: await this.causedDeployments(
        trx,
        deployments.map(d => d.externalId),
      ),
      commitsOf,
      firstDeploymentOf: await this.firstDeploymentOf(trx, shas),
      causedCommits: await this.causedCommits(trx, shas),
      authoredAt: await this.authoredAt(trx, shas),
      incidents: incidents.map(i => ({
        entityRef: i.entity_ref,
        resolvedDay: i.resolved_day,
        createdAt: i.created_at,
        resolvedAt: i.resolved_at,
      })),
    };
  }

  /** `entityRef\0externalId` of the deployments incidents name as cause. */
  private async causedDeployments(trx: Knex, externalIds: string[]) {
    const caused = new Set<string>();
    for (const ids of chunks(externalIds)) {
      const rows = await trx('pm_incidents')
        .whereIn('cause_deployment_id', ids)
        .distinct('entity_ref', 'cause_deployment_id');
      for (const r of rows) {
        caused.add(`${r.entity_ref}\u0000${r.cause_deployment_id}`);
      }
    }
    return caused;
  }

  private async commitsOf(trx: Knex, deploymentIds: number[]) {
    const out = new Map<number, string[]>();
    for (const ids of chunks(deploymentIds)) {
      const rows = await trx('pm_deployment_commits')
        .whereIn('deployment_id', ids)
        .select('deployment_id', 'sha');
      for (const r of rows) {
        const id = Number(r.deployment_id);
        out.set(id, [...(out.get(id) ?? []), r.sha]);
      }
    }
    return out;
  }

  private async firstDeploymentOf(trx: Knex, shas: string[]) {
    const first = new Map<string, { id: number; at: string }>();
    for (const s of chunks(shas)) {
      const rows = await trx('pm_deployment_commits as dc')
        .join('pm_deployments as d', 'd.id', 'dc.deployment_id')
        .whereIn('dc.sha', s)
        .where('d.status', 'success')
        .where('d.is_production', true)
        .select('dc.sha', 'd.id', 'd.deployed_at');
      for (const r of rows) {
        first.set(
          r.sha,
          firstOf(first.get(r.sha), { id: Number(r.id), at: r.deployed_at }),
        );
      }
    }
    return first;
  }

  private async causedCommits(trx: Knex, shas: string[]) {
    const caused = new Set<string>();
    for (const s of chunks(shas)) {
      const rows = await trx('pm_incidents')
        .whereIn('cause_commit_sha', s)
        .distinct('cause_commit_sha');
      for (const r of rows) caused.add(r.cause_commit_sha);
    }
    return caused;
  }

  private async authoredAt(trx: Knex, shas: string[]) {
    const out = new Map<string, string>();
    for (const s of chunks(shas)) {
      const rows = await trx('pm_changes')
        .whereIn('sha', s)
        .select('sha', 'authored_at');
      for (const r of rows) out.set(r.sha, r.authored_at);
    }
    return out;
  }

  /** Recomputes the organisation's row of each day from its entities' rows. */
  private async recomputeDays(trx: Knex, days: string[]) {
    for (const part of chunks(days, 100)) {
      const rows = await this.sumPerDay(trx, q => q.whereIn('day', part));
      await trx('pm_org_daily_rollups').whereIn('day', part).delete();
      for (const ins of chunks(rows.map(toRollupRecord), 200)) {
        await trx('pm_org_daily_rollups').insert(ins);
      }
    }
  }

  /** pm_daily_rollups summed per day by the database, samples concatenated. */
  private async sumPerDay(
    db: Knex,
    where: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
  ): Promise<RollupRow[]> {
    const concat = (column: string) =>
      db.raw(
        `${
          this.postgres ? 'string_agg' : 'group_concat'
        }(nullif(??, ''), ',') as ??`,
        [column, column],
      );
    const rows = await where(
      db('pm_daily_rollups')
        .groupBy('day')
        .select(
          'day',
          db.raw('sum(deployments) as deployments'),
          db.raw('sum(successful) as successful'),
          db.raw('sum(failed) as failed'),
          db.raw('sum(rework) as rework'),
          concat('lead_time_seconds'),
          concat('restore_seconds'),
        ),
    );
    return rows.map((r: any) => fromRecord(r, '*'));
  }

  /**
   * Rebuilds every rollup row from the events in one transaction: readers
   * keep seeing the previous rows until it commits.
   */
  async rebuild(): Promise<{ rows: number }> {
    try {
      return await this.rebuildAll();
    } finally {
      this.changed();
    }
  }

  private rebuildAll(): Promise<{ rows: number }> {
    return writeTransaction(this.db, async trx => {
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
      await trx('pm_org_daily_rollups').delete();
      await this.recompute(trx, pairs.values());
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
    const select = () =>
      this.db('pm_daily_rollups')
        .where('day', '>=', options.fromDay)
        .where('day', '<=', options.toDay)
        .select();
    if (!options.entityRefs) return (await select()).map(r => fromRecord(r));
    const rows: any[] = [];
    for (const part of chunks(options.entityRefs, 1000)) {
      rows.push(...(await select().whereIn('entity_ref', part)));
    }
    return rows.map(r => fromRecord(r));
  }

  /**
   * The rollups of a scope summed per day (entityRef `*`): for the whole
   * organisation the rows kept per day, for a list of entities summed by the
   * database, so a year is 365 rows, not one per entity and day.
   */
  async dailyRollups(options: {
    fromDay: string;
    toDay: string;
    entityRefs?: string[];
  }): Promise<RollupRow[]> {
    const inWindow = (q: Knex.QueryBuilder) =>
      q.where('day', '>=', options.fromDay).where('day', '<=', options.toDay);
    if (!options.entityRefs) {
      const rows = await inWindow(this.db('pm_org_daily_rollups')).select();
      return rows.map((r: any) => fromRecord(r, '*'));
    }
    const parts = await Promise.all(
      chunks(options.entityRefs, 1000).map(refs =>
        this.sumPerDay(this.db, q => inWindow(q).whereIn('entity_ref', refs)),
      ),
    );
    const byDay = new Map<string, RollupRow>();
    for (const r of parts.flat()) {
      const row = byDay.get(r.day);
      if (row) addRollup(row, r);
      else byDay.set(r.day, r);
    }
    return [...byDay.values()];
  }
}
