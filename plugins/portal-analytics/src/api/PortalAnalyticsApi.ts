import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ChannelUsageResponse,
  UsageQuery,
  UsageSummaryResponse,
  UsageTopResponse,
} from '@internal/plugin-portal-analytics-common';

/** Reads usage (platform team only). @public */
export interface PortalAnalyticsApi {
  getSummary(query: UsageQuery): Promise<UsageSummaryResponse>;
  getTop(query: UsageQuery): Promise<UsageTopResponse>;
  /** Work through the browser, the CLI and MCP, per capability and team. */
  getChannels(query: UsageQuery): Promise<ChannelUsageResponse>;
}

/** @public */
export const portalAnalyticsApiRef = createApiRef<PortalAnalyticsApi>().with({
  id: 'plugin.portal-analytics.api',
  pluginId: 'portal-analytics',
});

/** {@link PortalAnalyticsApi} over HTTP with the user's token. @public */
export class PortalAnalyticsClient implements PortalAnalyticsApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  getSummary(query: UsageQuery) {
    return this.get<UsageSummaryResponse>('/usage/summary', query);
  }

  getTop(query: UsageQuery) {
    return this.get<UsageTopResponse>('/usage/top', query);
  }

  getChannels(query: UsageQuery) {
    return this.get<ChannelUsageResponse>('/usage/channels', query);
  }

  private async get<T>(path: string, query: UsageQuery): Promise<T> {
    const base = await this.deps.discoveryApi.getBaseUrl('portal-analytics');
    const params = new URLSearchParams(
      Object.entries(query)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    );
    const res = await this.deps.fetchApi.fetch(`${base}${path}?${params}`);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res.json();
  }
}
