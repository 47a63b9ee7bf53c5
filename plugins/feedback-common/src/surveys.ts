import { z } from 'zod/v3';
import { quarterOf } from '@internal/plugin-portal-common';
import { safeString } from './text';

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
    comment: safeString({
      max: MAX_SURVEY_COMMENT_LENGTH,
      trim: true,
    }).optional(),
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

/** Query of `GET /surveys/comments`. @public */
export const surveyCommentsQuerySchema = z
  .object({
    period: z
      .string()
      .regex(/^\d{4}-Q[1-4]$/, 'must be a quarter such as 2026-Q4')
      .optional(),
    /** Offset of the next page, as returned in `nextCursor`. */
    cursor: z
      .string()
      .regex(/^\d{1,6}$/, 'invalid cursor')
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

/**
 * Fewest answers a survey cell (a team or the whole organisation, in one
 * period) must have to be shown; below, the cell is suppressed. Also the
 * fewest answers of a quarter for its comments to be shown.
 *
 * @public
 */
export const MIN_SURVEY_GROUP_SIZE = 5;

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

/**
 * One period of survey results. A suppressed cell (fewer than
 * {@link MIN_SURVEY_GROUP_SIZE} answers, or one that would let such a group
 * be computed from the others) carries no number at all: every count and
 * score is null.
 *
 * @public
 */
export interface SurveyPeriod {
  /** `2026-Q3` or `2026-09`. */
  period: string;
  suppressed: boolean;
  responses: number | null;
  /** % promoters (9-10) minus % detractors (0-6), rounded; null when suppressed. */
  nps: number | null;
  promoters: number | null;
  passives: number | null;
  detractors: number | null;
  /** Mean of the 1..5 ease answers, 2 decimals; null when suppressed. */
  averageEase: number | null;
}

/** `GET /surveys/results`. @public */
export interface SurveyResultsResponse {
  overall: SurveyPeriod[];
  /** Teams with at least one shown period. */
  teams: Array<{ entityRef: string; title: string; periods: SurveyPeriod[] }>;
  /** Responses in the shown (not suppressed) overall periods. */
  responses: number;
}

/** `GET /surveys/comments`: free-text answers, never with their respondent. @public */
export interface SurveyComment {
  period: string;
  text: string;
}

/**
 * `GET /surveys/comments`: a page of comments; `suppressed` (and no items)
 * when the quarter has fewer than {@link MIN_SURVEY_GROUP_SIZE} answers.
 *
 * @public
 */
export interface SurveyCommentsPage {
  items: SurveyComment[];
  nextCursor?: string;
  suppressed: boolean;
}

/** The quarter of a monthly period (`2026-11` -> `2026-Q4`). @public */
export { quarterOfMonth } from '@internal/plugin-portal-common';

/**
 * The survey period of a date: `2026-Q4` or `2026-11` (UTC).
 *
 * @public
 */
export function surveyPeriodOf(
  date: Date,
  granularity: SurveyGranularity = 'quarter',
): string {
  return granularity === 'quarter'
    ? quarterOf(date)
    : `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(
        2,
        '0',
      )}`;
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
