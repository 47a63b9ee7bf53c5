import { SidebarItem } from '@backstage/core-components';
import { NavContentNavItem } from '@backstage/plugin-app-react';
import { BasicPermission } from '@backstage/plugin-permission-common';
import { usePermission } from '@backstage/plugin-permission-react';
import { portalAnalyticsUsageReadPermission } from '@internal/plugin-portal-analytics-common';
import { unprocessedEntitiesDeletePermission } from '@backstage/plugin-catalog-unprocessed-entities-common';

/** Labels that fit the sidebar's width (page titles stay as they are). */
const SHORT_LABELS: Record<string, string> = {
  'Platform backlog': 'Backlog',
  'Register Existing Component': 'Register',
  'Unprocessed Entities': 'Unprocessed',
  'Catalog Graph': 'Graph',
};

/**
 * Pages only some people may use, by page extension id, with the permission
 * the page's backend checks: the sidebar asks the same question. Unprocessed
 * entities is the catalog administrators' page (clearing them is the
 * platform team's), so it shows to those who may clear them.
 */
export const PAGE_PERMISSIONS: Record<string, BasicPermission> = {
  'page:portal-analytics': portalAnalyticsUsageReadPermission,
  'page:catalog-unprocessed-entities': unprocessedEntitiesDeletePermission,
};

function Item({ item }: { item: NavContentNavItem }) {
  return (
    <SidebarItem
      icon={() => item.icon}
      to={item.href}
      text={SHORT_LABELS[item.title] ?? item.title}
    />
  );
}

function GatedItem(props: {
  item: NavContentNavItem;
  permission: BasicPermission;
}) {
  const { allowed } = usePermission({ permission: props.permission });
  return allowed ? <Item item={props.item} /> : null;
}

/** A sidebar item, shown only to people allowed to use its page. */
export function PermittedSidebarItem(item: NavContentNavItem) {
  const permission = PAGE_PERMISSIONS[item.node.spec.id];
  return permission ? (
    <GatedItem item={item} permission={permission} />
  ) : (
    <Item item={item} />
  );
}
