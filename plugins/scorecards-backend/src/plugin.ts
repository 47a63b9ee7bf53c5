import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { scorecardsPermissions } from '@internal/plugin-scorecards-common';
import {
  normalizeEntityRef,
  writeRateLimit,
} from '@internal/plugin-portal-node';
import { createScorecardStores } from './database/createScorecardStores';
import { loadScorecards } from './engine/definitions';
import { createScorecardsServices } from './service/createServices';
import { HttpPluginFacts } from './service/pluginFacts';
import { createRouter } from './service/router';
import { registerScorecardActions } from './actions';

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
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler } = deps;
        // A wrong file or field stops the start, naming both.
        const scorecards = loadScorecards(
          config.getOptionalStringArray('scorecards.files') ?? [],
        );
        deps.permissionsRegistry.addPermissions(scorecardsPermissions);
        const stores = await createScorecardStores({
          database: deps.database,
        });
        const services = createScorecardsServices({
          ...deps,
          stores,
          scorecards,
          pluginFacts: new HttpPluginFacts(deps),
          platformTeamRef: normalizeEntityRef(
            config.getOptionalString('portal.platformTeam') ??
              'group:default/platform-team',
            { defaultKind: 'group' },
          ),
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
            const n = await services.evaluation.evaluate();
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
          fn: () => services.snapshots.snapshot(),
        });
        // Facts, rechecks, exemptions, campaigns.
        deps.httpRouter.use(
          writeRateLimit({
            ...deps,
            name: 'scorecards',
            defaults: { limit: 120, window: { minutes: 1 } },
          }),
        );
        deps.httpRouter.use(await createRouter({ ...deps, services }));
        registerScorecardActions({ ...deps, services });
      },
    });
  },
});
