import { NotFoundError, InputError } from '@backstage/errors';
import {
  Campaign,
  CampaignCreate,
  CampaignDetails,
} from '@internal/plugin-scorecards-common';
import {
  CampaignStore,
  ResultStore,
  StoredCampaign,
} from '../database/ScorecardStore';
import {
  campaignProgress,
  campaignTargetIndex,
  weekNoticeDue,
} from '../engine/campaigns';
import { matchesSelector } from '../engine/definitions';
import { dayOf } from '../engine/exemptions';
import { levelName } from '../engine/levels';
import { ownerOf, refOf } from '../engine/refs';
import { ScorecardEntities } from './ScorecardEntities';
import { ScorecardNotifier } from './ScorecardNotifier';

/** Campaigns: start one, show its progress, tell owners a week ahead. */
export class CampaignService {
  constructor(
    private readonly options: {
      campaigns: CampaignStore;
      results: ResultStore;
      entities: ScorecardEntities;
      notifier: ScorecardNotifier;
      clock: () => Date;
    },
  ) {}

  async startCampaign(
    input: CampaignCreate,
    createdBy: string,
  ): Promise<Campaign> {
    const { entities, campaigns, notifier, clock } = this.options;
    const def = entities.scorecard(input.scorecardId);
    const targetIndex = campaignTargetIndex(def, input, dayOf(clock()));
    const inScope = (await entities.loadEntities()).filter(
      e =>
        matchesSelector(e, def.spec.appliesTo) &&
        matchesSelector(e, input.scope),
    );
    if (!inScope.length) {
      throw new InputError('Invalid campaign: scope: no service is in scope');
    }
    const services = inScope.map(e => ({
      entityRef: refOf(e),
      ownerRef: ownerOf(e),
    }));
    const campaign = await campaigns.createCampaign(
      { ...input, createdBy, targetIndex },
      services,
    );
    await notifier.campaignStarted(
      campaign,
      def,
      services.map(s => s.ownerRef),
    );
    return (await this.progress(campaign)).campaign;
  }

  private async progress(c: StoredCampaign) {
    const services = await this.options.campaigns.campaignServices(c.id);
    const results = await this.options.results.listResults({});
    const scorecards = this.options.entities.scorecards;
    return campaignProgress(c, services, results, (id, index) =>
      levelName(scorecards, id, index),
    );
  }

  async listCampaigns(): Promise<Campaign[]> {
    const list = await this.options.campaigns.listCampaigns();
    return Promise.all(list.map(async c => (await this.progress(c)).campaign));
  }

  async campaign(id: string): Promise<CampaignDetails> {
    const { campaigns, clock } = this.options;
    const c = await campaigns.getCampaign(id);
    if (!c) throw new NotFoundError('Campaign not found');
    const { campaign, rows } = await this.progress(c);
    const today = dayOf(clock());
    const history = (
      await campaigns.burnup(id, c.createdAt.slice(0, 10))
    ).filter(p => p.day !== today);
    return {
      ...campaign,
      services: rows,
      burnup: [
        ...history,
        { day: today, reached: campaign.reached, total: campaign.total },
      ],
    };
  }

  /** Tells the owners of services below target, once, a week before a deadline. */
  async weekNotices(now: Date) {
    const { campaigns, notifier } = this.options;
    for (const c of await campaigns.listCampaigns()) {
      if (!weekNoticeDue(c, now)) continue;
      const { rows } = await this.progress(c);
      await notifier.campaignWeekLeft(
        c,
        rows.filter(r => !r.reached).map(r => r.ownerRef),
      );
      await campaigns.markWeekNotice(c.id, now.toISOString());
    }
  }
}
