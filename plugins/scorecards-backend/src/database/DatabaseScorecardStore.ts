import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  CampaignCreate,
  ExemptionCreate,
  ExemptionInfo,
} from '@internal/plugin-scorecards-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import {
  ScorecardStore,
  StoredCampaign,
  StoredFact,
  StoredResult,
  StoredResultWithChecks,
} from './ScorecardStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-scorecards-backend',
  'migrations',
);

/** Rows per statement: well under SQLite's bound-parameter limit. */
const CHUNK = 100;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

type ExemptionRow = {
  id: string;
  entity_ref: string;
  scorecard_id: string;
  check_id: string;
  reason: string;
  expires_on: string;
  created_by: string;
  created_at: string;
  approved_by: string | null;
  approved_at: string | null;
};

const toExemption = (r: ExemptionRow): ExemptionInfo => ({
  id: r.id,
  entityRef: r.entity_ref,
  scorecardId: r.scorecard_id,
  checkId: r.check_id,
  reason: r.reason,
  expiresOn: r.expires_on,
  createdBy: r.created_by,
  createdAt: r.created_at,
  approvedBy: r.approved_by ?? null,
  approvedAt: r.approved_at ?? null,
});

type CampaignRow = {
  id: string;
  title: string;
  scorecard_id: string;
  target_level: string;
  target_index: number | string;
  deadline: string;
  scope: string;
  created_by: string;
  created_at: string;
  week_notice_at: string | null;
};

const toCampaign = (r: CampaignRow): StoredCampaign => ({
  id: r.id,
  title: r.title,
  scorecardId: r.scorecard_id,
  targetLevel: r.target_level,
  targetIndex: Number(r.target_index),
  deadline: r.deadline,
  scope: JSON.parse(r.scope),
  createdBy: r.created_by,
  createdAt: r.created_at,
  weekNoticeAt: r.week_notice_at ?? null,
});

type ResultRow = {
  entity_ref: string;
  scorecard_id: string;
  owner_ref: string | null;
  level_index: number | string;
  failed_checks: string;
  exempt_checks: string;
  evaluated_at: string;
  checks?: string;
};

const toResult = (r: ResultRow): StoredResult => ({
  entityRef: r.entity_ref,
  scorecardId: r.scorecard_id,
  ownerRef: r.owner_ref ?? null,
  levelIndex: Number(r.level_index),
  failedChecks: r.failed_checks ? r.failed_checks.split(',') : [],
  exemptChecks: r.exempt_checks ? r.exempt_checks.split(',') : [],
  evaluatedAt: r.evaluated_at,
});

/** {@link ScorecardStore} on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseScorecardStore implements ScorecardStore {
  static async create(options: {
    database: Pick<DatabaseService, 'getClient'> &
      Partial<Pick<DatabaseService, 'migrations'>>;
  }): Promise<DatabaseScorecardStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseScorecardStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async putFact(fact: StoredFact): Promise<boolean> {
    const value = JSON.stringify(fact.value);
    return this.db.transaction(async tx => {
      const old = await tx('facts')
        .where({ entity_ref: fact.entityRef, name: fact.name })
        .first();
      if (old && old.measured_at > fact.measuredAt) return false;
      if (old && old.value === value && old.measured_at === fact.measuredAt) {
        return false;
      }
      const row = {
        entity_ref: fact.entityRef,
        name: fact.name,
        value,
        measured_at: fact.measuredAt,
        source: fact.source,
      };
      await tx('facts')
        .insert(row)
        .onConflict(['entity_ref', 'name'])
        .merge(['value', 'measured_at', 'source']);
      return !old || old.value !== value;
    });
  }

  async getFacts(entityRefs?: string[]): Promise<StoredFact[]> {
    const map = (rows: any[]) =>
      rows.map(r => ({
        entityRef: r.entity_ref,
        name: r.name,
        value: JSON.parse(r.value),
        measuredAt: r.measured_at,
        source: r.source,
      }));
    if (!entityRefs) return map(await this.db('facts').select());
    const out: StoredFact[] = [];
    for (const part of chunks(entityRefs)) {
      out.push(...map(await this.db('facts').whereIn('entity_ref', part)));
    }
    return out;
  }

  async writeResults(
    results: StoredResultWithChecks[],
  ): Promise<Map<string, number>> {
    const before = new Map<string, number>();
    for (const part of chunks(results)) {
      const rows = await this.db('results')
        .whereIn('entity_ref', [...new Set(part.map(r => r.entityRef))])
        .select('entity_ref', 'scorecard_id', 'level_index');
      for (const r of rows) {
        before.set(`${r.entity_ref}|${r.scorecard_id}`, Number(r.level_index));
      }
      await this.db('results')
        .insert(
          part.map(r => ({
            entity_ref: r.entityRef,
            scorecard_id: r.scorecardId,
            owner_ref: r.ownerRef,
            level_index: r.levelIndex,
            failed_checks: r.failedChecks.join(','),
            exempt_checks: r.exemptChecks.join(','),
            checks: JSON.stringify(r.checks),
            evaluated_at: r.evaluatedAt,
          })),
        )
        .onConflict(['entity_ref', 'scorecard_id'])
        .merge();
    }
    return before;
  }

  async pruneResults(before: string): Promise<void> {
    await this.db('results').where('evaluated_at', '<', before).delete();
  }

  async getEntityResults(entityRef: string): Promise<StoredResultWithChecks[]> {
    const rows: ResultRow[] = await this.db('results')
      .where({ entity_ref: entityRef })
      .orderBy('scorecard_id');
    return rows.map(r => ({ ...toResult(r), checks: JSON.parse(r.checks!) }));
  }

  async listResults(filter: { ownerRef?: string }): Promise<StoredResult[]> {
    const query = this.db('results').select(
      'entity_ref',
      'scorecard_id',
      'owner_ref',
      'level_index',
      'failed_checks',
      'exempt_checks',
      'evaluated_at',
    );
    if (filter.ownerRef) query.where({ owner_ref: filter.ownerRef });
    const rows: ResultRow[] = await query.orderBy('entity_ref');
    return rows.map(toResult);
  }

  async snapshot(day: string, keepFrom: string): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('snapshots').where({ day }).delete();
      await tx
        .insert(
          tx('results').select(
            tx.raw('? as day', [day]),
            'entity_ref',
            'scorecard_id',
            'owner_ref',
            'level_index',
          ),
        )
        .into(
          tx.raw('?? (??, ??, ??, ??, ??)', [
            'snapshots',
            'day',
            'entity_ref',
            'scorecard_id',
            'owner_ref',
            'level_index',
          ]),
        );
      await tx('snapshots').where('day', '<', keepFrom).delete();
      await tx('snapshot_counts').where('day', '<', keepFrom).delete();
      await this.countDays(tx, day, day);
    });
  }

  /** Recomputes the daily counts (per owner and for the organisation) of days in [from, to]. */
  private async countDays(tx: Knex, from: string, to: string) {
    await tx('snapshot_counts').whereBetween('day', [from, to]).delete();
    const into = tx.raw('?? (??, ??, ??, ??, ??)', [
      'snapshot_counts',
      'day',
      'scorecard_id',
      'owner_ref',
      'level_index',
      'count',
    ]);
    const days = () => tx('snapshots').whereBetween('day', [from, to]);
    await tx
      .insert(
        days()
          .select(
            'day',
            'scorecard_id',
            tx.raw("coalesce(owner_ref, '') as owner_ref"),
            'level_index',
          )
          .count({ count: '*' })
          .groupBy('day', 'scorecard_id', 'owner_ref', 'level_index'),
      )
      .into(into);
    await tx
      .insert(
        days()
          .select(
            'day',
            'scorecard_id',
            tx.raw("'*' as owner_ref"),
            'level_index',
          )
          .count({ count: '*' })
          .groupBy('day', 'scorecard_id', 'level_index'),
      )
      .into(into);
  }

  /** Recomputes the daily counts of [from, to] (after a bulk load of snapshots). */
  async recount(from: string, to: string): Promise<void> {
    await this.db.transaction(tx => this.countDays(tx, from, to));
  }

  async hasSnapshotsBefore(day: string): Promise<boolean> {
    return !!(await this.db('snapshots').where('day', '<', day).first('day'));
  }

  async insertSnapshots(
    rows: {
      day: string;
      entityRef: string;
      scorecardId: string;
      ownerRef: string | null;
      levelIndex: number;
    }[],
  ): Promise<void> {
    for (const part of chunks(rows)) {
      await this.db('snapshots')
        .insert(
          part.map(r => ({
            day: r.day,
            entity_ref: r.entityRef,
            scorecard_id: r.scorecardId,
            owner_ref: r.ownerRef,
            level_index: r.levelIndex,
          })),
        )
        .onConflict(['day', 'entity_ref', 'scorecard_id'])
        .ignore();
    }
    const days = rows.map(r => r.day).sort();
    if (days.length) await this.recount(days[0], days[days.length - 1]);
  }

  async trend(fromDay: string, ownerRef?: string) {
    const rows: any[] = await this.db('snapshot_counts')
      .where('day', '>=', fromDay)
      .where({ owner_ref: ownerRef ?? '*' })
      .select('scorecard_id', 'day', 'level_index', 'count')
      .orderBy(['day', 'scorecard_id', 'level_index']);
    return rows.map(r => ({
      scorecardId: r.scorecard_id,
      day: r.day,
      levelIndex: Number(r.level_index),
      count: Number(r.count),
    }));
  }

  async createExemption(
    input: ExemptionCreate & { createdBy: string; approvedBy?: string },
  ): Promise<ExemptionInfo> {
    const now = new Date().toISOString();
    const row: ExemptionRow = {
      id: randomUUID(),
      entity_ref: input.entityRef,
      scorecard_id: input.scorecardId,
      check_id: input.checkId,
      reason: input.reason,
      expires_on: input.expiresOn,
      created_by: input.createdBy,
      created_at: now,
      approved_by: input.approvedBy ?? null,
      approved_at: input.approvedBy ? now : null,
    };
    await this.db('exemptions').insert(row);
    return toExemption(row);
  }

  async getExemption(id: string): Promise<ExemptionInfo | undefined> {
    const row = await this.db('exemptions')
      .where({ id })
      .whereNull('revoked_at')
      .first();
    return row ? toExemption(row) : undefined;
  }

  async approveExemption(id: string, approvedBy: string): Promise<void> {
    await this.db('exemptions').where({ id }).whereNull('approved_by').update({
      approved_by: approvedBy,
      approved_at: new Date().toISOString(),
    });
  }

  async revokeExemption(id: string): Promise<void> {
    await this.db('exemptions')
      .where({ id })
      .update({ revoked_at: new Date().toISOString() });
  }

  async activeExemptions(
    today: string,
    entityRefs?: string[],
  ): Promise<ExemptionInfo[]> {
    const base = () =>
      this.db('exemptions')
        .whereNull('revoked_at')
        .where('expires_on', '>=', today)
        .orderBy('created_at');
    if (!entityRefs) return (await base()).map(toExemption);
    const out: ExemptionInfo[] = [];
    for (const part of chunks(entityRefs)) {
      out.push(...(await base().whereIn('entity_ref', part)).map(toExemption));
    }
    return out;
  }

  async createCampaign(
    input: CampaignCreate & { createdBy: string; targetIndex: number },
    services: { entityRef: string; ownerRef: string | null }[],
  ): Promise<StoredCampaign> {
    const row: CampaignRow = {
      id: randomUUID(),
      title: input.title,
      scorecard_id: input.scorecardId,
      target_level: input.targetLevel,
      target_index: input.targetIndex,
      deadline: input.deadline,
      scope: JSON.stringify(input.scope),
      created_by: input.createdBy,
      created_at: new Date().toISOString(),
      week_notice_at: null,
    };
    await this.db.transaction(async tx => {
      await tx('campaigns').insert(row);
      for (const part of chunks(services)) {
        await tx('campaign_services').insert(
          part.map(s => ({
            campaign_id: row.id,
            entity_ref: s.entityRef,
            owner_ref: s.ownerRef,
          })),
        );
      }
    });
    return toCampaign(row);
  }

  async listCampaigns(): Promise<StoredCampaign[]> {
    const rows: CampaignRow[] = await this.db('campaigns').orderBy(
      'created_at',
      'desc',
    );
    return rows.map(toCampaign);
  }

  async getCampaign(id: string): Promise<StoredCampaign | undefined> {
    const row = await this.db('campaigns').where({ id }).first();
    return row ? toCampaign(row) : undefined;
  }

  async campaignServices(id: string) {
    const rows = await this.db('campaign_services')
      .where({ campaign_id: id })
      .orderBy('entity_ref');
    return rows.map(r => ({ entityRef: r.entity_ref, ownerRef: r.owner_ref }));
  }

  async activeCampaignsOf(entityRefs: string[], today: string) {
    const out: {
      campaignId: string;
      scorecardId: string;
      entityRef: string;
    }[] = [];
    for (const part of chunks(entityRefs)) {
      const rows = await this.db('campaign_services as cs')
        .join('campaigns as c', 'c.id', 'cs.campaign_id')
        .whereIn('cs.entity_ref', part)
        .where('c.deadline', '>=', today)
        .select('c.id', 'c.scorecard_id', 'cs.entity_ref');
      out.push(
        ...rows.map(r => ({
          campaignId: r.id,
          scorecardId: r.scorecard_id,
          entityRef: r.entity_ref,
        })),
      );
    }
    return out;
  }

  async markWeekNotice(id: string, at: string): Promise<void> {
    await this.db('campaigns').where({ id }).update({ week_notice_at: at });
  }

  async burnup(id: string, fromDay: string) {
    const campaign = await this.getCampaign(id);
    if (!campaign) return [];
    const total = Number(
      (
        await this.db('campaign_services')
          .where({ campaign_id: id })
          .count({ n: '*' })
          .first()
      )?.n ?? 0,
    );
    const rows: any[] = await this.db('snapshots as s')
      .join('campaign_services as cs', 'cs.entity_ref', 's.entity_ref')
      .where('cs.campaign_id', id)
      .where('s.scorecard_id', campaign.scorecardId)
      .where('s.day', '>=', fromDay)
      .groupBy('s.day')
      .select('s.day')
      .sum({
        reached: this.db.raw('case when s.level_index >= ? then 1 else 0 end', [
          campaign.targetIndex,
        ]),
      })
      .orderBy('s.day');
    return rows.map(r => ({ day: r.day, reached: Number(r.reached), total }));
  }
}
