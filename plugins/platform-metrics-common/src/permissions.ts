import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Rebuilding the metric rollups from the raw events. A basic permission; the
 * portal's policy grants it to the platform team (backend services are
 * allowed by the permission framework itself).
 *
 * @public
 */
export const platformMetricsRollupsRebuildPermission = createPermission({
  name: 'platform-metrics.rollups.rebuild',
  attributes: { action: 'update' },
});

/**
 * All permissions of the platform metrics plugin.
 *
 * @public
 */
export const platformMetricsPermissions = [
  platformMetricsRollupsRebuildPermission,
];
