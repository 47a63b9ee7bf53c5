import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  CreateReportRequest,
  FeedbackCategory,
  FeedbackReport,
  FeedbackReportDetails,
  FeedbackStatus,
  Page,
  ReportCounts,
  ShippedWeek,
  SurveyGranularity,
  SurveyResponseReceipt,
  SurveyResponseRequest,
  SurveyResultsResponse,
  SurveyStatus,
  UpdateStatusRequest,
} from '@internal/plugin-feedback-common';

/** Filters and paging of `GET /reports`. @public */
export interface ListReportsOptions {
  status?: FeedbackStatus;
  category?: FeedbackCategory;
  entityRef?: string;
  ownerRef?: string;
  reporterTeamRef?: string;
  /** Only reports the signed-in user filed (not anonymously) or supported. */
  mine?: boolean;
  cursor?: string;
  limit?: number;
}

/** Body of `POST /reports/similar`. @public */
export interface SimilarReportsOptions {
  entityRef?: string;
  category?: FeedbackCategory;
  text?: string;
}

/** Query of `GET /shipped`. @public */
export interface ShippedOptions {
  weeks?: number;
  cursor?: string;
  limit?: number;
}

/**
 * Client of the feedback backend (`/api/feedback`).
 *
 * @public
 */
export interface FeedbackApi {
  createReport(request: CreateReportRequest): Promise<FeedbackReport>;
  listReports(options?: ListReportsOptions): Promise<Page<FeedbackReport>>;
  getReport(id: string): Promise<FeedbackReportDetails>;
  meToo(id: string): Promise<FeedbackReport>;
  updateStatus(
    id: string,
    request: UpdateStatusRequest,
  ): Promise<FeedbackReport>;
  findSimilar(
    options: SimilarReportsOptions,
  ): Promise<{ items: FeedbackReport[] }>;
  getShipped(options?: ShippedOptions): Promise<Page<ShippedWeek>>;
  /** Reports about one entity, counted by status. */
  getReportCounts(entityRef: string): Promise<ReportCounts>;
  /** Whether to offer the satisfaction survey to the signed-in user. */
  getSurveyStatus(): Promise<SurveyStatus>;
  answerSurvey(request: SurveyResponseRequest): Promise<SurveyResponseReceipt>;
  /** "Not now": not offered again this quarter. */
  dismissSurvey(): Promise<SurveyStatus>;
  getSurveyResults(options?: {
    granularity?: SurveyGranularity;
    periods?: number;
  }): Promise<SurveyResultsResponse>;
}

/** @public */
export const feedbackApiRef = createApiRef<FeedbackApi>().with({
  id: 'plugin.feedback.api',
  pluginId: 'feedback',
});
