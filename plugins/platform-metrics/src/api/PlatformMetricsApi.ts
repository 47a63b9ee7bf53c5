import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  AdoptionResponse,
  BandsResponse,
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
 * Client of the platform metrics backend (`/api/platform-metrics`).
 * Satisfaction (NPS) comes from the feedback plugin's own client.
 *
 * @public
 */
export interface PlatformMetricsApi {
  getDora(options: DoraOptions): Promise<DoraResponse>;
  getEvents(options: EventsOptions): Promise<EventsResponse>;
  getTeams(options: { window: WindowDays }): Promise<TeamsResponse>;
  /** Overall band and latest deploy of up to 100 entities, in one request. */
  getBands(options: {
    entityRefs: string[];
    window?: WindowDays;
  }): Promise<BandsResponse>;
  getAdoption(options: {
    window: WindowDays;
    entityRef?: string;
  }): Promise<AdoptionResponse>;
  getUnmapped(): Promise<UnmappedResponse>;
}

/** @public */
export const platformMetricsApiRef = createApiRef<PlatformMetricsApi>().with({
  id: 'plugin.platform-metrics.api',
  pluginId: 'platform-metrics',
});
