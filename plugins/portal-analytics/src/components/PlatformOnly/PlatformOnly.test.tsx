import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { SWRConfig } from 'swr';
import { portalAnalyticsUsageReadPermission } from '@internal/plugin-portal-analytics-common';
import { PlatformOnly } from './PlatformOnly';

async function renderAs(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
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
        <PlatformOnly title="Portal Usage">
          <p>usage figures</p>
        </PlatformOnly>
      </SWRConfig>
    </TestApiProvider>,
  );
  return asked;
}

it('shows the page to whom the policy lets read usage', async () => {
  const asked = await renderAs(AuthorizeResult.ALLOW);
  expect(await screen.findByText('usage figures')).toBeInTheDocument();
  expect(asked).toEqual([portalAnalyticsUsageReadPermission.name]);
});

it('tells everyone else the page is for the platform team', async () => {
  await renderAs(AuthorizeResult.DENY);
  expect(
    await screen.findByText(/Portal Usage is for the platform team/),
  ).toBeInTheDocument();
  expect(screen.queryByText('usage figures')).not.toBeInTheDocument();
});
