import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  actionExecutePermission,
  taskCancelPermission,
  taskCreatePermission,
  taskReadPermission,
  templateDryRunPermission,
  templateManagementPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import { kubernetesProxyPermission } from '@backstage/plugin-kubernetes-common';
import { unprocessedEntitiesDeletePermission } from '@backstage/plugin-catalog-unprocessed-entities-common';
import {
  feedbackReportUpdatePermission,
  feedbackRoadmapPlanPermission,
} from '@internal/plugin-feedback-common';
import { platformMetricsRollupsRebuildPermission } from '@internal/plugin-platform-metrics-common';
import { portalAnalyticsUsageReadPermission } from '@internal/plugin-portal-analytics-common';
import {
  scorecardsCampaignManagePermission,
  scorecardsExemptionApprovePermission,
  scorecardsExemptionManagePermission,
} from '@internal/plugin-scorecards-common';
import { PortalPermissionPolicy } from './permissionPolicy';

const PLATFORM = 'group:default/platform-team';

function policyFor(ownershipEntityRefs: string[]) {
  const userInfo = mockServices.userInfo({
    userEntityRef: 'user:default/someone',
    ownershipEntityRefs,
  });
  return new PortalPermissionPolicy(userInfo, PLATFORM);
}

const user = {
  credentials: mockCredentials.user('user:default/someone'),
} as any;

describe('PortalPermissionPolicy', () => {
  it('lets the platform team unregister anything', async () => {
    const policy = policyFor(['user:default/someone', PLATFORM]);
    for (const permission of [
      catalogEntityDeletePermission,
      catalogLocationDeletePermission,
      unprocessedEntitiesDeletePermission,
      feedbackReportUpdatePermission,
    ]) {
      expect(await policy.handle({ permission }, user)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  const platformOnly = [
    feedbackRoadmapPlanPermission,
    platformMetricsRollupsRebuildPermission,
    portalAnalyticsUsageReadPermission,
  ];

  it.each(platformOnly)(
    'allows $name to the platform team, however its ref is spelled',
    async permission => {
      for (const refs of [
        ['user:default/someone', PLATFORM],
        ['user:default/someone', 'group:default/Platform-Team'],
      ]) {
        expect(await policyFor(refs).handle({ permission }, user)).toEqual({
          result: AuthorizeResult.ALLOW,
        });
      }
    },
  );

  it.each(platformOnly)(
    'denies $name to everyone else, a read included',
    async permission => {
      const policy = policyFor([
        'user:default/someone',
        'group:default/payments-team',
      ]);
      expect(await policy.handle({ permission }, user)).toEqual({
        result: AuthorizeResult.DENY,
      });
    },
  );

  it.each([
    catalogEntityDeletePermission,
    feedbackReportUpdatePermission,
    scorecardsExemptionManagePermission,
  ])("limits everyone else's $name to what they own", async permission => {
    const refs = ['user:default/someone', 'group:default/checkout-core-team'];
    const decision = await policyFor(refs).handle({ permission }, user);
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: refs },
      },
    });
  });

  it('denies removing locations and unprocessed entities to non-platform users', async () => {
    const policy = policyFor([
      'user:default/someone',
      'group:default/payouts-team',
    ]);
    for (const permission of [
      catalogLocationDeletePermission,
      unprocessedEntitiesDeletePermission,
    ]) {
      expect(await policy.handle({ permission }, user)).toEqual({
        result: AuthorizeResult.DENY,
      });
    }
    expect(
      await policy.handle({ permission: catalogEntityDeletePermission }),
    ).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('allows reading and the listed actions to every signed-in user', async () => {
    const policy = policyFor(['user:default/someone']);
    const other = createPermission({
      name: 'feedback.read',
      attributes: { action: 'read' },
    });
    for (const permission of [
      other,
      catalogEntityReadPermission,
      catalogLocationCreatePermission,
      catalogEntityRefreshPermission,
      taskCreatePermission,
      actionExecutePermission,
    ]) {
      expect(await policy.handle({ permission }, user)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it.each([taskReadPermission, taskCancelPermission])(
    "limits $name to the user's own scaffolder tasks",
    async permission => {
      const decision = await policyFor(['user:default/someone']).handle(
        { permission },
        user,
      );
      expect(decision).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'scaffolder',
        resourceType: 'scaffolder-task',
        conditions: {
          rule: 'IS_TASK_OWNER',
          resourceType: 'scaffolder-task',
          params: { createdBy: ['user:default/someone'] },
        },
      });
    },
  );

  it('denies what it does not name: the Kubernetes proxy, template management and dry runs, unknown writes', async () => {
    const policy = policyFor([
      'user:default/someone',
      'group:default/payouts-team',
    ]);
    const unknownWrite = createPermission({
      name: 'some-plugin.thing.update',
      attributes: { action: 'update' },
    });
    for (const permission of [
      kubernetesProxyPermission,
      templateManagementPermission,
      templateDryRunPermission,
      scorecardsCampaignManagePermission,
      unknownWrite,
    ]) {
      expect(await policy.handle({ permission }, user)).toEqual({
        result: AuthorizeResult.DENY,
      });
    }
    const platform = policyFor(['user:default/someone', PLATFORM]);
    expect(
      await platform.handle({ permission: kubernetesProxyPermission }, user),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(
      await platform.handle({ permission: templateDryRunPermission }, user),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets only the platform team approve scorecard exemptions', async () => {
    const permission = scorecardsExemptionApprovePermission;
    const owner = policyFor([
      'user:default/someone',
      'group:default/checkout-core-team',
    ]);
    expect(await owner.handle({ permission }, user)).toEqual({
      result: AuthorizeResult.DENY,
    });
    const platform = policyFor(['user:default/someone', PLATFORM]);
    expect(await platform.handle({ permission }, user)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });
});
