import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  feedbackApiRef,
  type FeedbackApi,
} from '@internal/plugin-feedback-react';
import type { SurveyResultsResponse } from '@internal/plugin-feedback-common';
import { platformMetricsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  fakePlatformMetricsApi,
  makeDora,
  makeMetrics,
  makeTeam,
  metric,
} from '../../testUtils/fakePlatformMetricsApi';
import { PlatformMetricsPage } from './PlatformMetricsPage';

jest.setTimeout(30_000);

const teams = [
  makeTeam('payments-team', {
    title: 'Payments',
    services: 5,
    goldenPathShare: 0.8,
    overallBand: 'elite',
    metrics: makeMetrics({ leadTime: metric(4, 'hours', 'elite') }),
  }),
  makeTeam('lending-team', {
    title: 'Lending',
    services: 2,
    goldenPathShare: 0.25,
    overallBand: 'low',
    metrics: makeMetrics({ leadTime: metric(400, 'hours', 'low') }),
  }),
  makeTeam('cards-team', {
    title: 'Cards',
    services: 4,
    goldenPathShare: 0.5,
    overallBand: 'medium',
    metrics: makeMetrics({ leadTime: metric(100, 'hours', 'medium') }),
  }),
];

/** The feedback API the satisfaction section reads. */
function fakeFeedback(results?: SurveyResultsResponse): FeedbackApi {
  return {
    getSurveyResults: jest.fn(
      async () => results ?? { overall: [], teams: [], responses: 0 },
    ),
  } as unknown as FeedbackApi;
}

function renderPage(
  api: ReturnType<typeof fakePlatformMetricsApi>,
  feedback: FeedbackApi = fakeFeedback(),
) {
  return renderInTestApp(<PlatformMetricsPage />, {
    apis: [
      [platformMetricsApiRef, api],
      [feedbackApiRef, feedback],
    ],
    mountedRoutes: {
      '/platform-metrics': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
  });
}

const teamOrder = () =>
  screen
    .getAllByTestId('team-row')
    .map(row => row.querySelector('[data-column="title"]')!.textContent);

/** Captures what "Export CSV" downloads. */
function captureDownloads() {
  const files: Array<{ name: string; blob: Blob }> = [];
  const blobs = new Map<string, Blob>();
  Object.assign(URL, {
    createObjectURL: (blob: Blob) => {
      const url = `blob:${blobs.size}`;
      blobs.set(url, blob);
      return url;
    },
    revokeObjectURL: () => {},
  });
  const spy = jest
    .spyOn(HTMLAnchorElement.prototype, 'click')
    .mockImplementation(function recordClick(this: HTMLAnchorElement) {
      files.push({
        name: this.download,
        blob: blobs.get(this.getAttribute('href')!)!,
      });
    });
  return { files, restore: () => spy.mockRestore() };
}

describe('PlatformMetricsPage', () => {
  it('sorts the teams table and exports it as shown', async () => {
    const api = fakePlatformMetricsApi({
      getTeams: jest.fn(async () => ({ window: makeDora().window, teams })),
      getDora: jest.fn(async () =>
        makeDora({
          scope: { kind: 'organisation', componentCount: 29 },
        }),
      ),
    });
    renderPage(api);

    await screen.findAllByTestId('team-row');
    expect(teamOrder()).toEqual(['Cards', 'Lending', 'Payments']);

    await userEvent.click(screen.getByRole('button', { name: 'Lead time' }));
    expect(teamOrder()).toEqual(['Payments', 'Cards', 'Lending']);
    expect(
      screen.getByRole('columnheader', { name: /Lead time/ }),
    ).toHaveAttribute('aria-sort', 'ascending');
    await userEvent.click(screen.getByRole('button', { name: 'Lead time' }));
    expect(teamOrder()).toEqual(['Lending', 'Cards', 'Payments']);

    const downloads = captureDownloads();
    await userEvent.click(screen.getByRole('button', { name: /Export CSV/ }));
    downloads.restore();
    expect(downloads.files).toHaveLength(1);
    expect(downloads.files[0].name).toMatch(
      /^platform-metrics-teams-30d-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const lines = (await downloads.files[0].blob.text()).split('\r\n');
    expect(lines[0]).toMatch(/^Team,Entity ref,Services,Golden-path share/);
    expect(lines.slice(1).map(l => l.split(',')[0])).toEqual([
      'Lending',
      'Cards',
      'Payments',
    ]);
    expect(lines[1]).toBe(
      'Lending,group:default/lending-team,2,25,2,400,12,200,Low,60,120,4',
    );

    // the band chips of each row
    const payments = screen
      .getAllByTestId('team-row')
      .find(r => r.textContent?.includes('Payments'))!;
    expect(
      within(payments)
        .getAllByText('Elite')
        .map(e => e.closest('[data-band]')!.getAttribute('data-band')),
    ).toContain('elite');

    // the organisation's DORA is on the page too
    expect(api.getDora).toHaveBeenCalledWith({
      entityRef: undefined,
      window: 30,
      granularity: 'day',
    });
    expect(
      await screen.findByTestId('metric-tile-deploymentFrequency'),
    ).toBeInTheDocument();
  });

  it('reloads everything for another window', async () => {
    const api = fakePlatformMetricsApi();
    renderPage(api);
    await screen.findByText('No teams in the catalog');
    await userEvent.click(screen.getByRole('tab', { name: '365 days' }));
    await waitFor(() =>
      expect(api.getTeams).toHaveBeenLastCalledWith({ window: 365 }),
    );
    expect(api.getAdoption).toHaveBeenLastCalledWith({ window: 365 });
    expect(api.getDora).toHaveBeenLastCalledWith({
      entityRef: undefined,
      window: 365,
      granularity: 'week',
    });
  });

  it('shows adoption with the zombie components', async () => {
    const api = fakePlatformMetricsApi();
    renderPage(api);
    expect(await screen.findByText('Golden-path adoption')).toBeInTheDocument();
    expect(
      screen.getByText('18 of 30 components were created from a golden path'),
    ).toBeInTheDocument();
    expect(screen.getByText('87.5%')).toBeInTheDocument();
    expect(screen.getByText('6.5 h')).toBeInTheDocument();
    expect(screen.getByText('Zombie components (1)')).toBeInTheDocument();
    expect(
      screen.getByText('owner group:default/disbanded-team does not exist'),
    ).toBeInTheDocument();
  });

  it('shows satisfaction when there are answers, and says why when not', async () => {
    const withAnswers = fakeFeedback({
      overall: [
        {
          period: '2026-Q3',
          suppressed: false,
          responses: 20,
          nps: 10,
          promoters: 8,
          passives: 6,
          detractors: 6,
          averageEase: 3.8,
        },
        {
          period: '2026-Q4',
          suppressed: false,
          responses: 10,
          nps: 30,
          promoters: 5,
          passives: 3,
          detractors: 2,
          averageEase: 4.1,
        },
      ],
      teams: [
        {
          entityRef: 'group:default/payments-team',
          title: 'Payments',
          periods: [
            {
              period: '2026-Q3',
              suppressed: true,
              responses: null,
              nps: null,
              promoters: null,
              passives: null,
              detractors: null,
              averageEase: null,
            },
            {
              period: '2026-Q4',
              suppressed: false,
              responses: 4,
              nps: 50,
              promoters: 2,
              passives: 2,
              detractors: 0,
              averageEase: 4.5,
            },
          ],
        },
      ],
      responses: 30,
    });
    const { unmount } = renderPage(fakePlatformMetricsApi(), withAnswers);
    // The feedback plugin's view (SatisfactionView), shown here too.
    expect(
      await screen.findByText('Net Promoter Score: 30 answers'),
    ).toBeInTheDocument();
    expect(screen.getByText('Latest: NPS +30')).toBeInTheDocument();
    expect(screen.getByText('+50 (4)')).toBeInTheDocument();
    expect(screen.getByText('< 5 answers')).toBeInTheDocument();
    unmount();

    renderPage(fakePlatformMetricsApi());
    expect(
      await screen.findByText(/No survey answers yet/),
    ).toBeInTheDocument();
  });
});
