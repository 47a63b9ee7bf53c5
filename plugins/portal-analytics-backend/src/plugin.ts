import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { portalAnalyticsPermissions } from '@internal/plugin-portal-analytics-common';
import { DateTime, IANAZone } from 'luxon';
import { DatabaseChannelUsageStore } from './database/DatabaseChannelUsageStore';
import { DatabaseUsageStore } from './database/DatabaseUsageStore';
import { kpiDefinitions } from './kpis/definitions';
import { HttpKpiSources } from './kpis/KpiSources';
import { KpiService } from './kpis/KpiService';
import { catalogUserDirectory } from './service/directory';
import { channelHits, writeRateLimit } from '@internal/plugin-portal-node';
import { ChannelRecorder } from './service/channelRecorder';
import { createRouter } from './service/router';
import { registerAnalyticsActions } from './actions';
import { todayIn, windowStart } from './service/rules';
import { subscribeToTemplateRuns } from './service/templateRuns';

/** Raw events name their user (and team) for this long, then no one. */
const RAW_USER_HOURS = 24;

/**
 * The portal's own usage analytics: the app's Analytics API events
 * (`POST /events`, batched by the frontend) and usage aggregates for the
 * platform team, and the platform KPIs against their targets (`GET /kpis`).
 * Mounted at /api/portal-analytics.
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
        discovery: coreServices.discovery,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
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
          config.getOptionalNumber('portalAnalytics.rawRetentionDays') ?? 14;
        const aggregateDays =
          config.getOptionalNumber('portalAnalytics.aggregateRetentionDays') ??
          730;
        const store = await DatabaseUsageStore.create({
          database: deps.database,
        });
        const channels = await DatabaseChannelUsageStore.create({
          database: deps.database,
        });
        // Work through the browser, the CLI and MCP, noted by the root
        // middleware of this backend process and counted here.
        const stopChannels = new ChannelRecorder({
          ...deps,
          queue: channelHits,
          store: channels,
          timeZone,
        }).start(
          (config.getOptionalNumber('portalAnalytics.channelFlushSeconds') ??
            10) * 1000,
        );
        deps.lifecycle.addShutdownHook(stopChannels);
        // Hourly, so no raw event names its user for much more than a day.
        await deps.scheduler.scheduleTask({
          id: 'portal-analytics-retention',
          frequency: { hours: 1 },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            const now = new Date();
            const forgotten = await store.forgetUsers(
              new Date(now.getTime() - RAW_USER_HOURS * 3_600_000),
            );
            const today = todayIn(timeZone, now);
            const pruned = await store.prune({
              rawBefore: windowStart(today, rawDays),
              aggregatesBefore: windowStart(today, aggregateDays),
            });
            pruned.aggregates += await channels.pruneChannels(
              windowStart(today, aggregateDays),
            );
            logger.info(
              `Usage retention: cleared the user of ${forgotten} raw events, deleted ${
                pruned.raw
              } raw events and ${
                pruned.aggregates
              } aggregate rows (${DateTime.now().toISO()})`,
            );
          },
        });
        // Template runs come from the scaffolder, not from browsers.
        await subscribeToTemplateRuns({ ...deps, store, timeZone });
        const kpis = new KpiService({
          sources: new HttpKpiSources(deps),
          definitions: kpiDefinitions(config),
          platformTeam:
            config.getOptionalString('kpis.platformTeam') ??
            'group:default/platform-team',
          logger,
        });
        deps.httpRouter.use(
          writeRateLimit({
            ...deps,
            name: 'portal-analytics',
            defaults: { limit: 30, window: { minutes: 1 } },
          }),
        );
        const directory = catalogUserDirectory(deps);
        deps.httpRouter.use(
          await createRouter({
            ...deps,
            store,
            channels,
            kpis,
            directory,
            timeZone,
          }),
        );
        registerAnalyticsActions({
          ...deps,
          store,
          kpis,
          directory,
          timeZone,
        });
      },
    });
  },
});
