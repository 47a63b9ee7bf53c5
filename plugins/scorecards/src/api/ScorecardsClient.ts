import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  Campaign,
  CampaignCreate,
  CampaignDetails,
  CampaignList,
  EntityScorecardsResponse,
  ExemptionCreate,
  ExemptionInfo,
  LevelsResponse,
  SummaryResponse,
} from '@internal/plugin-scorecards-common';
import type { ScorecardsApi } from './ScorecardsApi';

/** {@link ScorecardsApi} over HTTP with the signed-in user's token. @public */
export class ScorecardsClient implements ScorecardsApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  getEntity(entityRef: string) {
    return this.call<EntityScorecardsResponse>(
      'GET',
      `/entity?${new URLSearchParams({ entityRef })}`,
    );
  }

  recheck(entityRef: string) {
    return this.call<EntityScorecardsResponse>('POST', '/recheck', {
      entityRef,
    });
  }

  getSummary(options: { ownerRef?: string; days?: number }) {
    const params = new URLSearchParams();
    if (options.ownerRef) params.set('ownerRef', options.ownerRef);
    if (options.days) params.set('days', String(options.days));
    const qs = params.toString();
    return this.call<SummaryResponse>('GET', `/summary${qs ? `?${qs}` : ''}`);
  }

  async getLevels(entityRefs: string[]) {
    if (!entityRefs.length) return { items: [] };
    const params = new URLSearchParams();
    for (const ref of entityRefs) params.append('entityRef', ref);
    return this.call<LevelsResponse>('GET', `/levels?${params}`);
  }

  createExemption(input: ExemptionCreate) {
    return this.call<ExemptionInfo>('POST', '/exemptions', input);
  }

  async deleteExemption(id: string) {
    await this.call<void>('DELETE', `/exemptions/${encodeURIComponent(id)}`);
  }

  approveExemption(id: string) {
    return this.call<ExemptionInfo>(
      'POST',
      `/exemptions/${encodeURIComponent(id)}/approve`,
    );
  }

  async listCampaigns() {
    return (await this.call<CampaignList>('GET', '/campaigns')).items;
  }

  getCampaign(id: string) {
    return this.call<CampaignDetails>(
      'GET',
      `/campaigns/${encodeURIComponent(id)}`,
    );
  }

  startCampaign(input: CampaignCreate) {
    return this.call<Campaign>('POST', '/campaigns', input);
  }

  private async call<T>(method: string, path: string, body?: unknown) {
    const base = await this.options.discoveryApi.getBaseUrl('scorecards');
    const response = await this.options.fetchApi.fetch(`${base}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : {
            body: JSON.stringify(body),
            headers: { 'Content-Type': 'application/json' },
          }),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
}
