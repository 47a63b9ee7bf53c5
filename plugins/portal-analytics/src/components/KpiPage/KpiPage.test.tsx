import { renderInTestApp } from '@backstage/frontend-test-utils';
import { discoveryApiRef, fetchApiRef } from '@backstage/frontend-plugin-api';
import { screen, within } from '@testing-library/react';
import { KpiPage } from './KpiPage';

const now = new Date();
const hoursAgo = (h: number) =>
  new Date(now.getTime() - h * 3_600_000).toISOString();

const responses: Record<string, unknown> = {
  '/api/feedback/surveys/results': {
    overall: [
      { period: '2026-Q3', suppressed: false, nps: 45 },
      { period: '2026-Q4', suppressed: false, nps: 55 },
    ],
    teams: [],
    teamsTooFewToShow: 0,
    responses: 20,
  },
  '/api/platform-metrics/adoption': {
    selfServiceRatio: { ratio: 0.9, numerator: 9, denominator: 10 },
    newComponentsAdoption: { ratio: 0.5, numerator: 1, denominator: 2 },
    timeToFirstDeploy: { medianHours: 0.5, sampleSize: 2 },
  },
  '/api/platform-metrics/dora': {
    metrics: {
      deploymentFrequency: { value: 12 },
      changeFailureRate: { value: 0.2 },
      timeToRestore: { value: 0.25 },
    },
    trend: [
      {
        period: '2026-07-06',
        deployments: 70,
        failedDeployments: 7,
        timeToRestoreHours: 1,
      },
    ],
  },
  '/api/platform-metrics/events': {
    total: 1,
    items: [
      {
        id: 'i1',
        type: 'incident',
        entityRef: 'component:default/portal',
        time: hoursAgo(10),
        // 9 hours of 90 days: 99.58%, off target.
        details: { createdAt: hoursAgo(10), resolvedAt: hoursAgo(1) },
      },
    ],
  },
  '/api/feedback/roadmap': { quarters: [], unscheduled: [] },
  '/api/platform-metrics/onboarding': {
    window: { days: 90 },
    medianHours: 100,
    tooFewToShow: false,
    sampleSize: 5,
    joined: 6,
    waiting: 1,
  },
};

it('shows every KPI with its value, target, status and link', async () => {
  const fetch = jest.fn(async (url: string) => {
    const path = new URL(url).pathname;
    return new Response(JSON.stringify(responses[path]), {
      status: responses[path] ? 200 : 404,
    });
  });
  await renderInTestApp(<KpiPage />, {
    config: { kpis: { targets: { nps: 60 } } },
    apis: [
      [
        discoveryApiRef,
        { getBaseUrl: async (p: string) => `http://backend/api/${p}` },
      ],
      [fetchApiRef, { fetch } as any],
    ],
  });
  const row = async (id: string) =>
    within(await screen.findByTestId(`kpi-${id}`));

  // Target overridden in config: 55 is now off target.
  expect((await row('nps')).getByText('≥ 60')).toBeInTheDocument();
  expect((await row('nps')).getByText('Off target')).toBeInTheDocument();
  expect(
    (await row('nps')).getByText('2026-Q3: 45 · 2026-Q4: 55'),
  ).toBeInTheDocument();
  expect(
    (await row('selfServiceAdoption')).getByText('On target'),
  ).toBeInTheDocument();
  expect(
    (await row('goldenPathNewServices')).getByText('≥ 85.0%'),
  ).toBeInTheDocument();
  expect(
    (await row('goldenPathNewServices')).getByText('Off target'),
  ).toBeInTheDocument();
  expect(
    (await row('timeToFirstDeployment')).getByText('30 min'),
  ).toBeInTheDocument();
  expect(
    (await row('deploymentFrequency')).getByText('On target'),
  ).toBeInTheDocument();
  expect(
    (await row('changeFailureRate')).getByText('Off target'),
  ).toBeInTheDocument();
  expect(
    (await row('timeToRestore')).getByText('≤ 30 min'),
  ).toBeInTheDocument();
  expect(
    (await row('timeToRestore')).getByText('On target'),
  ).toBeInTheDocument();
  expect((await row('platformUptime')).getByText('99.58%')).toBeInTheDocument();
  expect(
    (await row('platformUptime')).getByText('Off target'),
  ).toBeInTheDocument();
  // Median 100 h against the default target of 120 h (5 days).
  expect(
    (await row('onboardingTime')).getByText('100.0 h'),
  ).toBeInTheDocument();
  expect(
    (await row('onboardingTime')).getByText('≤ 120.0 h'),
  ).toBeInTheDocument();
  expect(
    (await row('onboardingTime')).getByText('On target'),
  ).toBeInTheDocument();
  expect(fetch).toHaveBeenCalledWith(
    'http://backend/api/platform-metrics/onboarding?window=90',
  );
  expect(
    (await row('roadmapCompletion')).getByText('No data yet'),
  ).toBeInTheDocument();
  expect(
    (await row('platformUptime')).getByRole('link', {
      name: 'How it is measured',
    }),
  ).toHaveAttribute('href', '/catalog/default/group/platform-team/delivery');
  expect(screen.getAllByRole('row')).toHaveLength(11);
});

it('says "too few to show" when the backend withholds the onboarding time', async () => {
  const withheld: Record<string, unknown> = {
    ...responses,
    '/api/platform-metrics/onboarding': {
      window: { days: 90 },
      medianHours: null,
      tooFewToShow: true,
      sampleSize: 2,
      joined: 3,
      waiting: 1,
    },
  };
  const fetch = jest.fn(async (url: string) => {
    const path = new URL(url).pathname;
    return new Response(JSON.stringify(withheld[path]), {
      status: withheld[path] ? 200 : 404,
    });
  });
  await renderInTestApp(<KpiPage />, {
    apis: [
      [
        discoveryApiRef,
        { getBaseUrl: async (p: string) => `http://backend/api/${p}` },
      ],
      [fetchApiRef, { fetch } as any],
    ],
  });
  const row = within(await screen.findByTestId('kpi-onboardingTime'));
  expect(await row.findByText('Too few to show')).toBeInTheDocument();
  expect(row.getByText('No data yet')).toBeInTheDocument();
});
