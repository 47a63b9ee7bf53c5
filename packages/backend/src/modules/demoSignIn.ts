import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
  createProxyAuthenticator,
} from '@backstage/plugin-auth-node';
import { InputError, NotAllowedError } from '@backstage/errors';

/** Header carrying the name of the demo User to sign in as. */
export const DEMO_USER_HEADER = 'x-portal-demo-user';

const USER_NAME = /^[a-z0-9]+([-_.][a-z0-9]+)*$/;

/**
 * Demo sign-in: the caller names a User entity of the catalog and is signed in
 * as that user, with the ownership of the user's groups. It exists so that a
 * person (or an end-to-end test) can try the portal as a product developer or
 * as a platform engineer. Registered only when `portal.demoMode` is true, which
 * app-config.production.yaml turns off and which serves this machine only
 * (config/requiredSettings.ts).
 *
 * It answers only requests addressed to `host` (backend.baseUrl's): a web
 * page that rebinds its own name to 127.0.0.1 (DNS rebinding) reaches the
 * backend from the browser with its own name as Host, and is refused.
 */
export const createDemoAuthenticator = (host: string) =>
  createProxyAuthenticator({
    defaultProfileTransform: async (result: { userName: string }) => ({
      profile: { displayName: result.userName },
    }),
    initialize: () => undefined,
    async authenticate({ req }) {
      if (req.headers.host !== host) {
        throw new NotAllowedError(
          `Demo sign-in answers requests for ${host} only, not for ${
            req.headers.host ?? 'no host'
          }`,
        );
      }
      const userName = req.header(DEMO_USER_HEADER)?.trim() ?? '';
      if (!USER_NAME.test(userName)) {
        throw new InputError(
          `Header ${DEMO_USER_HEADER} must name a catalog User, e.g. "priya.sharma"`,
        );
      }
      return { result: { userName } };
    },
  });

export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-sign-in',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ providers, config, logger }) {
        if (!config.getOptionalBoolean('portal.demoMode')) {
          return;
        }
        logger.warn(
          'Demo sign-in is enabled: anyone can sign in as any catalog User',
        );
        providers.registerProvider({
          providerId: 'demo',
          factory: createProxyAuthProviderFactory({
            authenticator: createDemoAuthenticator(
              new URL(config.getString('backend.baseUrl')).host,
            ),
            // Fails with a clear message when no such User exists.
            async signInResolver({ result }, ctx) {
              return ctx.signInWithCatalogUser({
                entityRef: { kind: 'User', name: result.userName },
              });
            },
          }),
        });
      },
    });
  },
});
