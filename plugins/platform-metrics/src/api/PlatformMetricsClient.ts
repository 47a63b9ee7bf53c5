import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  AdoptionResponse,
  BandsResponse,
  DoraResponse,
  EventsResponse,
  TeamsResponse,
  UnmappedResponse,
  WindowDays,
} from '@internal/plugin-platform-metrics-common';
import type {
  DoraOptions,
  EventsOptions,
  PlatformMetricsApi,
} from './PlatformMetricsApi';

/**
 * {@link PlatformMetricsApi} over HTTP, through the app's discovery and fetch
 * APIs (so requests carry the signed-in user's token).
 *
 * @public
 */
export class PlatformMetricsClient implements PlatformMetricsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getDora(options: DoraOptions): Promise<DoraResponse> {
    return this.get('platform-metrics', `/dora${query({ ...options })}`);
  }

  getEvents(options: EventsOptions): Promise<EventsResponse> {
    return this.get('platform-metrics', `/events${query({ ...options })}`);
  }

  getTeams(options: { window: WindowDays }): Promise<TeamsResponse> {
    return this.get('platform-metrics', `/teams${query({ ...options })}`);
  }

  getBands(options: {
    entityRefs: string[];
    window?: WindowDays;
  }): Promise<BandsResponse> {
    const params = new URLSearchParams();
    for (const ref of options.entityRefs) params.append('entityRef', ref);
    if (options.window) params.set('window', String(options.window));
    return this.get('platform-metrics', `/bands?${params}`);
  }

  getAdoption(options: {
    window: WindowDays;
    entityRef?: string;
  }): Promise<AdoptionResponse> {
    return this.get('platform-metrics', `/adoption${query({ ...options })}`);
  }

  getUnmapped(): Promise<UnmappedResponse> {
    return this.get('platform-metrics', '/unmapped');
  }

  private async get<T>(pluginId: string, path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(pluginId);
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
