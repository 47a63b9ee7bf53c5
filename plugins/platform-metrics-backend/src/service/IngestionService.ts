import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  ChangeEvent,
  DeploymentEvent,
  FIELD_LENGTHS,
  IncidentEvent,
  IngestResult,
} from '@internal/plugin-platform-metrics-common';
import { EventListings } from '../database/EventListings';
import { EventStore } from '../database/EventStore';
import { NewDeployment, WebhookDelivery } from '../database/types';
import { CatalogSnapshot, normalizeRef, SnapshotLoader } from './catalog';
import { entityRefOrInputError } from './scope';
import { CI_SOURCES_ANNOTATION } from '@internal/plugin-portal-node';

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

const utc = (iso: string) => new Date(iso).toISOString();

/**
 * Who sent the events: a signed webhook (its delivery, to drop repeats) or a
 * CI token, which reports only for the services bound to it.
 */
export type Sender = { delivery?: WebhookDelivery; ciToken?: boolean };

/**
 * Ingestion: each event mapped to its catalog entity (an explicit ref, the
 * repository's project slug or the PagerDuty service), times in UTC, then
 * stored; unmapped events are kept and mapped once the catalog knows them.
 */
export class IngestionService {
  private lastRemap = 0;
  private remapping: Promise<void> | undefined;

  constructor(
    private readonly options: {
      events: EventStore;
      listings: EventListings;
      snapshot: SnapshotLoader;
      productionEnvironments: string[];
      logger: LoggerService;
      /** How often reads look for unmapped events the catalog now knows. */
      remapIntervalMs?: number;
    },
  ) {}

  private isProduction(environment: string) {
    return this.options.productionEnvironments.includes(
      environment.toLocaleLowerCase('en-US'),
    );
  }

  private explicitRef(ref: string): string {
    const normalized = entityRefOrInputError(ref, 'component');
    // With its kind and namespace added, a ref may outgrow what is stored.
    if (normalized.length > FIELD_LENGTHS.entityRef) {
      throw new InputError(
        `Invalid entityRef: '${normalized}' is longer than ${FIELD_LENGTHS.entityRef} characters`,
      );
    }
    return normalized;
  }

  /** A change's author as a full user ref: a User name or user entity ref. */
  private authorRef(author: string | undefined): string | null {
    if (author === undefined) return null;
    let ref: string;
    try {
      ref = normalizeRef(author, 'user');
    } catch {
      throw new InputError(
        `Invalid change: author: '${author}' is not a User name or user entity ref`,
      );
    }
    if (!ref.startsWith('user:')) {
      throw new InputError(
        `Invalid change: author: '${author}' must name a User, not another kind`,
      );
    }
    if (ref.length > FIELD_LENGTHS.entityRef) {
      throw new InputError(
        `Invalid change: author: longer than ${FIELD_LENGTHS.entityRef} characters with its kind and namespace`,
      );
    }
    return ref;
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

  /**
   * Each event's entity, and how many the catalog cannot place yet. A CI
   * token's events must each name a component of the catalog that is bound
   * to the token (`fintech-fast.example/ci-sources`).
   */
  private async targets(
    source: string,
    events: Array<{
      entityRef?: string;
      repository?: string;
      pagerdutyServiceId?: string;
    }>,
    sender: Sender,
  ) {
    let snapshot = await this.options.snapshot();
    let targets = events.map(e => this.target(snapshot, e));
    // A component registered since the snapshot was taken (a new service's
    // first deployment): look again in a fresh one before refusing it.
    if (
      targets.some(t => !t.entityRef || !snapshot.components.has(t.entityRef))
    ) {
      snapshot = await this.options.snapshot({ fresh: true });
      targets = events.map(e => this.target(snapshot, e));
    }
    if (sender.ciToken) {
      targets.forEach((t, i) => checkCiTarget(snapshot, t, i, source));
    }
    return { targets, unmapped: targets.filter(t => !t.entityRef).length };
  }

  async ingestDeployments(
    source: string,
    events: IngestDeployment[],
    sender: Sender = {},
  ): Promise<IngestResult> {
    const { targets, unmapped } = await this.targets(source, events, sender);
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
      await this.options.events.ingestDeployments(rows, {
        delivery: sender.delivery,
      }),
      unmapped,
    );
  }

  async ingestChanges(
    source: string,
    events: IngestChange[],
    sender: Sender = {},
  ): Promise<IngestResult> {
    const { targets, unmapped } = await this.targets(source, events, sender);
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
      author: this.authorRef(e.author),
    }));
    return resultOf(
      await this.options.events.ingestChanges(rows, {
        delivery: sender.delivery,
      }),
      unmapped,
    );
  }

  async ingestIncidents(
    source: string,
    events: IngestIncident[],
    sender: Sender = {},
  ): Promise<IngestResult> {
    const { targets, unmapped } = await this.targets(source, events, sender);
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
      await this.options.events.ingestIncidents(rows, {
        delivery: sender.delivery,
      }),
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
    const keys = await this.options.listings.unmapped();
    for (const k of keys) {
      const ref =
        k.kind === 'repository'
          ? snapshot.bySlug.get(k.key.toLowerCase())
          : snapshot.byPagerDutyService.get(k.key);
      if (ref) {
        const n = await this.options.events.remap(k.kind, k.key, ref);
        this.options.logger.info(
          `Mapped ${n} events of ${k.kind} ${k.key} to ${ref}`,
        );
      }
    }
  }
}

/** Refuses an event of a CI token for an unknown or unbound service. */
function checkCiTarget(
  snapshot: CatalogSnapshot,
  target: { entityRef: string | null; mappingKey: string | null },
  index: number,
  source: string,
) {
  const component = target.entityRef
    ? snapshot.components.get(target.entityRef)
    : undefined;
  if (!component) {
    throw new InputError(
      `Invalid event: events.${index}: ${
        target.entityRef ?? target.mappingKey
      } is not a component in the catalog`,
    );
  }
  if (!component.ciSources.includes(source)) {
    throw new NotAllowedError(
      `events.${index}: this CI token ('${source}') does not report for ${component.ref}: its ${CI_SOURCES_ANNOTATION} annotation must name it`,
    );
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
