import {
  BandsResponse,
  BandThresholds,
  DoraResponse,
  EventsResponse,
  Granularity,
  lowestBand,
  TeamsResponse,
  UnmappedResponse,
  WindowDays,
} from '@internal/plugin-platform-metrics-common';
import { EventListings } from '../database/EventListings';
import { RollupStore } from '../database/RollupStore';
import { RollupRow } from '../database/types';
import {
  doraMetrics,
  MetricWindow,
  Totals,
  totalsOf,
  trendOf,
  windowOf,
} from '../dora/rules';
import { SnapshotLoader } from './catalog';
import { entityRefOrInputError, resolveScope, teamComponents } from './scope';

/** How long the organisation's numbers are reused at most (see `numbers`). */
const ORG_CACHE_MS = 60_000;

/**
 * DORA reads: the four keys of a scope, per team, and the events behind
 * them. The numbers come from the rollups through ../dora/rules.
 */
export class DoraService {
  private readonly orgCache = new Map<
    string,
    {
      version: number;
      at: number;
      value: Pick<DoraResponse, 'metrics' | 'trend' | 'eventCount'>;
    }
  >();

  /** The teams table per window, reused like the organisation's numbers. */
  private readonly teamsCache = new Map<
    string,
    { version: number; at: number; snapshot: object; value: TeamsResponse }
  >();

  constructor(
    private readonly options: {
      rollups: RollupStore;
      listings: EventListings;
      snapshot: SnapshotLoader;
      bands: BandThresholds;
      clock: () => Date;
    },
  ) {}

  /** Rollups of both windows: per entity, or summed per day (`perDay`). */
  private async rowsFor(
    window: MetricWindow,
    entityRefs: string[] | undefined,
    perDay: boolean,
  ) {
    const query = {
      fromDay: window.previous.fromDay,
      toDay: window.toDay,
      entityRefs,
    };
    const rows = perDay
      ? await this.options.rollups.dailyRollups(query)
      : await this.options.rollups.rollups(query);
    const current: RollupRow[] = [];
    const previous: RollupRow[] = [];
    for (const r of rows) {
      (r.day >= window.fromDay ? current : previous).push(r);
    }
    return { current, previous };
  }

  async dora(query: {
    entityRef?: string;
    window: WindowDays;
    granularity: Granularity;
  }): Promise<DoraResponse> {
    const snapshot = await this.options.snapshot();
    const scope = resolveScope(snapshot, query.entityRef);
    const window = windowOf(query.window, this.options.clock());
    return {
      scope: {
        kind: scope.kind,
        entityRef: scope.entityRef,
        title: scope.title,
        componentCount: scope.componentCount,
      },
      window: { days: window.days, from: window.from, to: window.to },
      ...(await this.numbers(window, scope.entityRefs, query.granularity)),
    };
  }

  /**
   * The metrics, trend and event count of a scope's rollups. The
   * organisation's (every entity's rollups of a year: the heaviest read) are
   * reused while no write through this instance changed the rollups, for at
   * most ORG_CACHE_MS, so other instances' writes show within that time too.
   */
  private async numbers(
    window: MetricWindow,
    entityRefs: string[] | undefined,
    granularity: Granularity,
  ): Promise<Pick<DoraResponse, 'metrics' | 'trend' | 'eventCount'>> {
    const compute = async () => {
      const { current, previous } = await this.rowsFor(
        window,
        entityRefs,
        true,
      );
      const totals = totalsOf(current);
      return {
        metrics: doraMetrics(
          totals,
          totalsOf(previous),
          window,
          this.options.bands,
        ),
        trend: trendOf(current, window, granularity),
        eventCount: eventCountOf(totals),
      };
    };
    if (entityRefs) return compute();
    const key = `${window.fromDay}|${window.toDay}|${granularity}`;
    const version = this.options.rollups.version;
    const hit = this.orgCache.get(key);
    if (hit && hit.version === version && Date.now() - hit.at < ORG_CACHE_MS) {
      return hit.value;
    }
    const value = await compute();
    if (this.orgCache.size >= 16) this.orgCache.clear();
    this.orgCache.set(key, { version, at: Date.now(), value });
    return value;
  }

  /**
   * Each entity's overall band (the lowest of the four keys, as for teams)
   * and its latest successful production deploy, looking back two windows:
   * a page of a table in one read of the rollups.
   */
  async bands(query: {
    entityRef: string[];
    window: WindowDays;
  }): Promise<BandsResponse> {
    const refs = [
      ...new Set(
        query.entityRef.map(r => entityRefOrInputError(r, 'component')),
      ),
    ];
    const window = windowOf(query.window, this.options.clock());
    const { current, previous } = await this.rowsFor(window, refs, false);
    const byEntity = new Map<string, RollupRow[]>();
    const lastDeploy = new Map<string, string>();
    for (const r of [...previous, ...current]) {
      if (r.successful > 0 && r.day > (lastDeploy.get(r.entityRef) ?? '')) {
        lastDeploy.set(r.entityRef, r.day);
      }
    }
    for (const r of current) {
      byEntity.set(r.entityRef, [...(byEntity.get(r.entityRef) ?? []), r]);
    }
    const none = totalsOf([]);
    return {
      window: { days: window.days, from: window.from, to: window.to },
      items: refs.map(entityRef => {
        const metrics = doraMetrics(
          totalsOf(byEntity.get(entityRef) ?? []),
          none,
          window,
          this.options.bands,
        );
        return {
          entityRef,
          band: lowestBand([
            metrics.deploymentFrequency.band,
            metrics.leadTime.band,
            metrics.changeFailureRate.band,
            metrics.timeToRestore.band,
          ]),
          lastDeployDay: lastDeploy.get(entityRef) ?? null,
        };
      }),
    };
  }

  /**
   * Every team's numbers: every entity's rollups of both windows, so, like
   * the organisation's numbers, reused while neither a write through this
   * instance nor the catalog snapshot changed, for at most ORG_CACHE_MS.
   */
  async teams(query: { window: WindowDays }): Promise<TeamsResponse> {
    const snapshot = await this.options.snapshot();
    const window = windowOf(query.window, this.options.clock());
    const key = `${window.fromDay}|${window.toDay}`;
    const version = this.options.rollups.version;
    const hit = this.teamsCache.get(key);
    if (
      hit &&
      hit.version === version &&
      hit.snapshot === snapshot &&
      Date.now() - hit.at < ORG_CACHE_MS
    ) {
      return hit.value;
    }
    const value = await this.computeTeams(snapshot, window);
    if (this.teamsCache.size >= 16) this.teamsCache.clear();
    this.teamsCache.set(key, { version, at: Date.now(), snapshot, value });
    return value;
  }

  private async computeTeams(
    snapshot: Awaited<ReturnType<SnapshotLoader>>,
    window: MetricWindow,
  ): Promise<TeamsResponse> {
    const { current, previous } = await this.rowsFor(window, undefined, false);
    const byEntity = (rows: RollupRow[]) => {
      const map = new Map<string, RollupRow[]>();
      for (const r of rows) {
        const list = map.get(r.entityRef);
        if (list) list.push(r);
        else map.set(r.entityRef, [r]);
      }
      return map;
    };
    const now = byEntity(current);
    const before = byEntity(previous);
    const merge = (map: Map<string, RollupRow[]>, refs: string[]) =>
      totalsOf(refs.flatMap(ref => map.get(ref) ?? []));
    const teams = [...snapshot.groups.values()]
      .filter(g => g.type === 'team')
      .map(g => {
        const components = teamComponents(snapshot, g.ref);
        const refs = components.map(c => c.ref);
        const totals = merge(now, refs);
        const metrics = doraMetrics(
          totals,
          merge(before, refs),
          window,
          this.options.bands,
        );
        const goldenCount = components.filter(
          c =>
            c.sourceTemplate &&
            snapshot.goldenPathTemplates.has(c.sourceTemplate),
        ).length;
        return {
          entityRef: g.ref,
          title: g.title,
          parent: g.parent ?? undefined,
          services: components.length,
          goldenPathShare:
            components.length === 0 ? null : goldenCount / components.length,
          metrics,
          overallBand: lowestBand([
            metrics.deploymentFrequency.band,
            metrics.leadTime.band,
            metrics.changeFailureRate.band,
            metrics.timeToRestore.band,
          ]),
          eventCount: eventCountOf(totals),
        };
      })
      .sort((a, b) => a.title.localeCompare(b.title));
    return {
      window: { days: window.days, from: window.from, to: window.to },
      teams,
    };
  }

  async events(query: {
    entityRef?: string;
    window: WindowDays;
    type: 'deployment' | 'change' | 'incident';
    limit: number;
    offset: number;
  }): Promise<EventsResponse> {
    const snapshot = await this.options.snapshot();
    const scope = resolveScope(snapshot, query.entityRef);
    const window = windowOf(query.window, this.options.clock());
    const q = {
      entityRefs: scope.entityRefs,
      from: window.from,
      to: window.to,
      limit: query.limit,
      offset: query.offset,
    };
    const store = this.options.listings;
    if (query.type === 'deployment') return store.listDeployments(q);
    if (query.type === 'change') return store.listChanges(q);
    return store.listIncidents(q);
  }

  async unmapped(): Promise<UnmappedResponse> {
    const keys = await this.options.listings.unmapped();
    return {
      items: keys.map(k => ({
        source: (['api', 'github', 'pagerduty'].includes(k.source)
          ? k.source
          : 'api') as 'api' | 'github' | 'pagerduty',
        key: k.kind === 'pagerduty' ? `pagerduty:${k.key}` : k.key,
        events: k.events,
        lastSeen: k.lastSeen,
      })),
    };
  }
}

function eventCountOf(t: Totals) {
  return {
    deployments: t.deployments,
    changes: t.leadTimeSeconds.length,
    incidents: t.restoreSeconds.length,
  };
}
