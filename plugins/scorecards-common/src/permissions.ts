import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Exempting a service from a check, or withdrawing an exemption. A resource
 * permission on the service's catalog entity, so the portal's policy can
 * allow it to the service's owners (`isEntityOwner`) and the platform team.
 *
 * @public
 */
export const scorecardsExemptionManagePermission = createPermission({
  name: 'scorecards.exemption.manage',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Starting or ending a campaign: the platform team's.
 *
 * @public
 */
export const scorecardsCampaignManagePermission = createPermission({
  name: 'scorecards.campaign.manage',
  attributes: { action: 'create' },
});

/**
 * Granting an exemption from a check only the platform team may exempt, and
 * approving an exemption from a security check (which counts only then).
 * The portal's policy allows it to the platform team alone.
 *
 * @public
 */
export const scorecardsExemptionApprovePermission = createPermission({
  name: 'scorecards.exemption.approve',
  attributes: { action: 'update' },
});

/** All permissions of the scorecards plugin. @public */
export const scorecardsPermissions = [
  scorecardsExemptionManagePermission,
  scorecardsExemptionApprovePermission,
  scorecardsCampaignManagePermission,
];
