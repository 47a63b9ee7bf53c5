import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Reading the portal's usage figures (who uses which page, per team). A
 * basic permission; the portal's policy grants it to the platform team only,
 * although it is a read.
 *
 * @public
 */
export const portalAnalyticsUsageReadPermission = createPermission({
  name: 'portal-analytics.usage.read',
  attributes: { action: 'read' },
});

/**
 * All permissions of the portal analytics plugin.
 *
 * @public
 */
export const portalAnalyticsPermissions = [portalAnalyticsUsageReadPermission];
