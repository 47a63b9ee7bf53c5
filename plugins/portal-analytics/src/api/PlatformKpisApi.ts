import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  KpisResponse,
  kpisResponseSchema,
} from '@internal/plugin-portal-analytics-common';

/** The platform KPIs, computed by the backend. @public */
export interface PlatformKpisApi {
  /** Every KPI with its value, target, status and quarterly trend. */
  getKpis(): Promise<KpisResponse>;
}

/** @public */
export const platformKpisApiRef = createApiRef<PlatformKpisApi>().with({
  id: 'plugin.portal-analytics.kpis',
  pluginId: 'portal-analytics',
});

/** {@link PlatformKpisApi} over `GET /api/portal-analytics/kpis` with the user's token. @public */
export class PlatformKpisClient implements PlatformKpisApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async getKpis(): Promise<KpisResponse> {
    const base = await this.deps.discoveryApi.getBaseUrl('portal-analytics');
    const res = await this.deps.fetchApi.fetch(`${base}/kpis`);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    // The shared schema: a backend and app of different versions fail here,
    // in words, instead of showing wrong numbers.
    return kpisResponseSchema.parse(await res.json());
  }
}
