import {
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { feedbackReportUpdatePermission } from '@internal/plugin-feedback-common';
import { scorecardsExemptionManagePermission } from '@internal/plugin-scorecards-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityRefreshPermission,
  catalogEntityValidatePermission,
  catalogLocationAnalyzePermission,
  catalogLocationCreatePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  actionExecutePermission,
  taskCancelPermission,
  taskCreatePermission,
  taskReadPermission,
  templateDryRunPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/** What every signed-in user may do beyond reading. */
const USER_ACTIONS: Permission[] = [
  catalogEntityCreatePermission,
  catalogEntityRefreshPermission,
  catalogEntityValidatePermission,
  catalogLocationAnalyzePermission,
  catalogLocationCreatePermission,
  taskCreatePermission,
  actionExecutePermission,
  templateDryRunPermission,
];

/** Allowed on catalog entities the user (or one of their groups) owns. */
const OWNER_ACTIONS: Permission[] = [
  catalogEntityDeletePermission,
  feedbackReportUpdatePermission,
  scorecardsExemptionManagePermission,
];

/** Allowed on scaffolder tasks the user started. */
const TASK_OWNER_ACTIONS: Permission[] = [
  taskReadPermission,
  taskCancelPermission,
];

const named = (list: Permission[], permission: Permission) =>
  list.some(p => p.name === permission.name);

/**
 * The portal's permission policy, an allow-list:
 * - the platform team may do everything;
 * - every signed-in user may read (except other people's scaffolder tasks,
 *   whose parameters are theirs), register and refresh catalog entities and
 *   run templates;
 * - a catalog entity may be unregistered, feedback about it moved through
 *   its lifecycle and its scorecard checks exempted only by its owners;
 * - a scaffolder task may be read or cancelled by whoever started it;
 * - anything else (removing whole locations or unprocessed entities, the
 *   Kubernetes proxy, template management, scorecard campaigns, granting
 *   or approving scorecard exemptions the platform team keeps, permissions
 *   added by plugins installed later) is denied until this policy names it.
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
    const { permission } = request;
    if (!user) {
      return DENY;
    }
    const { userEntityRef, ownershipEntityRefs } =
      await this.userInfo.getUserInfo(user.credentials);
    if (ownershipEntityRefs.includes(this.platformTeamRef)) {
      return ALLOW;
    }
    if (named(TASK_OWNER_ACTIONS, permission)) {
      return isResourcePermission(permission, 'scaffolder-task')
        ? createScaffolderTaskConditionalDecision(
            permission,
            scaffolderTaskConditions.isTaskOwner({
              createdBy: [userEntityRef],
            }),
          )
        : DENY;
    }
    if (named(OWNER_ACTIONS, permission)) {
      return isResourcePermission(permission, 'catalog-entity')
        ? createCatalogConditionalDecision(
            permission,
            catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
          )
        : DENY;
    }
    if (
      permission.attributes.action === 'read' ||
      named(USER_ACTIONS, permission)
    ) {
      return ALLOW;
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
