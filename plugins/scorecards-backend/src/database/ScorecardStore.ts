import {
  Campaign,
  CampaignCreate,
  CheckResult,
  ExemptionCreate,
  ExemptionInfo,
} from '@internal/plugin-scorecards-common';

export interface StoredFact {
  entityRef: string;
  name: string;
  value: unknown;
  measuredAt: string;
  source: string;
}

export interface StoredResult {
  entityRef: string;
  scorecardId: string;
  ownerRef: string | null;
  levelIndex: number;
  /** Failed (not exempt) check ids. */
  failedChecks: string[];
  /** Exempt (not passed) check ids. */
  exemptChecks: string[];
  evaluatedAt: string;
}

export interface StoredResultWithChecks extends StoredResult {
  checks: CheckResult[];
}

export interface StoredCampaign
  extends Omit<Campaign, 'reached' | 'exempt' | 'total'> {
  targetIndex: number;
  weekNoticeAt: string | null;
}

/** Facts from CI (and the demo seed), one per entity and name. */
export interface FactStore {
  /**
   * Stores a fact unless a newer one (by measuredAt) is stored; returns
   * whether anything changed (the same post twice changes nothing).
   */
  putFact(fact: StoredFact): Promise<boolean>;
  /** Facts of the given entities (all entities when omitted). */
  getFacts(entityRefs?: string[]): Promise<StoredFact[]>;
}

/** The current level and checks of each entity per scorecard. */
export interface ResultStore {
  /** Upserts results; returns the level index each had before (if any). */
  writeResults(results: StoredResultWithChecks[]): Promise<Map<string, number>>;
  /** Removes results of entities or scorecards not evaluated since `before`. */
  pruneResults(before: string): Promise<void>;
  getEntityResults(entityRef: string): Promise<StoredResultWithChecks[]>;
  /** Results without check details, optionally for one owner or some entities. */
  listResults(filter: {
    ownerRef?: string;
    entityRefs?: string[];
  }): Promise<StoredResult[]>;
  /** Every result counted by the database (the organisation's summary). */
  countResults(): Promise<ResultCounts>;
}

/**
 * Results counted per scorecard, owner and level (with how many have
 * exempt checks), and per scorecard and list of failed checks, each group in
 * the order of its first entity ref.
 */
export interface ResultCounts {
  levels: Array<{
    scorecardId: string;
    ownerRef: string | null;
    levelIndex: number;
    count: number;
    exempt: number;
  }>;
  failed: Array<{ scorecardId: string; failedChecks: string[]; count: number }>;
}

/** Daily levels (snapshots) and their counts per team and organisation. */
export interface SnapshotStore {
  /** Copies current levels into `day`'s snapshot; drops days before `keepFrom`. */
  snapshot(day: string, keepFrom: string): Promise<void>;
  /** Whether any snapshot is older than `day`. */
  hasSnapshotsBefore(day: string): Promise<boolean>;
  /** Writes made-up history (demo only); existing days are kept. */
  insertSnapshots(
    rows: {
      day: string;
      entityRef: string;
      scorecardId: string;
      ownerRef: string | null;
      levelIndex: number;
    }[],
  ): Promise<void>;
  /** Count of entities per scorecard, day and level since `fromDay`. */
  trend(
    fromDay: string,
    ownerRef?: string,
  ): Promise<
    { scorecardId: string; day: string; levelIndex: number; count: number }[]
  >;
}

/** Exemptions of services from checks. */
export interface ExemptionStore {
  /** Approved at once when `approvedBy` is given. */
  createExemption(
    input: ExemptionCreate & { createdBy: string; approvedBy?: string },
  ): Promise<ExemptionInfo>;
  getExemption(id: string): Promise<ExemptionInfo | undefined>;
  /** Records the platform team's approval (the first one stays). */
  approveExemption(id: string, approvedBy: string): Promise<void>;
  revokeExemption(id: string): Promise<void>;
  /** Exemptions not revoked and holding on or after `today`. */
  activeExemptions(
    today: string,
    entityRefs?: string[],
  ): Promise<ExemptionInfo[]>;
}

/** Campaigns, the services in their scope, and their burn-up. */
export interface CampaignStore {
  createCampaign(
    input: CampaignCreate & { createdBy: string; targetIndex: number },
    services: { entityRef: string; ownerRef: string | null }[],
  ): Promise<StoredCampaign>;
  listCampaigns(): Promise<StoredCampaign[]>;
  getCampaign(id: string): Promise<StoredCampaign | undefined>;
  campaignServices(
    id: string,
  ): Promise<{ entityRef: string; ownerRef: string | null }[]>;
  /** Campaign ids (with scorecard) whose deadline is on or after `today`, per entity. */
  activeCampaignsOf(
    entityRefs: string[],
    today: string,
  ): Promise<{ campaignId: string; scorecardId: string; entityRef: string }[]>;
  markWeekNotice(id: string, at: string): Promise<void>;
  /** Entities at or above the target per day since `fromDay`. */
  burnup(
    id: string,
    fromDay: string,
  ): Promise<{ day: string; reached: number; total: number }[]>;
}

/** Persistence of the scorecards plugin, one store per job; rules live in the engine. */
export interface ScorecardStores {
  facts: FactStore;
  results: ResultStore;
  snapshots: SnapshotStore;
  exemptions: ExemptionStore;
  campaigns: CampaignStore;
}
