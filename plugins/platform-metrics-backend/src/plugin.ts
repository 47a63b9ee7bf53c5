import {
  coreServices,
  createBackendPlugin,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { platformMetricsPermissions } from '@internal/plugin-platform-metrics-common';
import { MetricsStore } from './database/MetricsStore';
import { configuredLocations } from '@internal/plugin-portal-node';
import { createCatalogSnapshotLoader, SnapshotLoader } from './service/catalog';
import { readBands, readProductionEnvironments } from './service/config';
import { DEMO_SOURCE, seedDemoData } from './service/demoData';
import { MetricsService } from './service/MetricsService';
import { writeRateLimit } from '@internal/plugin-portal-node';
import { createRouter } from './service/router';
import { registerMetricsActions } from './actions';

/**
 * Platform metrics backend plugin: delivery events from the JSON API, GitHub
 * and PagerDuty webhooks, daily rollups, DORA and adoption metrics. Mounted
 * at /api/platform-metrics.
 *
 * @public
 */
export const platformMetricsPlugin = createBackendPlugin({
  pluginId: 'platform-metrics',
  register(env) {
    env.registerInit({
      deps: {
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { config, logger } = deps;
        deps.permissionsRegistry.addPermissions(platformMetricsPermissions);
        const store = await MetricsStore.create({ database: deps.database });
        const snapshot = createCatalogSnapshotLoader({
          catalog: deps.catalog,
          auth: deps.auth,
          logger,
          configuredLocations: configuredLocations(config),
          ttlSeconds:
            config.getOptionalNumber('platformMetrics.catalogCacheSeconds') ??
            60,
        });
        const service = new MetricsService({
          store,
          snapshot,
          logger,
          bands: readBands(config),
          productionEnvironments: readProductionEnvironments(config),
        });

        // Signed by the sender (GitHub, PagerDuty) instead of Backstage auth.
        deps.httpRouter.addAuthPolicy({
          path: '/webhooks',
          allow: 'unauthenticated',
        });
        // Per CI token, per webhook sender address, per user; a rebuild
        // rereads every event, so it has a limit of its own.
        deps.httpRouter.use(
          writeRateLimit({
            ...deps,
            name: 'platform-metrics',
            defaults: { limit: 600, window: { minutes: 1 } },
          }),
        );
        deps.httpRouter.use(
          writeRateLimit({
            ...deps,
            name: 'platform-metrics-rebuild',
            defaults: { limit: 2, window: { minutes: 10 } },
            applies: req =>
              req.method === 'POST' && req.path === '/rollups/rebuild',
          }),
        );
        deps.httpRouter.use(
          await createRouter({
            service,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            logger,
            githubWebhookSecret: config.getOptionalString(
              'platformMetrics.github.webhookSecret',
            ),
            pagerDutyWebhookSecret: config.getOptionalString(
              'platformMetrics.pagerduty.webhookSecret',
            ),
          }),
        );

        registerMetricsActions({ ...deps, service });

        if (config.getOptionalBoolean('platformMetrics.demoData')) {
          await scheduleDemoData({ ...deps, service, store, snapshot });
        }
      },
    });
  },
});

/**
 * Writes the demo history once, after start-up, once the catalog has the
 * demo organisation (`platformMetrics.demoData`).
 */
async function scheduleDemoData(deps: {
  scheduler: SchedulerService;
  logger: LoggerService;
  service: MetricsService;
  store: MetricsStore;
  snapshot: SnapshotLoader;
}) {
  const { logger, service, store, snapshot } = deps;
  await deps.scheduler.scheduleTask({
    id: 'platform-metrics-demo-data',
    frequency: { minutes: 10 },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 20 },
    scope: 'global',
    fn: async () => {
      const catalog = await snapshot();
      if (catalog.components.size === 0) {
        logger.info('Demo data waits for the catalog to have components');
        return;
      }
      const written = await seedDemoData(
        service,
        catalog,
        new Date(),
        async () => (await store.listings.countBySource(DEMO_SOURCE)) > 0,
      );
      if (written) {
        logger.info(
          `Wrote demo delivery history: ${written.deployments} deployments, ${written.changes} changes, ${written.incidents} incidents`,
        );
      }
    },
  });
}
