import type { ExemptionRule } from './exemptionRules';

/** Outcome of one check for one service. @public */
export type CheckStatus = 'passed' | 'failed' | 'exempt';

/** @public */
export interface NextStep {
  text: string;
  url?: string;
}

/** @public */
export interface ExemptionInfo {
  id: string;
  entityRef: string;
  scorecardId: string;
  checkId: string;
  reason: string;
  expiresOn: string;
  createdBy: string;
  createdAt: string;
  /** The platform team member who approved it (security checks need one). */
  approvedBy: string | null;
  approvedAt: string | null;
}

/** @public */
export interface CheckResult {
  id: string;
  title: string;
  /** The level this check belongs to. */
  level: string;
  status: CheckStatus;
  /** The fact behind the outcome, in words (e.g. "coverage 72.5%"). */
  fact: string;
  /** When the fact was measured; null when it is unknown. */
  measuredAt: string | null;
  /**
   * Who stated a fact sent in: the CI token's subject, or `demo-seed` for
   * the demo organisation's made-up facts (shown as demo data).
   */
  source?: string;
  nextStep: NextStep;
  /** How this check may be exempted. */
  exemptionRule?: ExemptionRule;
  /** The exemption that makes it exempt, or one awaiting approval (status failed). */
  exemption?: ExemptionInfo;
}

/** @public */
export interface ScorecardResult {
  scorecardId: string;
  title: string;
  /** Reached level, null below the first one. */
  level: string | null;
  /** 0 below the first level, 1 for the first, ... */
  levelIndex: number;
  levels: string[];
  nextLevel: string | null;
  checks: CheckResult[];
  evaluatedAt: string;
}

/** `GET /entity?entityRef=`. @public */
export interface EntityScorecardsResponse {
  entityRef: string;
  scorecards: ScorecardResult[];
  exemptions: ExemptionInfo[];
}

/** @public */
export interface ScorecardSummary {
  id: string;
  title: string;
  description?: string;
  levels: string[];
  checks: { id: string; title: string; level: string }[];
}

/** Counts per level name; "None" below the first level. @public */
export type LevelCounts = Record<string, number>;

/** @public */
export interface ServiceLevels {
  entityRef: string;
  ownerRef: string | null;
  /** scorecard id -> reached level (null below the first). */
  levels: Record<string, string | null>;
  /** scorecard id -> ids of checks that are exempt (not passed). */
  exempt: Record<string, string[]>;
}

/** `GET /summary`. @public */
export interface SummaryResponse {
  scope: { ownerRef?: string };
  scorecards: ScorecardSummary[];
  /** scorecard id -> counts per level. */
  distribution: Record<string, LevelCounts>;
  /** For a team: its services. */
  services?: ServiceLevels[];
  /** For the organisation: scorecard id -> team -> counts per level. */
  teams?: Record<
    string,
    { ownerRef: string; counts: LevelCounts; exempt: number }[]
  >;
  /** scorecard id -> services with at least one exempt (not passed) check. */
  exempt: Record<string, number>;
  /** The checks most often failed (not exempt), most first. */
  topFailed: {
    scorecardId: string;
    checkId: string;
    title: string;
    failed: number;
  }[];
  /** Daily snapshots: scorecard id -> day -> counts per level. */
  trend: Record<string, { day: string; counts: LevelCounts }[]>;
}

/** @public */
export interface Campaign {
  id: string;
  title: string;
  scorecardId: string;
  targetLevel: string;
  deadline: string;
  scope: {
    kinds?: string[];
    types?: string[];
    lifecycles?: string[];
    tags?: string[];
  };
  createdBy: string;
  createdAt: string;
  /** Services in scope and at or above the target now. */
  reached: number;
  /** Of those reached, how many only through an exemption. */
  exempt: number;
  total: number;
}

/** `GET /campaigns/:id`. @public */
export interface CampaignDetails extends Campaign {
  services: {
    entityRef: string;
    ownerRef: string | null;
    level: string | null;
    reached: boolean;
    /** Checks of the scorecard this service is exempt from (not passed). */
    exempt: string[];
  }[];
  /** Services at or above the target per day since the start. */
  burnup: { day: string; reached: number; total: number }[];
}

/** A cursor-less list; campaigns are few. @public */
export interface CampaignList {
  items: Campaign[];
}

/** Answer to `POST /facts`. @public */
export interface FactPostResponse {
  entityRef: string;
  /** False when the same or newer facts were already stored. */
  changed: boolean;
}

/** Name shown for services below the first level. @public */
export const NO_LEVEL = 'None';

/** A check a service fails, with what to do about it. @public */
export interface FailingCheck {
  scorecardId: string;
  checkId: string;
  title: string;
  /** The level the check belongs to. */
  level: string;
  nextStep: NextStep;
}

/** One service's levels and the checks it fails. @public */
export interface EntityLevels {
  entityRef: string;
  ownerRef: string | null;
  /** One per scorecard that applies to the service, in scorecard order. */
  scorecards: {
    scorecardId: string;
    title: string;
    /** Reached level, null below the first one. */
    level: string | null;
    nextLevel: string | null;
  }[];
  /** Failed (not exempt) checks, those of the lowest levels first. */
  failing: FailingCheck[];
}

/** `GET /levels?entityRef=...`: services without results are left out. @public */
export interface LevelsResponse {
  items: EntityLevels[];
}
