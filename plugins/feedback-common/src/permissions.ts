import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Moving a feedback report through its lifecycle. A resource permission on the
 * report's catalog entity, so a policy can answer with a catalog conditional
 * (for example `isEntityOwner`).
 *
 * @public
 */
export const feedbackReportUpdatePermission = createPermission({
  name: 'feedback.report.update',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Planning the roadmap: setting a backlog item's effort and planned quarter.
 * A basic permission; the portal's policy grants it to the platform team.
 *
 * @public
 */
export const feedbackRoadmapPlanPermission = createPermission({
  name: 'feedback.roadmap.plan',
  attributes: { action: 'update' },
});

/**
 * All permissions of the feedback plugin.
 *
 * @public
 */
export const feedbackPermissions = [
  feedbackReportUpdatePermission,
  feedbackRoadmapPlanPermission,
];
