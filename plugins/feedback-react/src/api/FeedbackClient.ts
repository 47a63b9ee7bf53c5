import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  CreateReportRequest,
  FeedbackReport,
  FeedbackReportDetails,
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
import {
  FeedbackApi,
  ListReportsOptions,
  ShippedOptions,
  SimilarReportsOptions,
} from './FeedbackApi';

/**
 * {@link FeedbackApi} over HTTP, through the app's discovery and fetch APIs.
 *
 * @public
 */
export class FeedbackClient implements FeedbackApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  createReport(request: CreateReportRequest): Promise<FeedbackReport> {
    return this.request('/reports', { method: 'POST', body: request });
  }

  listReports(options: ListReportsOptions = {}): Promise<Page<FeedbackReport>> {
    return this.request(`/reports${query({ ...options })}`);
  }

  getReport(id: string): Promise<FeedbackReportDetails> {
    return this.request(`/reports/${encodeURIComponent(id)}`);
  }

  meToo(id: string): Promise<FeedbackReport> {
    return this.request(`/reports/${encodeURIComponent(id)}/me-too`, {
      method: 'POST',
    });
  }

  updateStatus(
    id: string,
    request: UpdateStatusRequest,
  ): Promise<FeedbackReport> {
    return this.request(`/reports/${encodeURIComponent(id)}/status`, {
      method: 'POST',
      body: request,
    });
  }

  findSimilar(
    options: SimilarReportsOptions,
  ): Promise<{ items: FeedbackReport[] }> {
    // In the body: the draft text must not end up in a URL or access log.
    return this.request('/reports/similar', { method: 'POST', body: options });
  }

  getShipped(options: ShippedOptions = {}): Promise<Page<ShippedWeek>> {
    return this.request(`/shipped${query({ ...options })}`);
  }

  getReportCounts(entityRef: string): Promise<ReportCounts> {
    return this.request(`/reports/counts${query({ entityRef })}`);
  }

  getSurveyStatus(): Promise<SurveyStatus> {
    return this.request('/surveys/current');
  }

  answerSurvey(request: SurveyResponseRequest): Promise<SurveyResponseReceipt> {
    return this.request('/surveys/responses', {
      method: 'POST',
      body: request,
    });
  }

  dismissSurvey(): Promise<SurveyStatus> {
    return this.request('/surveys/dismissals', { method: 'POST', body: {} });
  }

  getSurveyResults(
    options: { granularity?: SurveyGranularity; periods?: number } = {},
  ): Promise<SurveyResultsResponse> {
    return this.request(`/surveys/results${query({ ...options })}`);
  }

  private async request<T>(
    path: string,
    init: { method?: string; body?: unknown } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('feedback');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers:
        init.body !== undefined
          ? { 'Content-Type': 'application/json' }
          : undefined,
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function query(
  params: Record<string, string | number | boolean | undefined>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
