import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  Campaign,
  CampaignCreate,
  CampaignDetails,
  EntityScorecardsResponse,
  ExemptionCreate,
  ExemptionInfo,
  LevelsResponse,
  SummaryResponse,
} from '@internal/plugin-scorecards-common';

/** The scorecards backend, as the frontend uses it. @public */
export interface ScorecardsApi {
  getEntity(entityRef: string): Promise<EntityScorecardsResponse>;
  recheck(entityRef: string): Promise<EntityScorecardsResponse>;
  getSummary(options: {
    ownerRef?: string;
    days?: number;
  }): Promise<SummaryResponse>;
  /** Levels and failing checks of up to 100 services, in one request. */
  getLevels(entityRefs: string[]): Promise<LevelsResponse>;
  createExemption(input: ExemptionCreate): Promise<ExemptionInfo>;
  deleteExemption(id: string): Promise<void>;
  /** The platform team's approval of a security check's exemption. */
  approveExemption(id: string): Promise<ExemptionInfo>;
  listCampaigns(): Promise<Campaign[]>;
  getCampaign(id: string): Promise<CampaignDetails>;
  startCampaign(input: CampaignCreate): Promise<Campaign>;
}

/** @public */
export const scorecardsApiRef = createApiRef<ScorecardsApi>({
  id: 'plugin.scorecards',
});
