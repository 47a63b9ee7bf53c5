import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  CacheService,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_HAS_MEMBER,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { boundedCache, normalizeEntityRef } from '@internal/plugin-portal-node';

/** Team size per group ref. Refs missing from the map count as 1. */
export type TeamSizeResolver = (
  teamRefs: string[],
) => Promise<Map<string, number>>;

/** Group annotation holding the team's head count. */
export const TEAM_SIZE_ANNOTATION = 'fintech-fast.example/team-size';

/** Full, lower-case entity ref; throws on refs that do not parse. */
export const normalizeRef = normalizeEntityRef;

/** `spec.owner` as a full group ref (or the ownedBy relation). */
export function ownerRefOf(entity: Entity): string | null {
  const owner = entity.spec?.owner;
  if (typeof owner === 'string' && owner) {
    try {
      return normalizeRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      });
    } catch {
      return null;
    }
  }
  const rel = entity.relations?.find(r => r.type === 'ownedBy');
  return rel ? rel.targetRef.toLocaleLowerCase('en-US') : null;
}

/** Team size: the annotation, else the number of members, else 1. */
export function teamSizeOf(group: Entity | undefined): number {
  if (!group) return 1;
  const annotated = Number.parseInt(
    group.metadata.annotations?.[TEAM_SIZE_ANNOTATION] ?? '',
    10,
  );
  if (Number.isFinite(annotated) && annotated > 0) return annotated;
  const members = new Set(
    (group.relations ?? [])
      .filter(r => r.type === RELATION_HAS_MEMBER)
      .map(r => r.targetRef),
  ).size;
  return members > 0 ? members : 1;
}

/**
 * What the plugin asks the catalog and the auth backend on every write,
 * remembered for a minute (owners, teams and head counts rarely change), so a
 * report costs one database transaction rather than several round trips.
 */
const TTL = { seconds: 60 };

export function createCatalogInfo(deps: {
  catalog: CatalogService;
  auth: AuthService;
  userInfo: UserInfoService;
  logger: LoggerService;
  cache: CacheService;
}) {
  const { catalog, auth, userInfo, logger } = deps;
  // A cache that does not answer in time is a miss, never a wait.
  const cache = boundedCache(deps.cache);
  return {
    /** The owner of an entity, or undefined when the entity does not exist. */
    async entityOwner(
      entityRef: string,
      credentials: BackstageCredentials,
    ): Promise<{ ownerRef: string | null } | undefined> {
      const key = `entity:${entityRef}`;
      const cached = await cache.get<{ ownerRef: string | null }>(key);
      if (cached) return cached;
      const entity = await catalog.getEntityByRef(entityRef, { credentials });
      if (!entity) return undefined;
      const value = { ownerRef: ownerRefOf(entity) };
      await cache.set(key, value, { ttl: TTL });
      return value;
    },

    /**
     * Team sizes are looked up with the plugin's own credentials, so impact
     * does not depend on who happens to trigger the recompute.
     */
    teamSizes: (async teamRefs => {
      const sizes = new Map<string, number>();
      const missing: string[] = [];
      for (const ref of teamRefs) {
        const size = await cache.get<number>(`size:${ref}`);
        if (size === undefined) missing.push(ref);
        else sizes.set(ref, size);
      }
      if (!missing.length) return sizes;
      try {
        const { items } = await catalog.getEntitiesByRefs(
          { entityRefs: missing },
          { credentials: await auth.getOwnServiceCredentials() },
        );
        for (const [i, ref] of missing.entries()) {
          const size = teamSizeOf(items[i]);
          sizes.set(ref, size);
          await cache.set(`size:${ref}`, size, { ttl: TTL });
        }
      } catch (error) {
        logger.warn(`Could not look up team sizes, counting 1 each: ${error}`);
      }
      return sizes;
    }) as TeamSizeResolver,

    /** Display titles of groups (`metadata.title`, else the name). */
    async teamTitles(teamRefs: string[]): Promise<Map<string, string>> {
      const titles = new Map<string, string>();
      const missing: string[] = [];
      for (const ref of teamRefs) {
        const title = await cache.get<string>(`title:${ref}`);
        if (title === undefined) missing.push(ref);
        else titles.set(ref, title);
      }
      if (missing.length) {
        try {
          const { items } = await catalog.getEntitiesByRefs(
            {
              entityRefs: missing,
              fields: ['metadata.name', 'metadata.title'],
            },
            { credentials: await auth.getOwnServiceCredentials() },
          );
          for (const [i, ref] of missing.entries()) {
            const entity = items[i];
            const title =
              entity?.metadata.title ??
              entity?.metadata.name ??
              parseEntityRef(ref).name;
            titles.set(ref, title);
            await cache.set(`title:${ref}`, title, { ttl: TTL });
          }
        } catch (error) {
          logger.warn(`Could not look up team titles: ${error}`);
          for (const ref of missing) titles.set(ref, parseEntityRef(ref).name);
        }
      }
      return titles;
    },

    /** The caller's first group from their ownership refs, if any. */
    async teamOf(
      credentials: BackstageCredentials<BackstageUserPrincipal>,
    ): Promise<string | null> {
      const key = `team:${credentials.principal.userEntityRef}`;
      const cached = await cache.get<{ teamRef: string | null }>(key);
      if (cached) return cached.teamRef;
      const info = await userInfo.getUserInfo(credentials);
      const group = info.ownershipEntityRefs.find(ref => {
        try {
          return (
            parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'group'
          );
        } catch {
          return false;
        }
      });
      const teamRef = group ? normalizeRef(group) : null;
      await cache.set(key, { teamRef }, { ttl: TTL });
      return teamRef;
    },
  };
}
