import { z } from 'zod/v3';

/** The survey's free-text question, shown in the portal. @public */
export const SURVEY_COMMENT_QUESTION =
  'What one thing would make the portal more useful to you?';
/** Maximum length of the free-text answer. @public */
export const MAX_SURVEY_COMMENT_LENGTH = 2000;

/** Body of `POST /surveys/responses`. @public */
export const surveyResponseRequestSchema = z
  .object({
    /** How likely are you to recommend the portal to a colleague? 0..10 */
    nps: z.number().int().min(0).max(10),
    /** How easy is it to get things done with the portal? 1..5 */
    ease: z.number().int().min(1).max(5),
    comment: z.string().trim().max(MAX_SURVEY_COMMENT_LENGTH).optional(),
  })
  .strict();
/** @public */
export type SurveyResponseRequest = z.infer<typeof surveyResponseRequestSchema>;

/** Query of `GET /surveys/results`. @public */
export const surveyResultsQuerySchema = z
  .object({
    granularity: z.enum(['quarter', 'month']).default('quarter'),
    /** How many periods, ending with the current one. */
    periods: z.coerce.number().int().min(1).max(40).optional(),
  })
  .strict();
/** @public */
export type SurveyGranularity = 'quarter' | 'month';

/** `GET /surveys/current`: whether to offer the survey to the caller. @public */
export interface SurveyStatus {
  /** The current survey period, e.g. `2026-Q4`. */
  period: string;
  /** True when the caller has neither answered nor dismissed it this period. */
  offer: boolean;
  answeredAt?: string;
  dismissedAt?: string;
}

/** `POST /surveys/responses` answer. @public */
export interface SurveyResponseReceipt {
  period: string;
  createdAt: string;
}

/** One period of survey results. @public */
export interface SurveyPeriod {
  /** `2026-Q3` or `2026-09`. */
  period: string;
  responses: number;
  /** % promoters (9-10) minus % detractors (0-6), rounded; null without responses. */
  nps: number | null;
  promoters: number;
  passives: number;
  detractors: number;
  /** Mean of the 1..5 ease answers, 2 decimals; null without responses. */
  averageEase: number | null;
}

/** `GET /surveys/results`. @public */
export interface SurveyResultsResponse {
  overall: SurveyPeriod[];
  teams: Array<{ entityRef: string; title: string; periods: SurveyPeriod[] }>;
  /** Responses in the returned periods. */
  responses: number;
}

/** `GET /surveys/comments`: free-text answers, never with their respondent. @public */
export interface SurveyComment {
  period: string;
  text: string;
}

/**
 * The survey period of a date: `2026-Q4` or `2026-11` (UTC).
 *
 * @public
 */
export function surveyPeriodOf(
  date: Date,
  granularity: SurveyGranularity = 'quarter',
): string {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  return granularity === 'quarter'
    ? `${year}-Q${Math.floor(month / 3) + 1}`
    : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/**
 * The `count` periods ending with the one containing `date`, oldest first.
 *
 * @public
 */
export function lastSurveyPeriods(
  date: Date,
  granularity: SurveyGranularity,
  count: number,
): string[] {
  const step = granularity === 'quarter' ? 3 : 1;
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(
      Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - i * step, 1),
    );
    out.push(surveyPeriodOf(d, granularity));
  }
  return out;
}
