import { createApiRef } from '@backstage/frontend-plugin-api';
import type { SurveyResultsResponse } from '@internal/plugin-feedback-common';
import type {
  AdoptionResponse,
  DeliveryEventRow,
  DoraResponse,
  EventsResponse,
  Granularity,
  TeamsResponse,
  UnmappedResponse,
  WindowDays,
} from '@internal/plugin-platform-metrics-common';

/** Query of `GET /dora`. @public */
export interface DoraOptions {
  /** A component, group or system ref; absent = the organisation. */
  entityRef?: string;
  window: WindowDays;
  granularity?: Granularity;
}

/** Query of `GET /events`. @public */
export interface EventsOptions {
  entityRef?: string;
  window: WindowDays;
  type?: DeliveryEventRow['type'];
  limit?: number;
  offset?: number;
}

/**
 * Client of the platform metrics backend (`/api/platform-metrics`), plus the
 * satisfaction results of the feedback backend shown beside adoption.
 *
 * @public
 */
export interface PlatformMetricsApi {
  getDora(options: DoraOptions): Promise<DoraResponse>;
  getEvents(options: EventsOptions): Promise<EventsResponse>;
  getTeams(options: { window: WindowDays }): Promise<TeamsResponse>;
  getAdoption(options: {
    window: WindowDays;
    entityRef?: string;
  }): Promise<AdoptionResponse>;
  getUnmapped(): Promise<UnmappedResponse>;
  /**
   * NPS from the in-portal survey (`GET /api/feedback/surveys/results`);
   * `undefined` when the feedback backend is not installed (404).
   */
  getSatisfaction(options?: {
    granularity?: 'quarter' | 'month';
  }): Promise<SurveyResultsResponse | undefined>;
}

/** @public */
export const platformMetricsApiRef = createApiRef<PlatformMetricsApi>().with({
  id: 'plugin.platform-metrics.api',
  pluginId: 'platform-metrics',
});
