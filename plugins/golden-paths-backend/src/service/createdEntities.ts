import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { allPages } from '@internal/plugin-portal-node';
import { SOURCE_TEMPLATE_ANNOTATION } from './annotations';

/** What the paths, drift and usage read of a created entity. */
export const CREATED_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'relations',
];

/** Kinds a golden path creates. */
export const CREATED_KINDS = ['Component', 'Resource'];

const CREATED_FILTER = {
  kind: CREATED_KINDS,
  [`metadata.annotations.${SOURCE_TEMPLATE_ANNOTATION}`]: CATALOG_FILTER_EXISTS,
};

export type CreatedEntities = () => Promise<Entity[]>;

/**
 * Every entity created from a template (Components and Resources with the
 * source-template annotation), read from the catalog with the plugin's own
 * credentials and kept as a read model: refreshed in the background once
 * older than `ttlSeconds`, so no request waits for (or repeats) a read of
 * thousands of entities; only the very first one does. A count of them (a
 * catalog query of 0.1-0.2 s at 10,000 components) runs behind requests at
 * most every `countEverySeconds` (5) and refreshes the list when it
 * changed: a service created a moment ago shows within seconds, on every
 * replica, and no request waits for the count. Concurrent callers share one read; a failed
 * refresh keeps serving the last list. Every signed-in user may read the
 * whole catalog (the portal's permission policy), so this is the list each
 * caller's own read would give.
 */
export function createdEntitiesReadModel(options: {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  ttlSeconds?: number;
  countEverySeconds?: number;
  clock?: () => number;
}): CreatedEntities {
  const ttl = (options.ttlSeconds ?? 30) * 1000;
  const countEvery = (options.countEverySeconds ?? 5) * 1000;
  const now = options.clock ?? Date.now;
  let cached: { at: number; value: Entity[] } | undefined;
  let pending: Promise<Entity[]> | undefined;
  let countedAt = 0;

  const refresh = () => {
    if (!pending) {
      pending = (async () => {
        // 10,000 components are 7 MB of JSON: read in pages.
        const items = await allPages(
          options.catalog.streamEntities(
            {
              filter: CREATED_FILTER,
              fields: CREATED_FIELDS,
              pageSize: 500,
              totalItems: 'exclude',
            },
            { credentials: await options.auth.getOwnServiceCredentials() },
          ),
        );
        cached = { at: now(), value: items };
        countedAt = now();
        return items;
      })()
        .catch(error => {
          if (cached) {
            options.logger.warn(
              `Could not refresh the created entities, using the last list: ${error}`,
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

  /**
   * Counts them in the background, at most every `countEvery`: a different
   * count (an entity created or deleted a moment ago) refreshes the list.
   */
  const recount = () => {
    if (now() - countedAt < countEvery) return;
    countedAt = now();
    (async () => {
      const { totalItems } = await options.catalog.queryEntities(
        { filter: CREATED_FILTER, limit: 1, fields: ['metadata.name'] },
        { credentials: await options.auth.getOwnServiceCredentials() },
      );
      if (cached && totalItems !== cached.value.length) await refresh();
    })().catch(error =>
      options.logger.warn(`Could not count the created entities: ${error}`),
    );
  };

  return async () => {
    if (!cached) return refresh();
    recount();
    if (now() - cached.at >= ttl) {
      // Stale: answer with the last list, refresh for the next caller.
      refresh().catch(() => {});
    }
    return cached.value;
  };
}
