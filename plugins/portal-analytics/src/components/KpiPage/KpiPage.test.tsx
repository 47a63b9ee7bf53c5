import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import type {
  Kpi,
  KpisResponse,
} from '@internal/plugin-portal-analytics-common';
import { screen, within } from '@testing-library/react';
import { PlatformKpisClient, platformKpisApiRef } from '../../api';
import { KpiPage } from './KpiPage';

const kpi = (k: Partial<Kpi> & Pick<Kpi, 'id' | 'unit'>): Kpi => ({
  title: k.id,
  description: `About ${k.id}`,
  direction: 'min',
  target: 1,
  link: '/platform-metrics',
  value: null,
  status: 'unknown',
  trend: [],
  ...k,
});

const body: KpisResponse = {
  generatedAt: '2026-11-20T12:00:00.000Z',
  windowDays: 90,
  kpis: [
    kpi({
      id: 'nps',
      title: 'Developer NPS',
      unit: 'score',
      target: 60,
      value: 55,
      status: 'off',
      link: '/feedback?tab=satisfaction',
      trend: [
        { quarter: '2026-Q3', value: 45 },
        { quarter: '2026-Q4', value: 55 },
      ],
    }),
    kpi({
      id: 'timeToRestore',
      title: 'Time to restore',
      unit: 'hours',
      direction: 'max',
      target: 0.5,
      value: 0.25,
      status: 'on',
      trend: [
        { quarter: '2026-Q3', value: 1 },
        { quarter: '2026-Q4', value: null },
      ],
    }),
    kpi({
      id: 'platformUptime',
      title: 'Platform uptime',
      unit: 'ratio',
      target: 0.999,
      value: 0.9958,
      status: 'off',
      link: '/catalog/default/group/platform-team/delivery',
    }),
    kpi({
      id: 'roadmapCompletion',
      title: 'Roadmap completion',
      unit: 'ratio',
      target: 0.7,
      unavailable: 'The feedback roadmap did not answer',
    }),
  ],
};

function renderPage(respond: () => Response) {
  const fetch = jest.fn(async (_url: string) => respond());
  const client = new PlatformKpisClient({
    discoveryApi: { getBaseUrl: async p => `http://backend/api/${p}` },
    fetchApi: { fetch } as any,
  });
  return {
    fetch,
    rendered: renderInTestApp(
      <TestApiProvider apis={[[platformKpisApiRef, client]]}>
        <KpiPage />
      </TestApiProvider>,
    ),
  };
}

it('shows the KPIs the backend computed, as they come', async () => {
  const { fetch, rendered } = renderPage(
    () => new Response(JSON.stringify(body), { status: 200 }),
  );
  await rendered;
  const row = async (id: string) =>
    within(await screen.findByTestId(`kpi-${id}`));

  expect(fetch).toHaveBeenCalledTimes(1);
  expect(fetch).toHaveBeenCalledWith(
    'http://backend/api/portal-analytics/kpis',
  );
  const nps = await row('nps');
  expect(nps.getByText('Developer NPS')).toBeInTheDocument();
  expect(nps.getByText('55')).toBeInTheDocument();
  expect(nps.getByText('≥ 60')).toBeInTheDocument();
  expect(nps.getByText('Off target')).toBeInTheDocument();
  expect(nps.getByText('2026-Q3: 45 · 2026-Q4: 55')).toBeInTheDocument();

  const restore = await row('timeToRestore');
  expect(restore.getByText('15 min')).toBeInTheDocument();
  expect(restore.getByText('≤ 30 min')).toBeInTheDocument();
  expect(restore.getByText('On target')).toBeInTheDocument();
  expect(
    restore.getByText('2026-Q3: 1.0 h · 2026-Q4: No data for this period'),
  ).toBeInTheDocument();

  const uptime = await row('platformUptime');
  expect(uptime.getByText('99.58%')).toBeInTheDocument();
  expect(
    uptime.getByRole('link', { name: 'How it is measured' }),
  ).toHaveAttribute('href', '/catalog/default/group/platform-team/delivery');

  const roadmap = await row('roadmapCompletion');
  // No value: the words the Platform Metrics page uses too, and no status
  // chip to repeat them.
  expect(roadmap.getAllByText('No data for this period')).toHaveLength(2);
  expect(roadmap.queryByText(/target/)).not.toBeInTheDocument();
  expect(
    roadmap.getByText('The feedback roadmap did not answer'),
  ).toBeInTheDocument();
  // Header and one row per KPI the backend sent.
  expect(screen.getAllByRole('row')).toHaveLength(5);
});

it('says in words when the KPIs cannot be read', async () => {
  const { rendered } = renderPage(
    () =>
      new Response(
        JSON.stringify({
          error: { name: 'AuthenticationError', message: 'Not signed in' },
        }),
        { status: 401, headers: { 'content-type': 'application/json' } },
      ),
  );
  await rendered;
  expect(await screen.findByText(/Not signed in/)).toBeInTheDocument();
});

it('says "too few to show" when the backend withholds the onboarding time', async () => {
  const withheld: KpisResponse = {
    generatedAt: body.generatedAt,
    windowDays: 90,
    kpis: [
      kpi({
        id: 'onboardingTime',
        title: 'Onboarding time',
        unit: 'hours',
        direction: 'max',
        target: 120,
        tooFewToShow: true,
      }),
    ],
  };
  const { rendered } = renderPage(
    () => new Response(JSON.stringify(withheld), { status: 200 }),
  );
  await rendered;
  const row = within(await screen.findByTestId('kpi-onboardingTime'));
  expect(row.getByText('Too few to show')).toBeInTheDocument();
  expect(row.getByText('Fewer than 5 people')).toBeInTheDocument();
  // Withheld is not "no data": only the empty trend says there is none.
  expect(row.getAllByText(/No data/)).toHaveLength(1);
});
