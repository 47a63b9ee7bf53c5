import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { PortalAnalyticsApi, portalAnalyticsApiRef } from '../../api';
import { UsagePage } from './UsagePage';
import {
  defaultEntityPresentation,
  EntityPresentationApi,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';

const api: PortalAnalyticsApi = {
  getSummary: async () => ({
    from: '2026-10-22',
    to: '2026-11-20',
    timeZone: 'UTC',
    totalUsers: 12,
    dau: 2,
    wau: 4,
    mau: 6,
    activeUsers: 6,
    daily: [{ period: '2026-11-20', users: 2 }],
    weekly: [{ period: '2026-11-16', users: 4 }],
    monthly: [{ period: '2026-11', users: 6 }],
    teams: [
      { teamRef: 'group:default/payments-team', activeUsers: 6, members: 8 },
    ],
    teamsTooFewToShow: 2,
  }),
  getTop: jest.fn(async () => ({
    from: '2026-10-22',
    to: '2026-11-20',
    page: [{ key: '/catalog', count: 9 }],
    plugin: [],
    template: [],
    search: [{ key: 'kafka', count: 3 }],
    searchNoResults: [{ key: 'no-such-thing', count: 2 }],
    entity: [],
    doc: [],
  })),
  getChannels: async () => ({
    from: '2026-10-22',
    to: '2026-11-20',
    channels: ['browser', 'cli', 'mcp'],
    totals: { browser: 120, cli: 14, mcp: 3 },
    people: { browser: 6, cli: 2, mcp: 1 },
    capabilities: [
      {
        capability: 'catalog/entities',
        requests: { browser: 100, cli: 10, mcp: 0 },
        total: 110,
      },
      {
        capability: 'scaffolder/tasks',
        requests: { browser: 20, cli: 4, mcp: 3 },
        total: 27,
      },
    ],
    teams: [
      {
        teamRef: 'group:default/payments-team',
        requests: { browser: 120, cli: null, mcp: null },
      },
    ],
    teamsTooFewToShow: 1,
  }),
};
const getTop = api.getTop as jest.Mock;

/** The catalog's titles: payments-team is "Payments". */
const presentationApi: EntityPresentationApi = {
  forEntity: (entityOrRef, context) => {
    const fallback = defaultEntityPresentation(entityOrRef, context);
    const snapshot =
      fallback.entityRef === 'group:default/payments-team'
        ? { ...fallback, primaryTitle: 'Payments' }
        : fallback;
    return { snapshot, promise: Promise.resolve(snapshot) };
  },
};

// Renders charts and several tables: seconds on a busy 2-core machine.
jest.setTimeout(30_000);

it('shows active users, teams and the searches that found nothing', async () => {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [portalAnalyticsApiRef, api],
        [entityPresentationApiRef, presentationApi],
      ]}
    >
      <UsagePage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  expect(
    await screen.findByText('Searches that found nothing'),
  ).toBeInTheDocument();
  const noResults = screen.getByRole('table', {
    name: 'Searches that found nothing',
  });
  expect(noResults).toHaveTextContent('no-such-thing');
  // Teams by title (a link to the team), never by ref or name.
  const teams = screen.getByRole('table', { name: 'Active users per team' });
  await waitFor(() => expect(teams).toHaveTextContent('Payments6875%'));
  expect(teams).not.toHaveTextContent('payments-team');
  expect(
    screen.getByText(
      '2 teams with fewer than 5 active people: too few to show',
    ),
  ).toBeInTheDocument();
  // Work by channel, per capability and per team (small groups withheld).
  expect(
    screen.getByRole('table', { name: 'Requests by channel per capability' }),
  ).toHaveTextContent('scaffolder/tasks2043');
  const channelTeams = screen.getByRole('table', {
    name: 'Requests by channel per team',
  });
  expect(channelTeams).toHaveTextContent(
    'Payments120too few to showtoo few to show',
  );
  expect(channelTeams).not.toHaveTextContent('payments-team');
  expect(
    within(channelTeams).getByRole('link', { name: 'Payments' }),
  ).toHaveAttribute('href', '/catalog/default/group/payments-team');
  expect(
    screen.getByText(
      '1 team with fewer than 5 people on every channel: too few to show',
    ),
  ).toBeInTheDocument();
  expect(screen.getAllByTestId('usage-tile')[2]).toHaveTextContent(
    '6 of 12 users',
  );

  // The ranked lists can be narrowed to keys containing a text.
  fireEvent.change(screen.getByLabelText('Only keys containing'), {
    target: { value: 'no-such' },
  });
  await waitFor(() =>
    expect(getTop).toHaveBeenLastCalledWith({
      days: '30',
      limit: '10',
      filter: 'no-such',
    }),
  );
});
