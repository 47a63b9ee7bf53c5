import { ResponseError } from '@backstage/errors';
import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import {
  DriftedEntity,
  GoldenPath,
  NameAvailability,
  UsageWeek,
} from './types';

/** Client of the golden paths backend. @public */
export interface GoldenPathsApi {
  getPaths(): Promise<GoldenPath[]>;
  /** One page of the drifted entities, of one path or of all. */
  getDrift(query?: {
    templateRef?: string;
    offset?: number;
    limit?: number;
  }): Promise<{ items: DriftedEntity[]; totalItems: number }>;
  getEntityDrift(entityRef: string): Promise<DriftedEntity | null>;
  getUsage(weeks: number): Promise<UsageWeek[]>;
  /** Whether a new component or resource may take `name`. */
  checkName(name: string): Promise<NameAvailability>;
}

/** @public */
export const goldenPathsApiRef = createApiRef<GoldenPathsApi>().with({
  id: 'plugin.golden-paths.api',
  pluginId: 'golden-paths',
});

/** {@link GoldenPathsApi} over HTTP. @public */
export class GoldenPathsClient implements GoldenPathsApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  async getPaths() {
    return (await this.get<{ items: GoldenPath[] }>('/paths')).items;
  }

  async getDrift(
    query: { templateRef?: string; offset?: number; limit?: number } = {},
  ) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) params.set(key, String(value));
    }
    const search = params.size ? `?${params}` : '';
    return this.get<{ items: DriftedEntity[]; totalItems: number }>(
      `/drift${search}`,
    );
  }

  async getEntityDrift(entityRef: string) {
    const [kind, rest] = entityRef.split(':');
    const [namespace, name] = rest.split('/');
    const path = [kind, namespace, name].map(encodeURIComponent).join('/');
    return (await this.get<{ drift: DriftedEntity | null }>(`/drift/${path}`))
      .drift;
  }

  async getUsage(weeks: number) {
    return (await this.get<{ weeks: UsageWeek[] }>(`/usage?weeks=${weeks}`))
      .weeks;
  }

  async checkName(name: string) {
    return this.get<NameAvailability>(
      `/names?name=${encodeURIComponent(name)}`,
    );
  }

  private async get<T>(path: string): Promise<T> {
    const base = await this.options.discoveryApi.getBaseUrl('golden-paths');
    const res = await this.options.fetchApi.fetch(`${base}${path}`);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res.json();
  }
}
