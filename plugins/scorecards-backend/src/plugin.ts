import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { scorecardsPermissions } from '@internal/plugin-scorecards-common';
import { DatabaseScorecardStore } from './database/DatabaseScorecardStore';
import { loadScorecards } from './engine/definitions';
import { HttpPluginFacts } from './service/pluginFacts';
import { createRouter } from './service/router';
import { ScorecardsService } from './service/ScorecardsService';

/**
 * Scorecards backend: scorecards as code, evaluated every minute against
 * facts from the catalog, the portal's plugins and CI. Mounted at
 * /api/scorecards.
 *
 * @public
 */
export const scorecardsPlugin = createBackendPlugin({
  pluginId: 'scorecards',
  register(env) {
    env.registerInit({
      deps: {
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { config, logger, scheduler } = deps;
        // A wrong file or field stops the start, naming both.
        const scorecards = loadScorecards(
          config.getOptionalStringArray('scorecards.files') ?? [],
        );
        deps.permissionsRegistry.addPermissions(scorecardsPermissions);
        const store = await DatabaseScorecardStore.create({
          database: deps.database,
        });
        const service = new ScorecardsService({
          ...deps,
          store,
          scorecards,
          pluginFacts: new HttpPluginFacts(deps),
          platformTeamRef: (
            config.getOptionalString('portal.platformTeam') ??
            'group:default/platform-team'
          ).toLocaleLowerCase('en-US'),
          demoFacts:
            config.getOptionalBoolean('scorecards.demoFacts') ??
            config.getOptionalBoolean('portal.demoMode') ??
            false,
        });
        logger.info(
          `Scorecards: ${
            scorecards.map(s => s.metadata.name).join(', ') || 'none'
          }`,
        );
        const seconds =
          config.getOptionalNumber('scorecards.refreshSeconds') ?? 60;
        await scheduler.scheduleTask({
          id: 'scorecards-evaluate',
          frequency: { seconds },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 10 },
          fn: async () => {
            const started = Date.now();
            const n = await service.evaluate();
            logger.debug(
              `Scorecards evaluated ${n} entities in ${
                Date.now() - started
              } ms`,
            );
          },
        });
        // Idempotent per day: the last run of a day is that day's level.
        await scheduler.scheduleTask({
          id: 'scorecards-snapshot',
          frequency: { hours: 1 },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 1 },
          fn: () => service.snapshot(),
        });
        deps.httpRouter.use(await createRouter({ ...deps, service, store }));
      },
    });
  },
});
