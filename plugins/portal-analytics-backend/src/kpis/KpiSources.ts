import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { SurveyResultsResponse } from '@internal/plugin-feedback-common';
import type {
  AdoptionResponse,
  DoraResponse,
  EventsResponse,
  Granularity,
  OnboardingResponse,
  WindowDays,
} from '@internal/plugin-platform-metrics-common';
import { Outage } from './rules';

/** What `GET /api/feedback/roadmap` says per quarter that the KPIs read. */
export interface RoadmapQuarter {
  quarter: string;
  /** Shipped within the quarter / planned for it; absent when none planned. */
  ratio?: number;
}

/**
 * The figures the KPIs are made of, each read from the plugin that owns it
 * (its API and its rules), as the calling person. A method throws when its
 * plugin cannot answer.
 */
export interface KpiSources {
  surveyResults(
    credentials: BackstageCredentials,
  ): Promise<SurveyResultsResponse>;
  roadmap(credentials: BackstageCredentials): Promise<RoadmapQuarter[]>;
  adoption(
    credentials: BackstageCredentials,
    window: WindowDays,
  ): Promise<AdoptionResponse>;
  onboarding(
    credentials: BackstageCredentials,
    window: WindowDays,
  ): Promise<OnboardingResponse>;
  dora(
    credentials: BackstageCredentials,
    window: WindowDays,
    granularity: Granularity,
  ): Promise<DoraResponse>;
  /** Incidents of an entity (a group: its teams' components) open in the window. */
  incidents(
    credentials: BackstageCredentials,
    entityRef: string,
    window: WindowDays,
  ): Promise<Outage[]>;
}

/** Largest page of `GET /events`, and how many pages are read at most. */
const PAGE = 200;
const MAX_PAGES = 50;

/** {@link KpiSources} over the plugins' HTTP APIs, on behalf of the caller. */
export class HttpKpiSources implements KpiSources {
  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {}

  private async get<T>(
    credentials: BackstageCredentials,
    pluginId: string,
    path: string,
    query: Record<string, string | number> = {},
  ): Promise<T> {
    const { auth, discovery } = this.deps;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: pluginId,
    });
    const params = new URLSearchParams(
      Object.entries(query).map(([k, v]) => [k, String(v)]),
    );
    const base = await discovery.getBaseUrl(pluginId);
    const res = await fetch(`${base}${path}?${params}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  }

  surveyResults(credentials: BackstageCredentials) {
    return this.get<SurveyResultsResponse>(
      credentials,
      'feedback',
      '/surveys/results',
      { granularity: 'quarter' },
    );
  }

  async roadmap(credentials: BackstageCredentials) {
    const body = await this.get<{ quarters: RoadmapQuarter[] }>(
      credentials,
      'feedback',
      '/roadmap',
    );
    return body.quarters.map(q => ({ quarter: q.quarter, ratio: q.ratio }));
  }

  adoption(credentials: BackstageCredentials, window: WindowDays) {
    return this.get<AdoptionResponse>(
      credentials,
      'platform-metrics',
      '/adoption',
      { window },
    );
  }

  onboarding(credentials: BackstageCredentials, window: WindowDays) {
    return this.get<OnboardingResponse>(
      credentials,
      'platform-metrics',
      '/onboarding',
      { window },
    );
  }

  dora(
    credentials: BackstageCredentials,
    window: WindowDays,
    granularity: Granularity,
  ) {
    return this.get<DoraResponse>(credentials, 'platform-metrics', '/dora', {
      window,
      granularity,
    });
  }

  async incidents(
    credentials: BackstageCredentials,
    entityRef: string,
    window: WindowDays,
  ) {
    const outages: Outage[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = await this.get<EventsResponse>(
        credentials,
        'platform-metrics',
        '/events',
        {
          type: 'incident',
          entityRef,
          window,
          limit: PAGE,
          offset: page * PAGE,
        },
      );
      for (const i of body.items) {
        const { createdAt, resolvedAt } = i.details;
        outages.push({
          createdAt: typeof createdAt === 'string' ? createdAt : i.time,
          resolvedAt: typeof resolvedAt === 'string' ? resolvedAt : null,
        });
      }
      if (body.items.length < PAGE || outages.length >= body.total) break;
    }
    return outages;
  }
}
