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
import {
  feedbackReportUpdatePermission,
  feedbackRoadmapPlanPermission,
} from '@internal/plugin-feedback-common';
import { platformMetricsRollupsRebuildPermission } from '@internal/plugin-platform-metrics-common';
import { portalAnalyticsUsageReadPermission } from '@internal/plugin-portal-analytics-common';
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
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * What every signed-in user may do beyond reading. Running a template means
 * running one of the catalog's Templates (which come only from the locations
 * the config names); the steps of such a run need `actionExecutePermission`.
 * Dry runs are not here: a dry run executes a template sent in the request
 * (the template editor, the `dry-run-template` action), with the portal's
 * credentials, so it is the platform team's alone.
 */
const USER_ACTIONS: Permission[] = [
  catalogEntityCreatePermission,
  catalogEntityRefreshPermission,
  catalogEntityValidatePermission,
  catalogLocationAnalyzePermission,
  catalogLocationCreatePermission,
  taskCreatePermission,
  actionExecutePermission,
];

/**
 * The platform team's own work, denied to everyone else even where it is a
 * read (usage figures are about people).
 */
const PLATFORM_ACTIONS: Permission[] = [
  feedbackRoadmapPlanPermission,
  platformMetricsRollupsRebuildPermission,
  portalAnalyticsUsageReadPermission,
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
 * - the platform team may do everything, and only it may plan the roadmap,
 *   rebuild the metric rollups and read the portal's usage;
 * - every signed-in user may read (except other people's scaffolder tasks,
 *   whose parameters are theirs), register and refresh catalog entities and
 *   run the catalog's templates;
 * - a catalog entity may be unregistered, feedback about it moved through
 *   its lifecycle and its scorecard checks exempted only by its owners;
 * - a scaffolder task may be read or cancelled by whoever started it;
 * - anything else (removing whole locations or unprocessed entities, the
 *   Kubernetes proxy, template management and dry runs, scorecard campaigns,
 *   granting or approving scorecard exemptions the platform team keeps, permissions
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
    const platformTeam = this.platformTeamRef.toLocaleLowerCase('en-US');
    if (
      ownershipEntityRefs.some(
        ref => ref.toLocaleLowerCase('en-US') === platformTeam,
      )
    ) {
      return ALLOW;
    }
    if (named(PLATFORM_ACTIONS, permission)) {
      return DENY;
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
