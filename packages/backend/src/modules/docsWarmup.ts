import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { boundedCache } from '@internal/plugin-portal-node';

const TECHDOCS_REF = 'metadata.annotations.backstage.io/techdocs-ref';

/**
 * With the `local` TechDocs builder, docs are built the first time someone
 * opens them, so search cannot find a page nobody has read yet. This task
 * builds every entity's docs through the TechDocs backend once the catalog
 * has them (and again when they change), then reindexes search.
 *
 * Once per cluster: the task is global (one replica runs each round) and
 * what was last built is kept in the cache service, which replicas share
 * (Redis in app-config.cluster.yaml), so whichever replica runs the next
 * round knows it; the docs themselves go to the shared publish directory.
 */
export default createBackendModule({
  pluginId: 'search',
  moduleId: 'techdocs-warmup',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        scheduler: coreServices.scheduler,
        cache: coreServices.cache,
        catalog: catalogServiceRef,
      },
      async init({
        config,
        logger,
        auth,
        discovery,
        scheduler,
        catalog,
        ...deps
      }) {
        // Redis down: the round rebuilds rather than waits.
        const cache = boundedCache(deps.cache);
        if (config.getOptionalString('techdocs.builder') !== 'local') {
          return;
        }
        const BUILT_KEY = 'techdocs-warmup:built';
        let firstRun = true;
        await scheduler.scheduleTask({
          id: 'techdocs-warmup',
          scope: 'global',
          // Every 15 s it checks (two catalog queries); it builds only when
          // the catalog changed size, the set of entities with docs changed,
          // or half an hour passed.
          frequency: { seconds: 15 },
          timeout: { minutes: 15 },
          initialDelay: { seconds: 2 },
          fn: async () => {
            const credentials = await auth.getOwnServiceCredentials();
            const withDocs = () =>
              catalog.getEntities(
                {
                  filter: { [TECHDOCS_REF]: CATALOG_FILTER_EXISTS },
                  fields: ['kind', 'metadata.namespace', 'metadata.name'],
                },
                { credentials },
              );
            let { items } = await withDocs();
            // Right after start the catalog is still empty: wait for its
            // first entities (seconds) rather than for the next run.
            for (let s = 0; firstRun && !items.length && s < 30; s++) {
              await new Promise(resolve => setTimeout(resolve, 1000));
              ({ items } = await withDocs());
            }
            firstRun = false;
            // While the catalog is still ingesting, its size keeps changing;
            // reindexing follows it until it settles.
            const { totalItems } = await catalog.queryEntities(
              { limit: 1, fields: ['metadata.name'] },
              { credentials },
            );
            const refs = `${totalItems}:${items
              .map(e => stringifyEntityRef(e))
              .sort()
              .join()}`;
            const built = (await cache.get<{ refs: string; at: number }>(
              BUILT_KEY,
            )) ?? { refs: '', at: 0 };
            const fresh = Date.now() - built.at < 30 * 60_000;
            if (!items.length || (refs === built.refs && fresh)) {
              return; // not ingested yet, or nothing new
            }
            const baseUrl = await discovery.getBaseUrl('techdocs');
            const { token } = await auth.getPluginRequestToken({
              onBehalfOf: credentials,
              targetPluginId: 'techdocs',
            });
            // Two builds at a time: mkdocs is mostly CPU.
            const queue = [...items];
            const buildNext = async () => {
              const entity = queue.shift();
              if (!entity) return;
              const { kind, metadata } = entity;
              const path = [
                metadata.namespace ?? 'default',
                kind,
                metadata.name,
              ]
                .map(s => encodeURIComponent(s.toLocaleLowerCase('en-US')))
                .join('/');
              const res = await fetch(`${baseUrl}/sync/${path}`, {
                headers: { Authorization: `Bearer ${token}` },
              });
              // The endpoint streams build progress; read it to the end.
              const body = await res.text();
              if (!res.ok || body.includes('event: error')) {
                logger.warn(
                  `Could not build the docs of ${path}: ${body.slice(-300)}`,
                );
              }
              await buildNext();
            };
            await Promise.all([buildNext(), buildNext()]);
            await cache.set(BUILT_KEY, { refs, at: Date.now() });
            logger.info(`Built the docs of ${items.length} entities`);
            // Reindex now rather than at the collators' next scheduled run.
            for (const task of [
              'search_index_software_catalog',
              'search_index_techdocs',
            ]) {
              await scheduler
                .triggerTask(task)
                .catch(error =>
                  logger.warn(`Could not trigger ${task}: ${error}`),
                );
            }
          },
        });
      },
    });
  },
});
