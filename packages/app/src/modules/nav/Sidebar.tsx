import type { ReactNode } from 'react';
import {
  Sidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarSpace,
} from '@backstage/core-components';
import { NavContentBlueprint } from '@backstage/plugin-app-react';
import { SidebarLogo } from './SidebarLogo';
import MenuIcon from '@material-ui/icons/Menu';
import SearchIcon from '@material-ui/icons/Search';
import { SidebarSearchModal } from '@backstage/plugin-search';
import { UserSettingsSignInAvatar } from '@backstage/plugin-user-settings';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';
import { ReportFrictionSidebarItem } from './ReportFrictionSidebarItem';
import { PermittedSidebarItem } from './PermittedSidebarItem';
import { useCollapseWhenNarrow } from './useCollapseWhenNarrow';

function PortalSidebar(props: { children: ReactNode }) {
  useCollapseWhenNarrow();
  return <Sidebar>{props.children}</Sidebar>;
}

export const SidebarContent = NavContentBlueprint.make({
  params: {
    component: ({ navItems }) => {
      const nav = navItems.withComponent(PermittedSidebarItem);

      // Skipped items
      nav.take('page:search'); // Using search modal instead
      nav.take('page:notifications'); // Using NotificationsSidebarItem manually instead

      return (
        <PortalSidebar>
          <SidebarLogo />
          <SidebarGroup label="Search" icon={<SearchIcon />} to="/search">
            <SidebarSearchModal />
          </SidebarGroup>
          <SidebarDivider />
          <SidebarGroup label="Menu" icon={<MenuIcon />}>
            {nav.take('page:home')}
            {nav.take('page:catalog')}
            {nav.take('page:scaffolder')}
            {nav.take('page:golden-paths')}
            {nav.take('page:platform-metrics')}
            <SidebarDivider />
            {/* No inner scroll box: the whole sidebar scrolls when short. */}
            {nav.rest({ sortBy: 'title' })}
          </SidebarGroup>
          <SidebarSpace />
          <SidebarDivider />
          <ReportFrictionSidebarItem />
          {/* New notifications pop up at the top right, briefly: at the
              bottom right they covered the forms' Next and Create buttons. */}
          {/* No "(n)" unread count in the window title: the notifications
              plugin's title counter and the page title kept overwriting
              each other every 100 ms while anything was unread, which
              re-rendered the sidebar and stalled pages for up to 30 s
              (bench/page-load.mjs). The count shows on this item. */}
          <NotificationsSidebarItem
            titleCounterEnabled={false}
            snackbarProps={{
              enabled: true,
              autoHideDuration: 6000,
              anchorOrigin: { vertical: 'top', horizontal: 'right' },
            }}
          />
          <SidebarDivider />
          <SidebarGroup
            label="Settings"
            icon={<UserSettingsSignInAvatar />}
            to="/settings"
          >
            {nav.take('page:app-visualizer')}
            {nav.take('page:user-settings')}
          </SidebarGroup>
        </PortalSidebar>
      );
    },
  },
});
