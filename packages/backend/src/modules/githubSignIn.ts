import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  commonSignInResolvers,
  createOAuthProviderFactory,
  createSignInResolverFactory,
  OAuthAuthenticatorResult,
  PassportProfile,
  SignInResolver,
} from '@backstage/plugin-auth-node';
import {
  githubAuthenticator,
  githubSignInResolvers,
} from '@backstage/plugin-auth-backend-module-github-provider';
import { NotAllowedError } from '@backstage/errors';
import { z } from 'zod/v3';

/** Scope that lets the portal read the signing-in user's own memberships. */
export const ORGANIZATION_SCOPE = 'read:org';

/**
 * Sign-in for members of one GitHub organisation. A GitHub account is
 * anyone's, and its login can be any catalog User's name; so the portal asks
 * GitHub, with the user's own token, whether the account is an active member
 * of `organization`, and only then signs it in as the catalog User of that
 * name (which must exist: the catalog's Users come from the organisation's
 * identity provider, never from a registered file).
 */
export const organizationMemberResolver = createSignInResolverFactory({
  optionsSchema: z.object({
    organization: z.string().min(1),
    /** GitHub's REST API; an Enterprise Server's is `https://<host>/api/v3`. */
    apiBaseUrl: z.string().url().default('https://api.github.com'),
  }),
  create({
    organization,
    apiBaseUrl,
  }): SignInResolver<OAuthAuthenticatorResult<PassportProfile>> {
    return async (info, ctx) => {
      const login = info.result.fullProfile.username;
      if (!login) {
        throw new NotAllowedError('GitHub did not name the account');
      }
      const res = await fetch(
        `${apiBaseUrl.replace(
          /\/$/,
          '',
        )}/user/memberships/orgs/${encodeURIComponent(organization)}`,
        {
          headers: {
            accept: 'application/vnd.github+json',
            authorization: `Bearer ${info.result.session.accessToken}`,
          },
        },
      );
      const membership = res.ok ? await res.json() : undefined;
      if (membership?.state !== 'active') {
        throw new NotAllowedError(
          `GitHub account ${login} is not a member of the ${organization} organisation`,
        );
      }
      return ctx.signInWithCatalogUser({ entityRef: { name: login } });
    };
  },
});

/**
 * The GitHub sign-in provider (Backstage's authenticator and resolvers), with
 * one more resolver, `organizationMember` (options `organization` and, for
 * GitHub Enterprise Server, `apiBaseUrl`), which app-config.production.yaml
 * uses; it asks for the `read:org` scope it needs.
 */
export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'github-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'github',
          factory: createOAuthProviderFactory({
            authenticator: githubAuthenticator,
            additionalScopes: [ORGANIZATION_SCOPE],
            signInResolverFactories: {
              ...githubSignInResolvers,
              ...commonSignInResolvers,
              organizationMember: organizationMemberResolver,
            },
          }),
        });
      },
    });
  },
});
