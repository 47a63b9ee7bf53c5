import { CampaignCreate } from '@internal/plugin-scorecards-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { chunks } from './chunks';
import { CampaignStore, StoredCampaign } from './ScorecardStore';

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

/** {@link CampaignStore} on the `campaigns` and `campaign_services` tables (burn-up from `snapshots`). */
export class DatabaseCampaignStore implements CampaignStore {
  constructor(private readonly db: Knex) {}

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
