import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  ExemptionInfo,
  ScorecardDefinition,
} from '@internal/plugin-scorecards-common';
import {
  CampaignStore,
  StoredCampaign,
  StoredResultWithChecks,
} from '../database/ScorecardStore';
import { dayOf } from '../engine/exemptions';
import { levelName } from '../engine/levels';

interface Payload {
  title: string;
  description: string;
  link: string;
}

const scorecardsTab = (entityRef: string) => {
  const { name, namespace, kind } = parseEntityRef(entityRef);
  return { name, link: `/catalog/${namespace}/${kind}/${name}/scorecards` };
};

/** Everything the plugin tells people, through the notifications service. */
export class ScorecardNotifier {
  constructor(
    private readonly options: {
      notifications?: NotificationService;
      logger: LoggerService;
      campaigns: CampaignStore;
      scorecards: ScorecardDefinition[];
      /** Group told of new exemptions (portal.platformTeam). */
      platformTeamRef: string;
    },
  ) {}

  /** Sends to the given owners (groups or users); a failure is only logged. */
  private async notify(owners: (string | null)[], payload: Payload) {
    const { notifications, logger } = this.options;
    const recipients = [...new Set(owners.filter((o): o is string => !!o))];
    if (!notifications || !recipients.length) return;
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: recipients },
        payload: { ...payload, topic: 'scorecards', severity: 'normal' },
      });
    } catch (e) {
      logger.warn(`Scorecards notification failed: ${(e as Error).message}`);
    }
  }

  async campaignStarted(
    campaign: StoredCampaign,
    def: ScorecardDefinition,
    owners: (string | null)[],
  ) {
    await this.notify(owners, {
      title: `Campaign started: ${campaign.title}`,
      description: `Bring your services to ${campaign.targetLevel} on ${def.metadata.title} by ${campaign.deadline}.`,
      link: `/scorecards/campaigns/${campaign.id}`,
    });
  }

  async campaignWeekLeft(c: StoredCampaign, owners: (string | null)[]) {
    await this.notify(owners, {
      title: `A week left: ${c.title}`,
      description: `Deadline ${c.deadline}: services below ${c.targetLevel} still need work.`,
      link: `/scorecards/campaigns/${c.id}`,
    });
  }

  /** Tells owners when a service in an active campaign dropped a level. */
  async levelsDropped(dropped: StoredResultWithChecks[], now: Date) {
    const { campaigns, scorecards } = this.options;
    const active = await campaigns.activeCampaignsOf(
      dropped.map(d => d.entityRef),
      dayOf(now),
    );
    for (const d of dropped) {
      if (
        !active.some(
          a => a.entityRef === d.entityRef && a.scorecardId === d.scorecardId,
        )
      ) {
        continue;
      }
      const def = scorecards.find(s => s.metadata.name === d.scorecardId);
      if (!def) continue;
      const { name, link } = scorecardsTab(d.entityRef);
      await this.notify([d.ownerRef], {
        title: `${name} dropped to ${levelName(
          scorecards,
          d.scorecardId,
          d.levelIndex,
        )} on ${def.metadata.title}`,
        description: `Failing: ${d.checks
          .filter(c => c.status === 'failed')
          .map(c => c.title)
          .join(', ')}`,
        link,
      });
    }
  }

  /** Tells the platform team of a new exemption (and whether it awaits them). */
  async exemptionCreated(
    exemption: ExemptionInfo,
    check: { title: string },
    awaitsApproval: boolean,
    /** The service's title and the person's name, as people read them. */
    names: { service: string; by: string },
  ) {
    const { link } = scorecardsTab(exemption.entityRef);
    await this.notify([this.options.platformTeamRef], {
      title: `${
        awaitsApproval ? 'Exemption awaits approval' : 'New exemption'
      }: ${names.service}, ${check.title}`,
      description: `Until ${exemption.expiresOn}, by ${names.by}: ${exemption.reason}`,
      link,
    });
  }
}
