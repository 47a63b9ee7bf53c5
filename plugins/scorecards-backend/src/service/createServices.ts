import {
  AuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ScorecardDefinition } from '@internal/plugin-scorecards-common';
import { ScorecardStores } from '../database/ScorecardStore';
import { CampaignService } from './CampaignService';
import { EvaluationService } from './EvaluationService';
import { ExemptionService } from './ExemptionService';
import { FactService } from './FactService';
import { PluginFactCache } from './PluginFactCache';
import { PluginFacts } from './pluginFacts';
import { ScorecardEntities } from './ScorecardEntities';
import { ScorecardNotifier } from './ScorecardNotifier';
import { SnapshotService } from './SnapshotService';
import { SummaryService } from './SummaryService';

export interface ScorecardsServicesOptions {
  stores: ScorecardStores;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  permissions: PermissionsService;
  pluginFacts: PluginFacts;
  scorecards: ScorecardDefinition[];
  notifications?: NotificationService;
  /** Group told of new exemptions (portal.platformTeam). */
  platformTeamRef: string;
  /** Seed made-up CI facts and history (demo only). */
  demoFacts?: boolean;
  clock?: () => Date;
}

/** The plugin's services, one per job. */
export type ScorecardsServices = ReturnType<typeof createScorecardsServices>;

/** Wires the plugin's services on its stores. */
export function createScorecardsServices(options: ScorecardsServicesOptions) {
  const { stores, logger, demoFacts } = options;
  const clock = options.clock ?? (() => new Date());
  const entities = new ScorecardEntities(options);
  const notifier = new ScorecardNotifier({
    ...options,
    campaigns: stores.campaigns,
  });
  const campaigns = new CampaignService({
    campaigns: stores.campaigns,
    results: stores.results,
    entities,
    notifier,
    clock,
  });
  const evaluation = new EvaluationService({
    ...stores,
    entities,
    pluginFacts: new PluginFactCache({ ...options, clock }),
    notifier,
    campaigns,
    logger,
    demoFacts,
    clock,
  });
  return {
    entities,
    evaluation,
    campaigns,
    exemptions: new ExemptionService({
      exemptions: stores.exemptions,
      entities,
      evaluation,
      notifier,
      permissions: options.permissions,
      clock,
    }),
    facts: new FactService({ facts: stores.facts, clock }),
    summary: new SummaryService({ ...stores, entities, clock }),
    snapshots: new SnapshotService({ ...stores, demoFacts, clock }),
  };
}
