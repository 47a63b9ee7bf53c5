import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { portalAnalyticsPermissions } from '@internal/plugin-portal-analytics-common';
import { DateTime, IANAZone } from 'luxon';
import { DatabaseUsageStore } from './database/DatabaseUsageStore';
import { catalogUserDirectory } from './service/directory';
import { createRouter } from './service/router';
import { todayIn, windowStart } from './service/rules';

/**
 * The portal's own usage analytics: the app's Analytics API events
 * (`POST /events`, batched by the frontend) and usage aggregates for the
 * platform team. Mounted at /api/portal-analytics.
 *
 * @public
 */
export const portalAnalyticsPlugin = createBackendPlugin({
  pluginId: 'portal-analytics',
  register(env) {
    env.registerInit({
      deps: {
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, logger } = deps;
        deps.permissionsRegistry.addPermissions(portalAnalyticsPermissions);
        const timeZone =
          config.getOptionalString('portalAnalytics.timeZone') ?? 'UTC';
        if (!IANAZone.isValidZone(timeZone)) {
          throw new Error(
            `portalAnalytics.timeZone '${timeZone}' is not an IANA time zone`,
          );
        }
        const rawDays =
          config.getOptionalNumber('portalAnalytics.rawRetentionDays') ?? 90;
        const aggregateDays =
          config.getOptionalNumber('portalAnalytics.aggregateRetentionDays') ??
          730;
        const store = await DatabaseUsageStore.create({
          database: deps.database,
        });
        await deps.scheduler.scheduleTask({
          id: 'portal-analytics-retention',
          frequency: { hours: 24 },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            const today = todayIn(timeZone, new Date());
            const pruned = await store.prune({
              rawBefore: windowStart(today, rawDays),
              aggregatesBefore: windowStart(today, aggregateDays),
            });
            logger.info(
              `Usage retention: deleted ${pruned.raw} raw events and ${
                pruned.aggregates
              } aggregate rows (${DateTime.now().toISO()})`,
            );
          },
        });
        deps.httpRouter.use(
          await createRouter({
            ...deps,
            store,
            directory: catalogUserDirectory(deps),
            timeZone,
          }),
        );
      },
    });
  },
});
