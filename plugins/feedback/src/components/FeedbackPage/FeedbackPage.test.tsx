import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { feedbackApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  fakeFeedbackApi,
  makeReport,
  responseError,
} from '../../testUtils/fakeFeedbackApi';
import { FeedbackPage } from './FeedbackPage';

jest.setTimeout(30_000);

function renderPage(api: ReturnType<typeof fakeFeedbackApi>, url: string) {
  return renderInTestApp(<FeedbackPage />, {
    apis: [[feedbackApiRef, api], mockApis.alert(), catalogApiMock()],
    mountedRoutes: {
      '/feedback': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
    mountPath: '/feedback/*',
    initialRouteEntries: [url],
  });
}

const named = makeReport({
  id: 'aaaa1111-0000-4000-8000-000000000000',
  text: 'Pipeline templates are hard to find',
  category: 'ci-cd',
  impact: 30,
});
const anonymous = makeReport({
  id: 'bbbb2222-0000-4000-8000-000000000000',
  text: 'Provisioning a database takes days',
  category: 'provisioning',
  anonymous: true,
  impact: 5,
  reporterRef: undefined,
  reporterTeamRef: undefined,
});

describe('FeedbackPage backlog', () => {
  it('lists reports and shows anonymous ones as "Anonymous"', async () => {
    const api = fakeFeedbackApi({
      listReports: jest.fn(async () => ({ items: [named, anonymous] })),
    });
    renderPage(api, '/feedback');

    expect(
      await screen.findByText('Pipeline templates are hard to find'),
    ).toBeInTheDocument();
    const anonymousRow = screen
      .getByText('Provisioning a database takes days')
      .closest('tr')!;
    expect(within(anonymousRow).getByText('Anonymous')).toBeInTheDocument();
    const namedRow = screen
      .getByText('Pipeline templates are hard to find')
      .closest('tr')!;
    expect(within(namedRow).queryByText('Anonymous')).not.toBeInTheDocument();
    expect(within(namedRow).getByText(/priya\.sharma/)).toBeInTheDocument();
    // the report links to its detail page
    expect(
      screen.getByRole('link', { name: 'Pipeline templates are hard to find' }),
    ).toHaveAttribute('href', `/feedback/${named.id}`);
  });

  it('shows the open reports by default, all of them on request, by impact', async () => {
    const shipped = makeReport({
      id: 'cccc3333-0000-4000-8000-000000000000',
      text: 'Old shipped thing',
      status: 'shipped',
      impact: 99,
    });
    const byStatus: Record<string, (typeof named)[]> = {
      new: [anonymous],
      triaged: [named],
      shipped: [shipped],
    };
    const api = fakeFeedbackApi({
      listReports: jest.fn(async ({ status } = {}) => ({
        items: status ? byStatus[status] ?? [] : [shipped, named, anonymous],
      })),
    });
    renderPage(api, '/feedback');

    expect(
      await screen.findByText('Pipeline templates are hard to find'),
    ).toBeInTheDocument();
    expect(
      api.listReports.mock.calls.map(([options]) => options?.status).sort(),
    ).toEqual(['in-progress', 'new', 'planned', 'triaged']);
    expect(screen.queryByText('Old shipped thing')).not.toBeInTheDocument();
    // Highest impact first across statuses.
    const rows = screen.getAllByRole('link', { name: /Pipeline|Provisioning/ });
    expect(rows.map(r => r.textContent)).toEqual([
      'Pipeline templates are hard to find',
      'Provisioning a database takes days',
    ]);

    await userEvent.selectOptions(screen.getByLabelText('Status'), 'all');
    expect(await screen.findByText('Old shipped thing')).toBeInTheDocument();
    expect(api.listReports).toHaveBeenLastCalledWith(
      expect.objectContaining({ status: undefined }),
    );
  });

  it('reads the filters from the query params and loads more', async () => {
    const api = fakeFeedbackApi({
      listReports: jest.fn(async ({ cursor } = {}) =>
        cursor ? { items: [anonymous] } : { items: [named], nextCursor: 'c2' },
      ),
    });
    renderPage(api, '/feedback?status=new&ownerRef=payments-team');

    expect(
      await screen.findByText('Pipeline templates are hard to find'),
    ).toBeInTheDocument();
    expect(api.listReports).toHaveBeenCalledWith(
      expect.objectContaining({
        status: 'new',
        ownerRef: 'payments-team',
        cursor: undefined,
      }),
    );
    expect(screen.getByLabelText('Status')).toHaveValue('new');

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(
      await screen.findByText('Provisioning a database takes days'),
    ).toBeInTheDocument();
    expect(api.listReports).toHaveBeenLastCalledWith(
      expect.objectContaining({ status: 'new', cursor: 'c2' }),
    );
    expect(
      screen.getByText('Pipeline templates are hard to find'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
  });

  it('lists what shipped by ISO week', async () => {
    const api = fakeFeedbackApi({
      getShipped: jest.fn(async () => ({
        items: [
          {
            week: '2026-W47',
            items: [
              {
                ...named,
                status: 'shipped' as const,
                shippedAt: '2026-11-18T10:00:00.000Z',
              },
            ],
          },
        ],
      })),
    });
    renderPage(api, '/feedback?tab=shipped');
    expect(await screen.findByText('Week 2026-W47')).toBeInTheDocument();
    expect(
      screen.getByText('Pipeline templates are hard to find'),
    ).toBeInTheDocument();
    expect(api.getShipped).toHaveBeenCalledWith(
      expect.objectContaining({ weeks: 12 }),
    );
  });
});

describe('FeedbackPage report detail', () => {
  const detail = {
    ...makeReport({
      id: 'cccc3333-0000-4000-8000-000000000000',
      status: 'triaged' as const,
      text: 'Local dev setup needs five manual steps',
    }),
    events: [
      {
        id: 'e1',
        fromStatus: 'new' as const,
        toStatus: 'triaged' as const,
        note: 'Confirmed by the platform team',
        actorRef: 'user:default/sam.okafor',
        createdAt: '2026-11-21T10:00:00.000Z',
      },
    ],
  };

  it('shows the history and only the allowed next statuses', async () => {
    const api = fakeFeedbackApi({ getReport: jest.fn(async () => detail) });
    renderPage(api, `/feedback/${detail.id}`);

    // Its first line is its title, above the whole text.
    expect(
      await screen.findAllByText('Local dev setup needs five manual steps'),
    ).toHaveLength(2);
    expect(api.getReport).toHaveBeenCalledWith(detail.id);
    expect(
      screen.getByText('Confirmed by the platform team'),
    ).toBeInTheDocument();
    const select = screen.getByLabelText('Next status') as HTMLSelectElement;
    expect(Array.from(select.options).map(o => o.value)).toEqual([
      '',
      'planned',
      'in-progress',
      'shipped',
      'declined',
    ]);

    await userEvent.click(screen.getByRole('button', { name: 'Me too' }));
    await waitFor(() => expect(api.meToo).toHaveBeenCalledWith(detail.id));
  });

  it('requires a note and reports a 403 clearly', async () => {
    const api = fakeFeedbackApi({
      getReport: jest.fn(async () => detail),
      updateStatus: jest.fn(async () => {
        throw await responseError(403, 'NotAllowedError', 'Unauthorized');
      }),
    });
    renderPage(api, `/feedback/${detail.id}`);

    const select = await screen.findByLabelText('Next status');
    await userEvent.selectOptions(select, 'planned');
    await userEvent.click(screen.getByRole('button', { name: 'Move report' }));
    expect(await screen.findByText('A note is required.')).toBeInTheDocument();
    expect(api.updateStatus).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('Note'), {
      target: { value: 'Planned for next sprint' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Move report' }));
    expect(
      await screen.findByText(/Only the platform team and the owners of/),
    ).toBeInTheDocument();
    expect(api.updateStatus).toHaveBeenCalledWith(detail.id, {
      status: 'planned',
      note: 'Planned for next sprint',
    });
  });

  it('offers no move on a final report', async () => {
    const api = fakeFeedbackApi({
      getReport: jest.fn(async () => ({
        ...detail,
        status: 'shipped' as const,
      })),
    });
    renderPage(api, `/feedback/${detail.id}`);
    expect(
      await screen.findByText(/it does not move any more/),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('Next status')).not.toBeInTheDocument();
  });
  it('shows NPS per period, overall and per team, on the Satisfaction tab', async () => {
    const period = (name: string, nps: number, responses: number) => ({
      period: name,
      suppressed: false,
      responses,
      nps,
      promoters: 0,
      passives: 0,
      detractors: 0,
      averageEase: 3.5,
    });
    const suppressed = (name: string) => ({
      period: name,
      suppressed: true,
      responses: null,
      nps: null,
      promoters: null,
      passives: null,
      detractors: null,
      averageEase: null,
    });
    const api = fakeFeedbackApi({
      getSurveyResults: jest.fn(async () => ({
        overall: [period('2026-Q3', -20, 10), period('2026-Q4', 35, 20)],
        teams: [
          {
            entityRef: 'group:default/payouts-team',
            title: 'Payouts',
            periods: [suppressed('2026-Q3'), period('2026-Q4', 50, 6)],
          },
        ],
        responses: 30,
      })),
    });
    await renderPage(api, '/feedback?tab=satisfaction');
    expect(
      await screen.findByText('Net Promoter Score: 30 answers'),
    ).toBeInTheDocument();
    expect(screen.getByText('Latest: NPS +35')).toBeInTheDocument();
    expect(screen.getByText('+50 (6)')).toBeInTheDocument();
    expect(screen.getByText('< 5 answers')).toBeInTheDocument();
    expect(api.getSurveyResults).toHaveBeenCalledWith({
      granularity: 'quarter',
    });
    await userEvent.click(screen.getByRole('tab', { name: 'By month' }));
    await waitFor(() =>
      expect(api.getSurveyResults).toHaveBeenCalledWith({
        granularity: 'month',
      }),
    );
  });

  it('says when nobody answered the survey yet', async () => {
    await renderPage(fakeFeedbackApi(), '/feedback?tab=satisfaction');
    expect(
      await screen.findByText(/No survey answers yet/),
    ).toBeInTheDocument();
  });
});
