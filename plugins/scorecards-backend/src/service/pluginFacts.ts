import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { DoraBand, DriftFact, OpenReport } from '../engine/facts';
import { normalizedOrUndefined } from '../engine/refs';
import { lowestBand } from '@internal/plugin-platform-metrics-common';

/** Facts read from the portal's own plugins. `undefined`: not available now. */
export interface PluginFacts {
  /** Drifted entities (lower-case refs); an entity not in the map is not drifted. */
  drift(
    credentials?: BackstageCredentials,
  ): Promise<Map<string, DriftFact> | undefined>;
  /** The lowest band of the four DORA keys with data, over `windowDays`. */
  doraBand(
    entityRef: string,
    windowDays: number,
    credentials?: BackstageCredentials,
  ): Promise<DoraBand | undefined>;
  /** Open friction reports per entity ref. */
  openReports(
    credentials?: BackstageCredentials,
  ): Promise<Map<string, OpenReport[]> | undefined>;
}

const OPEN_STATUSES = ['new', 'triaged', 'planned', 'in-progress'];
const MAX_PAGES = 50;
/**
 * {@link PluginFacts} over the plugins' HTTP APIs, with the backend's own
 * service credentials (or a user's, on their re-check).
 */
export class HttpPluginFacts implements PluginFacts {
  /** Sources whose failure was logged; logged again only after a success. */
  private readonly failing = new Set<string>();

  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  private async get<T>(
    pluginId: string,
    path: string,
    credentials?: BackstageCredentials,
  ): Promise<T | undefined> {
    try {
      const { auth, discovery } = this.deps;
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: credentials ?? (await auth.getOwnServiceCredentials()),
        targetPluginId: pluginId,
      });
      const base = await discovery.getBaseUrl(pluginId);
      const res = await fetch(`${base}${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!res.ok) {
        this.failed(pluginId, path, `HTTP ${res.status}`);
        return undefined;
      }
      const body = (await res.json()) as T;
      this.failing.delete(`${pluginId}${path.split('?')[0]}`);
      return body;
    } catch (e) {
      this.failed(pluginId, path, (e as Error).message);
      return undefined;
    }
  }

  /** Logs a source's failure once (every minute would flood the log). */
  private failed(pluginId: string, path: string, why: string) {
    const source = `${pluginId}${path.split('?')[0]}`;
    if (this.failing.has(source)) return;
    this.failing.add(source);
    this.deps.logger.warn(
      `Scorecards could not read ${source} (${why}); its checks keep the last known fact`,
    );
  }

  async drift(credentials?: BackstageCredentials) {
    const drift = new Map<string, DriftFact>();
    const limit = 500;
    for (let offset = 0; ; offset += limit) {
      const body = await this.get<{
        items: {
          entityRef: string;
          templateRef: string;
          version: string;
          currentVersion: string;
        }[];
        totalItems: number;
      }>('golden-paths', `/drift?limit=${limit}&offset=${offset}`, credentials);
      if (!body) return undefined;
      for (const d of body.items) {
        const ref = normalizedOrUndefined(d.entityRef);
        if (!ref) continue;
        drift.set(ref, {
          drifted: true,
          version: d.version,
          currentVersion: d.currentVersion,
          templateRef: d.templateRef,
        });
      }
      if (offset + limit >= body.totalItems) return drift;
    }
  }

  async doraBand(
    entityRef: string,
    windowDays: number,
    credentials?: BackstageCredentials,
  ) {
    const body = await this.get<{
      metrics: Record<string, { band: DoraBand }>;
    }>(
      'platform-metrics',
      `/dora?entityRef=${encodeURIComponent(entityRef)}&window=${windowDays}`,
      credentials,
    );
    if (!body) return undefined;
    const m = body.metrics;
    return lowestBand(
      [
        m.deploymentFrequency,
        m.leadTime,
        m.changeFailureRate,
        m.timeToRestore,
      ].map(x => x?.band ?? 'none'),
    );
  }

  async openReports(credentials?: BackstageCredentials) {
    const byEntity = new Map<string, OpenReport[]>();
    for (const status of OPEN_STATUSES) {
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const body = await this.get<{
          items: OpenReport[] & { entityRef: string }[];
          nextCursor?: string;
        }>(
          'feedback',
          `/reports?status=${status}&limit=100${
            cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
          }`,
          credentials,
        );
        if (!body) return undefined;
        for (const r of body.items as (OpenReport & { entityRef: string })[]) {
          const ref = normalizedOrUndefined(r.entityRef);
          if (!ref) continue;
          const list = byEntity.get(ref) ?? [];
          list.push({ id: r.id, severity: r.severity, createdAt: r.createdAt });
          byEntity.set(ref, list);
        }
        cursor = body.nextCursor;
        if (!cursor) break;
      }
    }
    return byEntity;
  }
}
