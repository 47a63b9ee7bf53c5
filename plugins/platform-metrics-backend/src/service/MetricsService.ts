import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  AdoptionResponse,
  BandThresholds,
  ChangeEvent,
  DeploymentEvent,
  DoraResponse,
  EventsResponse,
  FIELD_LENGTHS,
  GOLDEN_PATH_TEMPLATES,
  Granularity,
  IncidentEvent,
  IngestResult,
  lowestBand,
  Ratio,
  SELF_SERVICE_TEMPLATES,
  TeamsResponse,
  UnmappedResponse,
  WindowDays,
} from '@internal/plugin-platform-metrics-common';
import { parseEntityRef } from '@backstage/catalog-model';
import { MetricsStore } from '../database/MetricsStore';
import { NewDeployment, RollupRow, WebhookDelivery } from '../database/types';
import {
  CatalogSnapshot,
  ComponentInfo,
  descendantGroups,
  normalizeRef,
  SnapshotLoader,
} from './catalog';
import {
  doraMetrics,
  median,
  MetricWindow,
  Totals,
  totalsOf,
  trendOf,
  windowOf,
} from './metrics';

/** Internal extras the webhooks add to the public event shapes. */
export type IngestDeployment = DeploymentEvent & {
  includePushedCommits?: boolean;
};
export type IngestChange = ChangeEvent & { headSha?: string };
export type IngestIncident = Omit<
  IncidentEvent,
  'resolvedAt' | 'updatedAt' | 'source'
> & {
  resolvedAt?: string | null;
  updatedAt?: string;
};

export interface MetricsServiceOptions {
  store: MetricsStore;
  snapshot: SnapshotLoader;
  bands: BandThresholds;
  productionEnvironments: string[];
  logger: LoggerService;
  clock?: () => Date;
  /** How often reads look for unmapped events the catalog now knows. */
  remapIntervalMs?: number;
}

const utc = (iso: string) => new Date(iso).toISOString();

type Scope = {
  kind: DoraResponse['scope']['kind'];
  entityRef?: string;
  title?: string;
  /** undefined = every mapped entity. */
  entityRefs?: string[];
  componentCount: number;
};

function ratio(numerator: number, denominator: number): Ratio {
  return {
    ratio: denominator === 0 ? null : numerator / denominator,
    numerator,
    denominator,
  };
}

const golden = new Set<string>(GOLDEN_PATH_TEMPLATES);
const selfService = new Set<string>(SELF_SERVICE_TEMPLATES);

/** Ingestion (mapping to entities) and the metrics computed from rollups. */
export class MetricsService {
  private readonly clock: () => Date;
  private lastRemap = 0;
  private remapping: Promise<void> | undefined;

  constructor(private readonly options: MetricsServiceOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  private isProduction(environment: string) {
    return this.options.productionEnvironments.includes(
      environment.toLocaleLowerCase('en-US'),
    );
  }

  private explicitRef(ref: string): string {
    let normalized: string;
    try {
      normalized = normalizeRef(ref, 'component');
    } catch {
      throw new InputError(`Invalid entityRef: '${ref}' is not an entity ref`);
    }
    // With its kind and namespace added, a ref may outgrow what is stored.
    if (normalized.length > FIELD_LENGTHS.entityRef) {
      throw new InputError(
        `Invalid entityRef: '${normalized}' is longer than ${FIELD_LENGTHS.entityRef} characters`,
      );
    }
    return normalized;
  }

  private target(
    snapshot: CatalogSnapshot,
    e: { entityRef?: string; repository?: string; pagerdutyServiceId?: string },
  ) {
    if (e.entityRef) {
      return {
        entityRef: this.explicitRef(e.entityRef),
        mappingKind: null,
        mappingKey: null,
      };
    }
    if (e.repository) {
      const key = e.repository.toLowerCase();
      return {
        entityRef: snapshot.bySlug.get(key) ?? null,
        mappingKind: 'repository' as const,
        mappingKey: key,
      };
    }
    const key = e.pagerdutyServiceId!;
    return {
      entityRef: snapshot.byPagerDutyService.get(key) ?? null,
      mappingKind: 'pagerduty' as const,
      mappingKey: key,
    };
  }

  /** Each event's entity, and how many the catalog cannot place yet. */
  private async targets(
    events: Array<{
      entityRef?: string;
      repository?: string;
      pagerdutyServiceId?: string;
    }>,
  ) {
    const snapshot = await this.options.snapshot();
    const targets = events.map(e => this.target(snapshot, e));
    return { targets, unmapped: targets.filter(t => !t.entityRef).length };
  }

  async ingestDeployments(
    source: string,
    events: IngestDeployment[],
    delivery?: WebhookDelivery,
  ): Promise<IngestResult> {
    const { targets, unmapped } = await this.targets(events);
    const rows: NewDeployment[] = events.map((e, i) => ({
      source,
      externalId: e.id,
      ...targets[i],
      environment: e.environment,
      isProduction: this.isProduction(e.environment),
      status: e.status,
      deployedAt: utc(e.deployedAt),
      rollback: e.rollback,
      hotfix: e.hotfix,
      commitShas: [...new Set(e.commitShas.map(s => s.toLowerCase()))],
      includePushedCommits: e.includePushedCommits,
    }));
    return resultOf(
      await this.options.store.ingestDeployments(rows, { delivery }),
      unmapped,
    );
  }

  async ingestChanges(
    source: string,
    events: IngestChange[],
    delivery?: WebhookDelivery,
  ): Promise<IngestResult> {
    const { targets, unmapped } = await this.targets(events);
    const rows = events.map((e, i) => ({
      sha: e.sha.toLowerCase(),
      source,
      entityRef: targets[i].entityRef,
      mappingKind: targets[i].mappingKind as 'repository' | null,
      mappingKey: targets[i].mappingKey,
      authoredAt: utc(e.authoredAt),
      mergedAt: e.mergedAt ? utc(e.mergedAt) : null,
      headSha: e.headSha?.toLowerCase() ?? null,
      title: e.title ?? null,
    }));
    return resultOf(
      await this.options.store.ingestChanges(rows, { delivery }),
      unmapped,
    );
  }

  async ingestIncidents(
    source: string,
    events: IngestIncident[],
    delivery?: WebhookDelivery,
  ): Promise<IngestResult> {
    const { targets, unmapped } = await this.targets(events);
    const rows = events.map((e, i) => ({
      source,
      externalId: e.id,
      ...targets[i],
      title: e.title ?? null,
      createdAt: utc(e.createdAt),
      resolvedAt:
        e.resolvedAt === undefined
          ? undefined
          : e.resolvedAt && utc(e.resolvedAt),
      causeDeploymentId: e.causeDeploymentId ?? null,
      causeCommitSha: e.causeCommitSha?.toLowerCase() ?? null,
      stateAt: utc(e.updatedAt ?? e.resolvedAt ?? e.createdAt),
    }));
    return resultOf(
      await this.options.store.ingestIncidents(rows, { delivery }),
      unmapped,
    );
  }

  /**
   * Unknown repositories and services are kept; once the catalog knows them,
   * their events get the entity and the rollups are recomputed. Reads call
   * this at most once per interval.
   */
  async remapUnmapped(force = false): Promise<void> {
    const interval = this.options.remapIntervalMs ?? 60_000;
    if (!this.remapping && (force || Date.now() - this.lastRemap >= interval)) {
      this.lastRemap = Date.now();
      this.remapping = this.remap().finally(() => {
        this.remapping = undefined;
      });
    }
    await this.remapping;
  }

  private async remap() {
    const snapshot = await this.options.snapshot();
    const keys = await this.options.store.unmapped();
    for (const k of keys) {
      const ref =
        k.kind === 'repository'
          ? snapshot.bySlug.get(k.key.toLowerCase())
          : snapshot.byPagerDutyService.get(k.key);
      if (ref) {
        const n = await this.options.store.remap(k.kind, k.key, ref);
        this.options.logger.info(
          `Mapped ${n} events of ${k.kind} ${k.key} to ${ref}`,
        );
      }
    }
  }

  private teamComponents(
    snapshot: CatalogSnapshot,
    groupRef: string,
  ): ComponentInfo[] {
    const groups = descendantGroups(snapshot, groupRef);
    return [...snapshot.components.values()].filter(
      c => c.owner !== null && groups.has(c.owner),
    );
  }

  private resolveScope(snapshot: CatalogSnapshot, entityRef?: string): Scope {
    if (!entityRef) {
      return {
        kind: 'organisation',
        componentCount: snapshot.components.size,
      };
    }
    let ref: string;
    try {
      ref = normalizeRef(entityRef, 'component');
    } catch {
      throw new InputError(
        `Invalid entityRef: '${entityRef}' is not an entity ref`,
      );
    }
    const kind = parseEntityRef(ref).kind;
    if (kind === 'component') {
      const c = snapshot.components.get(ref);
      return {
        kind: 'component',
        entityRef: ref,
        title: c?.title ?? parseEntityRef(ref).name,
        entityRefs: [ref],
        componentCount: 1,
      };
    }
    if (kind === 'group') {
      const g = snapshot.groups.get(ref);
      if (!g) throw new NotFoundError(`No group ${ref} in the catalog`);
      const refs = this.teamComponents(snapshot, ref).map(c => c.ref);
      return {
        kind: 'team',
        entityRef: ref,
        title: g.title,
        entityRefs: refs,
        componentCount: refs.length,
      };
    }
    if (kind === 'system') {
      const s = snapshot.systems.get(ref);
      if (!s) throw new NotFoundError(`No system ${ref} in the catalog`);
      const refs = [...snapshot.components.values()]
        .filter(c => c.system === ref)
        .map(c => c.ref);
      return {
        kind: 'system',
        entityRef: ref,
        title: s.title,
        entityRefs: refs,
        componentCount: refs.length,
      };
    }
    throw new InputError(
      `Invalid entityRef: metrics exist for components, groups and systems, not ${kind}`,
    );
  }

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
      ? await this.options.store.dailyRollups(query)
      : await this.options.store.rollups(query);
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
    await this.remapUnmapped();
    const snapshot = await this.options.snapshot();
    const scope = this.resolveScope(snapshot, query.entityRef);
    const window = windowOf(query.window, this.clock());
    const { current, previous } = await this.rowsFor(
      window,
      scope.entityRefs,
      true,
    );
    const totals = totalsOf(current);
    return {
      scope: {
        kind: scope.kind,
        entityRef: scope.entityRef,
        title: scope.title,
        componentCount: scope.componentCount,
      },
      window: { days: window.days, from: window.from, to: window.to },
      metrics: doraMetrics(
        totals,
        totalsOf(previous),
        window,
        this.options.bands,
      ),
      trend: trendOf(current, window, query.granularity),
      eventCount: eventCountOf(totals),
    };
  }

  async teams(query: { window: WindowDays }): Promise<TeamsResponse> {
    await this.remapUnmapped();
    const snapshot = await this.options.snapshot();
    const window = windowOf(query.window, this.clock());
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
        const components = this.teamComponents(snapshot, g.ref);
        const refs = components.map(c => c.ref);
        const totals = merge(now, refs);
        const metrics = doraMetrics(
          totals,
          merge(before, refs),
          window,
          this.options.bands,
        );
        const goldenCount = components.filter(
          c => c.sourceTemplate && golden.has(c.sourceTemplate),
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
    await this.remapUnmapped();
    const snapshot = await this.options.snapshot();
    const scope = this.resolveScope(snapshot, query.entityRef);
    const window = windowOf(query.window, this.clock());
    const q = {
      entityRefs: scope.entityRefs,
      from: window.from,
      to: window.to,
      limit: query.limit,
      offset: query.offset,
    };
    const store = this.options.store;
    if (query.type === 'deployment') return store.listDeployments(q);
    if (query.type === 'change') return store.listChanges(q);
    return store.listIncidents(q);
  }

  async unmapped(): Promise<UnmappedResponse> {
    await this.remapUnmapped();
    const keys = await this.options.store.unmapped();
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

  async adoption(query: {
    window: WindowDays;
    entityRef?: string;
  }): Promise<AdoptionResponse> {
    const snapshot = await this.options.snapshot();
    const window = windowOf(query.window, this.clock());
    let teamRefs: Set<string> | undefined;
    let scope: AdoptionResponse['scope'] = { kind: 'organisation' };
    if (query.entityRef) {
      let ref: string;
      try {
        ref = normalizeRef(query.entityRef, 'group');
      } catch {
        throw new InputError(
          `Invalid entityRef: '${query.entityRef}' is not an entity ref`,
        );
      }
      if (!snapshot.groups.has(ref)) {
        throw new NotFoundError(`No group ${ref} in the catalog`);
      }
      teamRefs = descendantGroups(snapshot, ref);
      scope = { kind: 'team', entityRef: ref };
    }
    const inScope = (owner: string | null) =>
      !teamRefs || (owner !== null && teamRefs.has(owner));
    const components = [...snapshot.components.values()].filter(c =>
      inScope(c.owner),
    );
    const created = (at: string | null) =>
      at !== null && at >= window.from && at <= window.to;
    const isGolden = (c: ComponentInfo) =>
      c.sourceTemplate !== null && golden.has(c.sourceTemplate);

    const newComponents = components.filter(c => created(c.createdAt));
    const perTeam = [...snapshot.groups.values()]
      .filter(g => g.type === 'team' && (!teamRefs || teamRefs.has(g.ref)))
      .map(g => {
        const own = this.teamComponents(snapshot, g.ref);
        return {
          entityRef: g.ref,
          title: g.title,
          ...ratio(own.filter(isGolden).length, own.length),
        };
      })
      .sort((a, b) => a.title.localeCompare(b.title));

    const firsts = await this.options.store.firstDeployments(
      newComponents.map(c => c.ref),
    );
    const waits: number[] = [];
    for (const c of newComponents) {
      const first = firsts.get(c.ref);
      if (first && first >= c.createdAt!) {
        waits.push((Date.parse(first) - Date.parse(c.createdAt!)) / 3_600_000);
      }
    }

    const resources = snapshot.resources.filter(
      r => inScope(r.owner) && created(r.createdAt),
    );
    const zombies = components
      .filter(c => c.owner === null || !snapshot.groups.has(c.owner))
      .map(c => ({ entityRef: c.ref, owner: c.owner }));

    return {
      window: { days: window.days, from: window.from, to: window.to },
      scope,
      goldenPathAdoption: ratio(
        components.filter(isGolden).length,
        components.length,
      ),
      newComponentsAdoption: ratio(
        newComponents.filter(isGolden).length,
        newComponents.length,
      ),
      perTeam,
      timeToFirstDeploy: {
        medianHours: median(waits),
        sampleSize: waits.length,
      },
      selfServiceRatio: ratio(
        resources.filter(
          r => r.sourceTemplate && selfService.has(r.sourceTemplate),
        ).length,
        resources.length,
      ),
      ownershipCoverage: {
        ...ratio(components.length - zombies.length, components.length),
        zombies,
      },
      eventCount: components.length + resources.length + waits.length,
    };
  }

  async rebuild() {
    await this.remapUnmapped(true);
    return this.options.store.rebuildRollups();
  }
}

function resultOf(
  stored: { accepted: number; duplicates: number; duplicateDelivery?: boolean },
  unmapped: number,
): IngestResult {
  if (stored.duplicateDelivery) {
    return {
      accepted: 0,
      duplicates: stored.duplicates,
      unmapped: 0,
      duplicate: true,
    };
  }
  return { accepted: stored.accepted, duplicates: stored.duplicates, unmapped };
}

function eventCountOf(t: Totals) {
  return {
    deployments: t.deployments,
    changes: t.leadTimeSeconds.length,
    incidents: t.restoreSeconds.length,
  };
}
