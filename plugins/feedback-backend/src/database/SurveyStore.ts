import { SurveyGranularity } from '@internal/plugin-feedback-common';

export interface NewSurveyResponse {
  userRef: string;
  teamRef: string | null;
  /** The quarter it counts for, e.g. `2026-Q4`. */
  quarter: string;
  nps: number;
  ease: number;
  comment?: string;
  /** UTC ISO string; its month is the monthly period. */
  createdAt: string;
}

/** Counts of one period and team (`teamRef` null: respondents without a team). */
export interface SurveyAggregate {
  period: string;
  teamRef: string | null;
  responses: number;
  promoters: number;
  detractors: number;
  easeSum: number;
}

export interface SurveyStore {
  /** When the user answered or dismissed the survey of the quarter, if at all. */
  getStatus(
    userRef: string,
    quarter: string,
  ): Promise<{ answeredAt?: string; dismissedAt?: string }>;
  /** Throws ConflictError when the user already answered in that quarter. */
  addResponse(response: NewSurveyResponse): Promise<{ id: string }>;
  /** Idempotent. */
  addDismissal(userRef: string, quarter: string, at: string): Promise<void>;
  /** Per period (quarter or month) and team, from `fromPeriod` on. */
  aggregate(
    granularity: SurveyGranularity,
    fromPeriod: string,
  ): Promise<SurveyAggregate[]>;
  /**
   * Free-text answers of the quarter, without respondent, in a stable order
   * unrelated to time (by random response id).
   */
  listComments(
    quarter: string,
    page: { offset: number; limit: number },
  ): Promise<string[]>;
  /** All answers, or those of one quarter. */
  countResponses(quarter?: string): Promise<number>;
}
