import { screen } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { templateManagementPermission } from '@backstage/plugin-scaffolder-common/alpha';
import { unprocessedEntitiesDeletePermission } from '@backstage/plugin-catalog-unprocessed-entities-common';
import { Route, Routes } from 'react-router-dom';
import { SWRConfig } from 'swr';
import { PlatformTeamOnly } from './PlatformTeamOnly';
import { ScaffolderPage } from './ScaffolderPage';

jest.setTimeout(30_000);

/** Renders `element` as a person the policy answers `result` for. */
async function renderAs(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
  element: JSX.Element,
  url = '/',
) {
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
      <SWRConfig value={{ provider: () => new Map() }}>{element}</SWRConfig>
    </TestApiProvider>,
    { initialRouteEntries: [url] },
  );
  return asked;
}

const unprocessed = (
  <PlatformTeamOnly
    permission={unprocessedEntitiesDeletePermission}
    title="Unprocessed Entities"
    description="It lists catalog entries that could not be read."
  >
    <p>failed entities</p>
  </PlatformTeamOnly>
);

describe('PlatformTeamOnly', () => {
  it('shows the page to whom the policy allows the permission', async () => {
    const asked = await renderAs(AuthorizeResult.ALLOW, unprocessed);
    expect(await screen.findByText('failed entities')).toBeInTheDocument();
    expect(asked).toEqual([unprocessedEntitiesDeletePermission.name]);
    expect(screen.queryByText(/for the platform team/)).not.toBeInTheDocument();
  });

  it('tells everyone else, in words, that the page is for the platform team', async () => {
    await renderAs(AuthorizeResult.DENY, unprocessed);
    expect(
      await screen.findByText(/Unprocessed Entities is for the platform team/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('It lists catalog entries that could not be read.'),
    ).toBeInTheDocument();
    expect(screen.queryByText('failed entities')).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(/403|Forbidden|Not ?allowed/i);
  });
});

describe('ScaffolderPage', () => {
  const page = (
    <Routes>
      <Route
        path="/create/*"
        element={
          <ScaffolderPage
            everything={<p>tabs with the editor</p>}
            withoutEditor={<p>tabs without the editor</p>}
          />
        }
      />
    </Routes>
  );

  it('gives the platform team the tabs with the template editor', async () => {
    const asked = await renderAs(AuthorizeResult.ALLOW, page, '/create/edit');
    expect(await screen.findByText('tabs with the editor')).toBeInTheDocument();
    expect(asked).toEqual([templateManagementPermission.name]);
  });

  it('gives everyone else the tabs without it', async () => {
    await renderAs(AuthorizeResult.DENY, page, '/create/templates');
    expect(
      await screen.findByText('tabs without the editor'),
    ).toBeInTheDocument();
    expect(screen.queryByText('tabs with the editor')).not.toBeInTheDocument();
  });

  it('tells everyone else at the editor address that it is for the platform team', async () => {
    await renderAs(AuthorizeResult.DENY, page, '/create/edit/template-form');
    expect(
      await screen.findByText(/Template Editor is for the platform team/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/tabs with/)).not.toBeInTheDocument();
    expect(screen.queryByText(/tabs without/)).not.toBeInTheDocument();
  });
});
