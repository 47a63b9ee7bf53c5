import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { feedbackApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { fakeFeedbackApi, makeReport } from '../../testUtils/fakeFeedbackApi';
import { FeedbackPage } from './FeedbackPage';

jest.setTimeout(60_000);

const group = (name: string, title: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', title },
  spec: { type: 'team', children: [] },
});

const entities: Entity[] = [
  group('payments-team', 'Payments Team'),
  group('platform-team', 'Platform Team'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'user-auth-service',
      namespace: 'default',
      title: 'User Auth Service',
    },
    spec: { type: 'service', owner: 'payments-team', lifecycle: 'production' },
  },
];

function renderPage(
  api: ReturnType<typeof fakeFeedbackApi>,
  url: string,
  permissionApi = mockApis.permission(),
) {
  return renderInTestApp(<FeedbackPage />, {
    apis: [
      [feedbackApiRef, api],
      mockApis.alert(),
      catalogApiMock({ entities }),
      permissionApi,
    ],
    mountedRoutes: {
      '/feedback': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
    mountPath: '/feedback/*',
    initialRouteEntries: [url],
  });
}

const anonymousDetail = {
  ...makeReport({
    id: 'dddd4444-0000-4000-8000-000000000000',
    status: 'planned' as const,
    text: 'Provisioning a database takes days\nWe waited a week for a schema.',
    anonymous: true,
    reporterRef: undefined,
    reporterTeamRef: undefined,
  }),
  events: [
    {
      id: 'e1',
      fromStatus: 'new' as const,
      toStatus: 'triaged' as const,
      note: 'Seen by the platform team',
      actorRef: 'user:default/sam.okafor',
      createdAt: '2026-11-21T10:00:00.000Z',
    },
    {
      id: 'e2',
      fromStatus: 'triaged' as const,
      toStatus: 'planned' as const,
      note: 'Moved by its reporter',
      byReporter: true,
      createdAt: '2026-11-22T10:00:00.000Z',
    },
  ],
};

describe('report history of an anonymous report', () => {
  it("shows the platform engineer's move as theirs and only the reporter's as 'The reporter'", async () => {
    const api = fakeFeedbackApi({
      getReport: jest.fn(async () => anonymousDetail),
    });
    await renderPage(api, `/feedback/${anonymousDetail.id}`);

    // The history table re-renders as names resolve: query rows afresh.
    const row = (note: string) => screen.getByText(note).closest('tr')!;
    await waitFor(() =>
      expect(
        within(row('Seen by the platform team')).getByRole('link', {
          name: /sam\.okafor/,
        }),
      ).toBeInTheDocument(),
    );
    expect(
      within(row('Seen by the platform team')).queryByText('The reporter'),
    ).not.toBeInTheDocument();
    const reporterRow = row('Moved by its reporter');
    expect(within(reporterRow).getByText('The reporter')).toBeInTheDocument();
    expect(within(reporterRow).queryByRole('link')).not.toBeInTheDocument();
  });

  it("titles the report with its text's first line", async () => {
    const api = fakeFeedbackApi({
      getReport: jest.fn(async () => anonymousDetail),
    });
    await renderPage(api, `/feedback/${anonymousDetail.id}`);
    expect(
      await screen.findByText('Provisioning a database takes days'),
    ).toBeInTheDocument();
    expect(screen.getByText('Report dddd4444')).toBeInTheDocument();
  });

  it('offers the status form only to those who may move the report', async () => {
    // Another entity: usePermission caches its answers per resource.
    const api = fakeFeedbackApi({
      getReport: jest.fn(async () => ({
        ...anonymousDetail,
        entityRef: 'component:default/payments-api',
      })),
    });
    const permissionApi = mockApis.permission({
      authorize: AuthorizeResult.DENY,
    });
    const authorize = jest.spyOn(permissionApi, 'authorize');
    await renderPage(api, `/feedback/${anonymousDetail.id}`, permissionApi);
    await screen.findByText('Seen by the platform team');
    await waitFor(() =>
      expect(authorize).toHaveBeenCalledWith(
        expect.objectContaining({
          resourceRef: 'component:default/payments-api',
        }),
      ),
    );
    await authorize.mock.results[0].value;
    expect(screen.queryByText('Move this report')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Next status')).not.toBeInTheDocument();
  });
});

describe('backlog filters', () => {
  it('are pickers that show titles and filter by ref', async () => {
    const api = fakeFeedbackApi({
      listReports: jest.fn(async () => ({ items: [] })),
    });
    await renderPage(api, '/feedback?ownerRef=group:default/payments-team');

    const owner = screen.getByRole('textbox', { name: 'Owning team' });
    await waitFor(() => expect(owner).toHaveValue('Payments Team'), {
      timeout: 10_000,
    });
    // The backlog loads once the page has settled (after the picker's title).
    await waitFor(() =>
      expect(api.listReports).toHaveBeenCalledWith(
        expect.objectContaining({ ownerRef: 'group:default/payments-team' }),
      ),
    );

    const entity = screen.getByRole('textbox', { name: 'Entity' });
    await userEvent.click(entity);
    await userEvent.type(entity, 'Auth');
    await userEvent.click(
      await screen.findByRole(
        'option',
        { name: 'User Auth Service' },
        { timeout: 10_000 },
      ),
    );
    expect(entity).toHaveValue('User Auth Service');
    await waitFor(() =>
      expect(api.listReports).toHaveBeenLastCalledWith(
        expect.objectContaining({
          entityRef: 'component:default/user-auth-service',
          ownerRef: 'group:default/payments-team',
        }),
      ),
    );
  });
});
