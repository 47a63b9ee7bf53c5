import {
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { feedbackReportUpdatePermission } from '@internal/plugin-feedback-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  catalogEntityDeletePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { unprocessedEntitiesDeletePermission } from '@backstage/plugin-catalog-unprocessed-entities-common';

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * The portal's permission policy:
 * - a catalog entity may be unregistered (deleted), and feedback about it
 *   moved through its lifecycle, only by its owners or by members of the
 *   platform team;
 * - a whole catalog location, or an entity that failed processing, may be
 *   removed only by the platform team, since it can hold entities of
 *   several owners;
 * - everything else is allowed to signed-in users.
 */
export class PortalPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly userInfo: UserInfoService,
    private readonly platformTeamRef: string,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const ownersOrPlatform = [
      catalogEntityDeletePermission,
      feedbackReportUpdatePermission,
    ];
    const platformOnly = [
      catalogLocationDeletePermission,
      unprocessedEntitiesDeletePermission,
    ];
    const guarded = [...ownersOrPlatform, ...platformOnly].some(p =>
      isPermission(request.permission, p),
    );
    if (!guarded) {
      return ALLOW;
    }
    if (!user) {
      return DENY;
    }
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    if (ownershipEntityRefs.includes(this.platformTeamRef)) {
      return ALLOW;
    }
    if (
      isResourcePermission(request.permission, 'catalog-entity') &&
      ownersOrPlatform.some(p => isPermission(request.permission, p))
    ) {
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
      );
    }
    return DENY;
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'portal-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, userInfo }) {
        const platformTeam =
          config.getOptionalString('portal.platformTeam') ??
          'group:default/platform-team';
        policy.setPolicy(new PortalPermissionPolicy(userInfo, platformTeam));
      },
    });
  },
});
