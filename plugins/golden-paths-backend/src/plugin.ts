import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { DefaultGithubCredentialsProvider } from '@backstage/integration';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { Config } from '@backstage/config';
import { createPublishGithubAction } from '@backstage/plugin-scaffolder-backend-module-github';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import path from 'node:path';
import { createPublishAction, GithubTarget } from './actions/publish';
import { createRegisterAction } from './actions/register';
import { createValidateAction } from './actions/validate';
import { LocalGitHost } from './service/localGit';
import { LocalRepositoryPlaceholders } from './service/localPlaceholders';
import { publishIntegrations } from './service/publishCredentials';
import { createRouter } from './service/router';
import { createGoldenPathReads } from './service/reads';
import { createdEntitiesReadModel } from './service/createdEntities';
import { registerGoldenPathActions } from './actions';

/**
 * Golden paths backend: `/api/golden-paths` (paths, usage, drift).
 *
 * @public
 */
export const goldenPathsPlugin = createBackendPlugin({
  pluginId: 'golden-paths',
  register(env) {
    env.registerInit({
      deps: {
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        logger: coreServices.logger,
        discovery: coreServices.discovery,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const reads = createGoldenPathReads(
          deps.catalog,
          createdEntitiesReadModel(deps),
        );
        deps.httpRouter.use(await createRouter({ ...deps, reads }));
        registerGoldenPathActions({ ...deps, reads });
      },
    });
  },
});

/** The local git repositories (`goldenPaths.publish.localDir`). */
const localGitHost = (config: Config) =>
  new LocalGitHost(
    path.resolve(
      config.getOptionalString('goldenPaths.publish.localDir') ??
        '../../data/git',
    ),
  );

const publishesToGithub = (config: Config) =>
  config.getOptionalString('goldenPaths.publish.target') === 'github';

/**
 * The golden paths' scaffolder actions: golden-paths:validate,
 * golden-paths:publish and golden-paths:register.
 *
 * @public
 */
export const goldenPathsScaffolderModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'golden-paths',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        logger: coreServices.logger,
      },
      async init({ scaffolder, config, catalog, auth, logger }) {
        const local = localGitHost(config);
        let github: GithubTarget | undefined;
        if (publishesToGithub(config)) {
          const publish = config.getConfig('goldenPaths.publish');
          const host = publish.getOptionalString('github.host') ?? 'github.com';
          const integrations = publishIntegrations(
            config,
            host,
            publish.getOptionalString('github.token'),
          );
          github = {
            owner: publish.getString('github.owner'),
            host,
            action: createPublishGithubAction({
              integrations,
              config,
              githubCredentialsProvider:
                DefaultGithubCredentialsProvider.fromIntegrations(integrations),
            }),
          };
          logger.info(`Golden paths publish to GitHub (${github.owner})`);
        } else {
          logger.info(`Golden paths publish to local git repositories`);
        }
        scaffolder.addActions(
          createValidateAction({
            catalog,
            auth,
            platformTeam:
              config.getOptionalString('portal.platformTeam') ??
              'group:default/platform-team',
          }),
          createPublishAction({ local, github }),
          createRegisterAction({ catalog, auth }),
        );
      },
    });
  },
});

/**
 * What the catalog needs of the repositories golden paths publish on this
 * machine (no Git host): `$text` placeholders in their catalog files, such as
 * a service's API definition, read from the repository itself.
 *
 * @public
 */
export const goldenPathsCatalogModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'golden-paths-local-repositories',
  register(env) {
    env.registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ processing, config }) {
        if (publishesToGithub(config)) return;
        processing.addProcessor(
          new LocalRepositoryPlaceholders(localGitHost(config).checkoutsDir),
        );
      },
    });
  },
});
