import { z } from 'zod/v3';
import { entityRefSchema, safeString } from './text';

/** @public */
export const FEEDBACK_CATEGORIES = [
  'docs',
  'ci-cd',
  'deployment',
  'provisioning',
  'local-development',
  'tooling',
  'other',
] as const;
/** @public */
export type FeedbackCategory = (typeof FEEDBACK_CATEGORIES)[number];

/** @public */
export const FEEDBACK_SEVERITIES = [
  'low',
  'medium',
  'high',
  'critical',
] as const;
/** @public */
export type FeedbackSeverity = (typeof FEEDBACK_SEVERITIES)[number];

/** Lifecycle order; `declined` sits outside the forward order. @public */
export const FEEDBACK_STATUSES = [
  'new',
  'triaged',
  'planned',
  'in-progress',
  'shipped',
  'declined',
] as const;
/** @public */
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

const FORWARD: FeedbackStatus[] = [
  'new',
  'triaged',
  'planned',
  'in-progress',
  'shipped',
];

/** Statuses after which nothing moves any more. @public */
export const FINAL_STATUSES: readonly FeedbackStatus[] = [
  'shipped',
  'declined',
];

/**
 * The statuses a report in `from` may move to: any later step of
 * new -> triaged -> planned -> in-progress -> shipped (skipping allowed), or
 * `declined` from any non-final status.
 *
 * @public
 */
export function allowedNextStatuses(from: FeedbackStatus): FeedbackStatus[] {
  if (FINAL_STATUSES.includes(from)) {
    return [];
  }
  const index = FORWARD.indexOf(from);
  return [...FORWARD.slice(index + 1), 'declined'];
}

/** @public */
export function isAllowedTransition(
  from: FeedbackStatus,
  to: FeedbackStatus,
): boolean {
  return allowedNextStatuses(from).includes(to);
}

/** Maximum length of a report's text. @public */
export const MAX_REPORT_TEXT_LENGTH = 4000;
/** Maximum length of a status note. @public */
export const MAX_STATUS_NOTE_LENGTH = 2000;
/** Default and maximum page sizes of every list. @public */
export const DEFAULT_PAGE_SIZE = 20;
/** @public */
export const MAX_PAGE_SIZE = 100;

/** Body of `POST /reports`. @public */
export const createReportRequestSchema = z
  .object({
    entityRef: entityRefSchema,
    category: z.enum(FEEDBACK_CATEGORIES),
    severity: z.enum(FEEDBACK_SEVERITIES),
    text: safeString({ min: 1, max: MAX_REPORT_TEXT_LENGTH, trim: true }),
    anonymous: z.boolean().default(false),
  })
  .strict();
/** @public */
export type CreateReportRequest = z.infer<typeof createReportRequestSchema>;

/** Body of `POST /reports/:id/status`. @public */
export const updateStatusRequestSchema = z
  .object({
    status: z.enum(FEEDBACK_STATUSES),
    note: safeString({ min: 1, max: MAX_STATUS_NOTE_LENGTH, trim: true }),
  })
  .strict();
/** @public */
export type UpdateStatusRequest = z.infer<typeof updateStatusRequestSchema>;

const pageQuery = {
  /** Opaque; the backend checks what it decodes to. */
  cursor: z
    .string()
    .min(1)
    .max(500)
    .regex(/^[A-Za-z0-9_-]+$/, 'invalid cursor')
    .optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE),
};

/** Query of `GET /reports`. @public */
export const listReportsQuerySchema = z
  .object({
    status: z.enum(FEEDBACK_STATUSES).optional(),
    category: z.enum(FEEDBACK_CATEGORIES).optional(),
    entityRef: entityRefSchema.optional(),
    ownerRef: entityRefSchema.optional(),
    reporterTeamRef: entityRefSchema.optional(),
    /** Only reports the signed-in user filed or supported ("me too"). */
    mine: z
      .enum(['true', 'false'])
      .transform(v => v === 'true')
      .optional(),
    ...pageQuery,
  })
  .strict();
/** @public */
export type ListReportsQuery = z.infer<typeof listReportsQuerySchema>;

/**
 * Body of `POST /reports/similar`. A body, not a query: the draft text must
 * not end up in URLs (and so in access logs and browser history).
 *
 * @public
 */
export const similarReportsRequestSchema = z
  .object({
    entityRef: entityRefSchema.optional(),
    category: z.enum(FEEDBACK_CATEGORIES).optional(),
    text: safeString({ max: MAX_REPORT_TEXT_LENGTH }).optional(),
  })
  .strict()
  .refine(q => q.entityRef || q.category, {
    message: 'entityRef or category is required',
  });
/** @public */
export type SimilarReportsRequest = z.infer<typeof similarReportsRequestSchema>;

/** Query of `GET /shipped`. @public */
export const shippedQuerySchema = z
  .object({
    weeks: z.coerce.number().int().min(1).max(104).default(12),
    ...pageQuery,
  })
  .strict();

/**
 * A report as every endpoint returns it. `reporterRef` and `reporterTeamRef`
 * are absent (not null) on anonymous reports.
 *
 * @public
 */
export interface FeedbackReport {
  id: string;
  entityRef: string;
  entityOwnerRef: string | null;
  category: FeedbackCategory;
  severity: FeedbackSeverity;
  text: string;
  anonymous: boolean;
  status: FeedbackStatus;
  impact: number;
  supporterCount: number;
  createdAt: string;
  updatedAt: string;
  reporterRef?: string;
  reporterTeamRef?: string | null;
  supportedByMe: boolean;
}

/** One status change. @public */
export interface FeedbackReportEvent {
  id: string;
  fromStatus: FeedbackStatus;
  toStatus: FeedbackStatus;
  note: string;
  /**
   * Who moved the report (the platform team or an owner). Absent only when
   * the reporter of an anonymous report moved it themselves.
   */
  actorRef?: string;
  /** The anonymous reporter moved their own report (no actor is given). */
  byReporter?: boolean;
  createdAt: string;
}

/** `GET /reports/:id`. @public */
export interface FeedbackReportDetails extends FeedbackReport {
  events: FeedbackReportEvent[];
}

/** A page of a list. @public */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** One ISO week of `GET /shipped`. @public */
export interface ShippedWeek {
  /** ISO week, e.g. `2026-W47`. */
  week: string;
  items: Array<FeedbackReport & { shippedAt: string }>;
}

/** `GET /reports/counts?entityRef=`: reports about an entity by status. @public */
export interface ReportCounts {
  entityRef: string;
  /** Reports not shipped or declined. */
  open: number;
  total: number;
  byStatus: Record<FeedbackStatus, number>;
}

/** Query of `GET /reports/counts`. @public */
export const reportCountsQuerySchema = z
  .object({ entityRef: entityRefSchema })
  .strict();
