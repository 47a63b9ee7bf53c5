import type {
  AuthService,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type {
  ActionsRegistryActionContext,
  ActionsRegistryActionOptions,
  ActionsRegistryService,
} from '@backstage/backend-plugin-api/alpha';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { AnyZodObject } from 'zod/v3';
import type { ActionRateLimit } from './rateLimit';

/**
 * A portal action: an Actions Registry action whose output is the plugin's
 * own response type (the same object its HTTP route answers). The output
 * schema describes it for the agent, and the registry checks every output
 * against it before it leaves.
 */
export type PortalActionOptions<
  TInput extends AnyZodObject,
  TOutput extends AnyZodObject,
> = Omit<ActionsRegistryActionOptions<TInput, TOutput>, 'action'> & {
  /** Counts each call against the caller's limit, as the write routes do. */
  rateLimit?: ActionRateLimit;
  action: (
    context: ActionsRegistryActionContext<TInput>,
  ) => Promise<{ output: object }>;
};

/**
 * Registers one of the portal's actions in Backstage's Actions Registry.
 * Every portal action goes through here, so that what applies to all of
 * them (e.g. recording its use under the channel `mcp`) is written once.
 * The action itself calls the same service code as the plugin's HTTP
 * route, as the calling person (`credentials`).
 */
export function registerPortalAction<
  TInput extends AnyZodObject,
  TOutput extends AnyZodObject,
>(
  registry: ActionsRegistryService,
  options: PortalActionOptions<TInput, TOutput>,
): void {
  const { rateLimit, ...registration } = options;
  registry.register<TInput, TOutput>({
    ...registration,
    action: async context => {
      await rateLimit?.(context.credentials);
      const { output } = await options.action(context);
      // The registry checks it against the output schema before it leaves.
      return { output } as Awaited<
        ReturnType<ActionsRegistryActionOptions<TInput, TOutput>['action']>
      >;
    },
  });
}

/**
 * The caller of an action as a person: actions that file, support or order
 * something in someone's name run for users only (a refusal otherwise).
 */
export function actionUser(
  auth: AuthService,
  credentials: BackstageCredentials,
): BackstageCredentials<BackstageUserPrincipal> {
  if (!auth.isPrincipal(credentials, 'user')) {
    throw new NotAllowedError('This action runs as a signed-in person only');
  }
  return credentials;
}

/** The caller of a read that people and services may make (as the HTTP route). */
export function actionReader(
  auth: AuthService,
  credentials: BackstageCredentials,
): BackstageCredentials<BackstageUserPrincipal | BackstageServicePrincipal> {
  if (
    !auth.isPrincipal(credentials, 'user') &&
    !auth.isPrincipal(credentials, 'service')
  ) {
    throw new NotAllowedError('This action needs a signed-in caller');
  }
  return credentials;
}

/**
 * Refuses (NotAllowedError, an MCP error to the assistant) unless the
 * policy allows the caller the permission: the same decision as the page's.
 */
export async function authorizeAction(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  request:
    | { permission: BasicPermission }
    | { permission: ResourcePermission; resourceRef: string },
  refusal: string,
): Promise<void> {
  const [decision] = await permissions.authorize([request], { credentials });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(refusal);
  }
}
