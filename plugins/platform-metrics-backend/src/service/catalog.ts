import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { pathKindOf } from '@internal/plugin-golden-paths-common';
import { ANNOTATIONS } from '@internal/plugin-platform-metrics-common';
import {
  allPages,
  ciSourcesOf,
  isFromConfiguredLocation,
  normalizeEntityRef,
} from '@internal/plugin-portal-node';

export interface ComponentInfo {
  ref: string;
  title: string;
  owner: string | null;
  system: string | null;
  slug: string | null;
  pagerdutyServiceId: string | null;
  sourceTemplate: string | null;
  createdAt: string | null;
  /** The CI token subjects bound to it (`fintech-fast.example/ci-sources`). */
  ciSources: string[];
}

export interface GroupInfo {
  ref: string;
  title: string;
  type: string | null;
  parent: string | null;
  children: string[];
}

export interface ResourceInfo {
  ref: string;
  owner: string | null;
  sourceTemplate: string | null;
  createdAt: string | null;
}

/** A User with when they joined (created-at annotation), if known. */
export interface UserInfo {
  ref: string;
  joinedAt: string | null;
}

/** What the metrics need from the catalog, indexed for lookups. */
export interface CatalogSnapshot {
  users: UserInfo[];
  components: Map<string, ComponentInfo>;
  groups: Map<string, GroupInfo>;
  systems: Map<string, { ref: string; title: string }>;
  resources: ResourceInfo[];
  /** Template refs tagged golden-path: what golden-path adoption counts. */
  goldenPathTemplates: Set<string>;
  /** Template refs tagged self-service: what the self-service ratio counts. */
  selfServiceTemplates: Set<string>;
  /** Lower-case `owner/name` -> the component trusted for it. */
  bySlug: Map<string, string>;
  /** PagerDuty service id -> the component trusted for it. */
  byPagerDutyService: Map<string, string>;
}

/** Full, lower-case entity ref; throws on refs that do not parse. */
export function normalizeRef(
  ref: string,
  defaultKind?: string,
  defaultNamespace = 'default',
): string {
  return normalizeEntityRef(ref, { defaultKind, defaultNamespace });
}

function refOrNull(
  value: unknown,
  defaultKind: string,
  namespace: string,
): string | null {
  if (typeof value !== 'string' || !value) return null;
  try {
    return normalizeRef(value, defaultKind, namespace);
  } catch {
    return null;
  }
}

function isoOrNull(value: string | undefined): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/**
 * How far the portal trusts an entity's claim to a repository or on-call
 * service: 0 from a catalog location listed in the config (operators), 1
 * registered by a template run (only the scaffolder may register golden-path
 * provenance), 2 registered by a person.
 */
function claimRank(e: Entity, configured?: ReadonlySet<string>): number {
  if (configured && isFromConfiguredLocation(e, configured)) return 0;
  return e.metadata.annotations?.[ANNOTATIONS.sourceTemplate] ? 1 : 2;
}

/**
 * The entity the portal trusts for each key: the best-ranked claimant; among
 * config-listed ones the first (a monorepo's components share a slug), among
 * registered ones only a sole claimant (two registrations claiming the same
 * repository map to neither).
 */
function trustedClaims(
  claims: Map<string, Array<{ ref: string; rank: number }>>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, claimants] of claims) {
    const best = Math.min(...claimants.map(c => c.rank));
    const top = claimants.filter(c => c.rank === best);
    if (best === 0 || top.length === 1) out.set(key, top[0].ref);
  }
  return out;
}

function addClaim(
  claims: Map<string, Array<{ ref: string; rank: number }>>,
  key: string | null,
  ref: string,
  rank: number,
) {
  if (key) claims.set(key, [...(claims.get(key) ?? []), { ref, rank }]);
}

/**
 * Builds the indexed snapshot from catalog entities; `configuredLocations`
 * (`type:target` of the config's catalog locations) tells which entities
 * operators listed.
 */
export function buildSnapshot(
  entities: Entity[],
  configuredLocations?: ReadonlySet<string>,
): CatalogSnapshot {
  const slugClaims = new Map<string, Array<{ ref: string; rank: number }>>();
  const pagerDutyClaims = new Map<
    string,
    Array<{ ref: string; rank: number }>
  >();
  const snapshot: CatalogSnapshot = {
    users: [],
    components: new Map(),
    groups: new Map(),
    systems: new Map(),
    resources: [],
    goldenPathTemplates: new Set(),
    selfServiceTemplates: new Set(),
    bySlug: new Map(),
    byPagerDutyService: new Map(),
  };
  for (const e of entities) {
    const ns = e.metadata.namespace ?? 'default';
    const ref = stringifyEntityRef(e).toLocaleLowerCase('en-US');
    const title = e.metadata.title ?? e.metadata.name;
    const a = e.metadata.annotations ?? {};
    const spec = (e.spec ?? {}) as Record<string, unknown>;
    const kind = e.kind.toLocaleLowerCase('en-US');
    if (kind === 'component') {
      const info: ComponentInfo = {
        ref,
        title,
        owner: refOrNull(spec.owner, 'group', ns),
        system: refOrNull(spec.system, 'system', ns),
        slug: a[ANNOTATIONS.githubSlug]?.toLowerCase() ?? null,
        pagerdutyServiceId: a[ANNOTATIONS.pagerdutyService] ?? null,
        sourceTemplate: refOrNull(
          a[ANNOTATIONS.sourceTemplate],
          'template',
          ns,
        ),
        createdAt: isoOrNull(a[ANNOTATIONS.createdAt]),
        ciSources: ciSourcesOf(e),
      };
      snapshot.components.set(ref, info);
      const rank = claimRank(e, configuredLocations);
      addClaim(slugClaims, info.slug, ref, rank);
      addClaim(pagerDutyClaims, info.pagerdutyServiceId, ref, rank);
    } else if (kind === 'group') {
      snapshot.groups.set(ref, {
        ref,
        title: (spec.profile as any)?.displayName ?? title,
        type: typeof spec.type === 'string' ? spec.type : null,
        parent: refOrNull(spec.parent, 'group', ns),
        children: Array.isArray(spec.children)
          ? spec.children
              .map(c => refOrNull(c, 'group', ns))
              .filter((c): c is string => Boolean(c))
          : [],
      });
    } else if (kind === 'system') {
      snapshot.systems.set(ref, { ref, title });
    } else if (kind === 'user') {
      snapshot.users.push({
        ref,
        joinedAt: isoOrNull(a[ANNOTATIONS.createdAt]),
      });
    } else if (kind === 'template') {
      const path = pathKindOf(e);
      if (path === 'golden-path') snapshot.goldenPathTemplates.add(ref);
      if (path === 'self-service') snapshot.selfServiceTemplates.add(ref);
    } else if (kind === 'resource') {
      snapshot.resources.push({
        ref,
        owner: refOrNull(spec.owner, 'group', ns),
        sourceTemplate: refOrNull(
          a[ANNOTATIONS.sourceTemplate],
          'template',
          ns,
        ),
        createdAt: isoOrNull(a[ANNOTATIONS.createdAt]),
      });
    }
  }
  snapshot.bySlug = trustedClaims(slugClaims);
  snapshot.byPagerDutyService = trustedClaims(pagerDutyClaims);
  return snapshot;
}

/** What is derived from a snapshot once, for every call that reuses it. */
interface SnapshotIndex {
  childrenOf: Map<string, Set<string>>;
  componentsByOwner: Map<string, ComponentInfo[]>;
}

const indexes = new WeakMap<CatalogSnapshot, SnapshotIndex>();

function indexOf(snapshot: CatalogSnapshot): SnapshotIndex {
  let index = indexes.get(snapshot);
  if (index) return index;
  const childrenOf = new Map<string, Set<string>>();
  for (const g of snapshot.groups.values()) {
    for (const c of g.children) {
      childrenOf.set(g.ref, (childrenOf.get(g.ref) ?? new Set()).add(c));
    }
    if (g.parent) {
      childrenOf.set(
        g.parent,
        (childrenOf.get(g.parent) ?? new Set()).add(g.ref),
      );
    }
  }
  const componentsByOwner = new Map<string, ComponentInfo[]>();
  for (const c of snapshot.components.values()) {
    if (c.owner === null) continue;
    const list = componentsByOwner.get(c.owner);
    if (list) list.push(c);
    else componentsByOwner.set(c.owner, [c]);
  }
  index = { childrenOf, componentsByOwner };
  indexes.set(snapshot, index);
  return index;
}

/** The group and all its sub-teams (spec.children and spec.parent both count). */
export function descendantGroups(
  snapshot: CatalogSnapshot,
  groupRef: string,
): Set<string> {
  const { childrenOf } = indexOf(snapshot);
  const out = new Set<string>([groupRef]);
  const queue = [groupRef];
  while (queue.length) {
    const next = queue.pop()!;
    for (const c of childrenOf.get(next) ?? []) {
      if (!out.has(c)) {
        out.add(c);
        queue.push(c);
      }
    }
  }
  return out;
}

/**
 * The components owned by any of `owners`, in the snapshot's order (an
 * index per owner, built once per snapshot, instead of a pass over every
 * component per team).
 */
export function componentsOwnedBy(
  snapshot: CatalogSnapshot,
  owners: ReadonlySet<string>,
): ComponentInfo[] {
  const { componentsByOwner } = indexOf(snapshot);
  const lists = [...owners].flatMap(o => componentsByOwner.get(o) ?? []);
  if (owners.size <= 1) return lists;
  // Keep the snapshot's order, as a filter over every component would.
  const order = new Set(lists);
  return [...snapshot.components.values()].filter(c => order.has(c));
}

/** `fresh`: wait for a refresh when the snapshot is past its age. */
export type SnapshotLoader = (options?: {
  fresh?: boolean;
}) => Promise<CatalogSnapshot>;

/**
 * Reads components, groups, systems, resources, users and templates from the catalog with the
 * plugin's own credentials and keeps them for `ttlSeconds`; concurrent
 * callers share one request. Once older than that, callers get the last
 * snapshot while a refresh runs in the background (in a large catalog the
 * read takes seconds; no request waits for it but the very first, or
 * one that asks for a fresh snapshot). A failed refresh keeps serving the
 * last snapshot.
 */
export function createCatalogSnapshotLoader(options: {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  /** `type:target` of the config's catalog locations. */
  configuredLocations?: ReadonlySet<string>;
  ttlSeconds?: number;
  clock?: () => number;
}): SnapshotLoader {
  const ttl = (options.ttlSeconds ?? 60) * 1000;
  const now = options.clock ?? Date.now;
  let cached: { at: number; value: CatalogSnapshot } | undefined;
  let pending: Promise<CatalogSnapshot> | undefined;

  async function load(): Promise<CatalogSnapshot> {
    const items = await allPages(
      options.catalog.streamEntities(
        {
          filter: [
            { kind: 'component' },
            { kind: 'group' },
            { kind: 'system' },
            { kind: 'resource' },
            { kind: 'user' },
            { kind: 'template' },
          ],
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.title',
            'metadata.annotations',
            'metadata.tags',
            'spec.owner',
            'spec.system',
            'spec.type',
            'spec.parent',
            'spec.children',
            'spec.profile',
          ],
          pageSize: 1000,
          totalItems: 'exclude',
        },
        { credentials: await options.auth.getOwnServiceCredentials() },
      ),
    );
    return buildSnapshot(items, options.configuredLocations);
  }

  const refresh = () => {
    if (!pending) {
      pending = load()
        .then(value => {
          cached = { at: now(), value };
          return value;
        })
        .catch(error => {
          if (cached) {
            options.logger.warn(
              `Catalog refresh failed, using the last snapshot: ${error}`,
            );
            return cached.value;
          }
          throw error;
        })
        .finally(() => {
          pending = undefined;
        });
    }
    return pending;
  };

  return async ({ fresh = false } = {}) => {
    if (!cached) return refresh();
    if (now() - cached.at >= ttl) {
      const refreshed = refresh();
      if (fresh) return refreshed;
      refreshed.catch(() => {});
    }
    return cached.value;
  };
}
