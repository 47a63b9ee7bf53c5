import { SidebarPinStateProvider } from '@backstage/core-components';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { NavContentNavItem } from '@backstage/plugin-app-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { portalAnalyticsUsageReadPermission } from '@internal/plugin-portal-analytics-common';
import { unprocessedEntitiesDeletePermission } from '@backstage/plugin-catalog-unprocessed-entities-common';
import { screen, waitFor } from '@testing-library/react';
import { SWRConfig } from 'swr';
import { PermittedSidebarItem } from './PermittedSidebarItem';

const item = (id: string, title: string, href: string) =>
  ({
    node: { spec: { id } },
    href,
    title,
    icon: <span />,
    routeRef: {},
  } as unknown as NavContentNavItem);

async function sidebarAs(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  const asked: string[] = [];
  const permissionApi = mockApis.permission({
    authorize: request => {
      asked.push(request.permission.name);
      return result;
    },
  });
  await renderInTestApp(
    <TestApiProvider apis={[[permissionApiRef, permissionApi]]}>
      {/* A fresh cache per render: usePermission keeps decisions. */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <SidebarPinStateProvider
          value={{
            isPinned: true,
            toggleSidebarPinState: () => {},
            isMobile: false,
          }}
        >
          <PermittedSidebarItem
            {...item('page:portal-analytics', 'Portal Usage', '/portal-usage')}
          />
          <PermittedSidebarItem
            {...item(
              'page:catalog-unprocessed-entities',
              'Unprocessed Entities',
              '/catalog-unprocessed-entities',
            )}
          />
          <PermittedSidebarItem
            {...item('page:feedback', 'Platform backlog', '/feedback')}
          />
        </SidebarPinStateProvider>
      </SWRConfig>
    </TestApiProvider>,
  );
  await screen.findByRole('link', { name: 'Backlog' });
  return asked;
}

const GATED = [
  portalAnalyticsUsageReadPermission.name,
  unprocessedEntitiesDeletePermission.name,
].sort();

it('shows Portal Usage to whom the policy lets read usage', async () => {
  const asked = await sidebarAs(AuthorizeResult.ALLOW);
  expect(
    await screen.findByRole('link', { name: 'Portal Usage' }),
  ).toBeInTheDocument();
  expect(
    await screen.findByRole('link', { name: 'Unprocessed' }),
  ).toBeInTheDocument();
  expect(asked.sort()).toEqual(GATED);
});

it('hides Portal Usage and Unprocessed from everyone else, and only them', async () => {
  const asked = await sidebarAs(AuthorizeResult.DENY);
  await waitFor(() => expect(asked.sort()).toEqual(GATED));
  expect(screen.getByRole('link', { name: 'Backlog' })).toBeInTheDocument();
  expect(screen.queryByRole('link', { name: 'Portal Usage' })).toBeNull();
  expect(screen.queryByRole('link', { name: 'Unprocessed' })).toBeNull();
});
