import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { feedbackPermissions } from '@internal/plugin-feedback-common';
import { DatabaseFeedbackStore } from './database/DatabaseFeedbackStore';
import { DatabaseNotificationOutbox } from './database/DatabaseNotificationOutbox';
import { DatabaseSurveyStore } from './database/DatabaseSurveyStore';
import { seedDemoSurveys } from './service/demoSurveys';
import {
  actionRateLimit,
  RateLimitDefaults,
  writeRateLimit,
} from '@internal/plugin-portal-node';
import { createRouter } from './service/router';
import { createCatalogInfo } from './service/catalogInfo';
import { createFeedbackReports } from './service/reports';
import { registerFeedbackActions } from './actions';
import { createRoadmapRouter } from './service/roadmapRouter';
import { scheduleNotificationOutbox } from './service/notificationOutbox';
import { scheduleWeeklyChangelog } from './service/weeklyChangelog';

/** Reports, me-toos, moves, survey answers, roadmap plans per person. */
const WRITE_LIMIT: RateLimitDefaults = { limit: 30, window: { minutes: 1 } };

/**
 * Feedback backend plugin: friction reports about catalog entities, "me too",
 * a status lifecycle and notifications. Mounted at /api/feedback.
 *
 * @public
 */
export const feedbackPlugin = createBackendPlugin({
  pluginId: 'feedback',
  register(env) {
    env.registerInit({
      deps: {
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        cache: coreServices.cache,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        notifications: notificationService,
        scheduler: coreServices.scheduler,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(feedbackPermissions);
        const store = await DatabaseFeedbackStore.create({
          database: deps.database,
        });
        // Same schema and migrations directory, already migrated above.
        const surveys = await DatabaseSurveyStore.create({
          database: deps.database,
          skipMigrations: true,
        });
        const demoSurveys =
          deps.config.getOptionalBoolean('feedback.demoSurveys') ??
          deps.config.getOptionalBoolean('portal.demoMode') ??
          false;
        if (demoSurveys) {
          // A task, not a step of start-up: replicas starting together
          // would each find no responses and write them twice. A global
          // task runs on one replica at a time; the others then find them.
          await deps.scheduler.scheduleTask({
            id: 'feedback-demo-surveys',
            frequency: { hours: 1 },
            timeout: { minutes: 5 },
            fn: async () => {
              const written = await seedDemoSurveys(surveys, new Date());
              if (written) {
                deps.logger.info(`Wrote ${written} demo survey responses`);
              }
            },
          });
        }
        // Reports, me-toos, moves, survey answers, roadmap plans.
        deps.httpRouter.use(
          writeRateLimit({
            ...deps,
            name: 'feedback',
            defaults: WRITE_LIMIT,
          }),
        );
        const reports = createFeedbackReports({
          store,
          catalogInfo: createCatalogInfo(deps),
          logger: deps.logger,
          notifyPlatformTeam: Boolean(
            deps.config.getOptionalString('portal.platformTeam'),
          ),
        });
        deps.httpRouter.use(
          await createRouter({ ...deps, store, surveys, reports }),
        );
        registerFeedbackActions({
          ...deps,
          reports,
          rateLimit: actionRateLimit({
            config: deps.config,
            name: 'feedback',
            defaults: WRITE_LIMIT,
          }),
        });
        deps.httpRouter.use(await createRoadmapRouter(deps));
        await scheduleWeeklyChangelog({ ...deps, store });
        await scheduleNotificationOutbox({
          ...deps,
          outbox: await DatabaseNotificationOutbox.create(deps),
          platformTeamRef: deps.config.getOptionalString('portal.platformTeam'),
        });
      },
    });
  },
});
