import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { feedbackRoadmapPlanPermission } from '@internal/plugin-feedback-common';
import { discoveryApiRef, fetchApiRef } from '@backstage/frontend-plugin-api';
import { feedbackApiRef } from '../../api';
import { fakeFeedbackApi, makeReport } from '../../testUtils/fakeFeedbackApi';
import { SWRConfig } from 'swr';
import { RoadmapResponse, RoadmapView } from './RoadmapView';

jest.setTimeout(30_000);

const ID = 'aaaa1111-0000-4000-8000-000000000000';

it('shows quarters as columns and plans an item into a quarter', async () => {
  let roadmap: RoadmapResponse = {
    quarters: [
      { quarter: '2026-Q3', planned: 0, completed: 0, items: [] },
      { quarter: '2026-Q4', planned: 0, completed: 0, items: [] },
    ],
    unscheduled: [],
  };
  const puts: { url: string; body: unknown }[] = [];
  const fetch = jest.fn(async (url: string, init?: RequestInit) => {
    if (init?.method === 'PUT') {
      puts.push({ url, body: JSON.parse(String(init.body)) });
      roadmap = {
        ...roadmap,
        quarters: [
          roadmap.quarters[0],
          {
            quarter: '2026-Q4',
            planned: 1,
            completed: 1,
            ratio: 1,
            items: [
              {
                id: ID,
                text: 'Pipeline templates are hard to find',
                entityRef: 'component:default/x',
                status: 'shipped',
                impact: 30,
                effort: 'L',
                plannedQuarter: '2026-Q4',
                score: 2,
                shippedAt: '2026-11-20T10:00:00.000Z',
              },
            ],
          },
        ],
      };
      return new Response('{}', { status: 200 });
    }
    return new Response(JSON.stringify(roadmap), { status: 200 });
  });
  const api = fakeFeedbackApi({
    listReports: jest.fn(async () => ({
      items: [
        makeReport({ id: ID, text: 'Pipeline templates are hard to find' }),
      ],
    })),
  });
  await renderInTestApp(<RoadmapView />, {
    apis: [
      [feedbackApiRef, api],
      [
        discoveryApiRef,
        { getBaseUrl: async () => 'http://backend/api/feedback' },
      ],
      [fetchApiRef, { fetch } as any],
    ],
  });
  const q4 = await screen.findByRole('region', { name: 'Quarter 2026-Q4' });
  expect(q4).toHaveTextContent('Nothing planned');

  await userEvent.selectOptions(
    await screen.findByLabelText('Backlog item'),
    await screen.findByRole('option', {
      name: 'Pipeline templates are hard to find',
    }),
  );
  await userEvent.selectOptions(screen.getByLabelText('Effort'), 'L');
  await userEvent.selectOptions(screen.getByLabelText('Quarter'), '2026-Q4');
  await userEvent.click(screen.getByRole('button', { name: 'Save plan' }));

  await waitFor(() =>
    expect(
      within(screen.getByRole('region', { name: 'Quarter 2026-Q4' })).getByText(
        'Pipeline templates are hard to find',
      ),
    ).toBeInTheDocument(),
  );
  expect(puts).toEqual([
    {
      url: `http://backend/api/feedback/roadmap/items/${ID}`,
      body: { effort: 'L', plannedQuarter: '2026-Q4' },
    },
  ]);
  const column = screen.getByRole('region', { name: 'Quarter 2026-Q4' });
  expect(column).toHaveTextContent('1 of 1 completed in the quarter (100%)');
  expect(column).toHaveTextContent('Shipped 2026-11-20');
  expect(column).toHaveTextContent('Effort L');
});

it('offers planning only to whom the permission policy lets plan', async () => {
  const roadmap: RoadmapResponse = {
    quarters: [{ quarter: '2026-Q4', planned: 0, completed: 0, items: [] }],
    unscheduled: [],
  };
  const asked: string[] = [];
  await renderInTestApp(
    // A fresh cache: usePermission keeps decisions between renders.
    <SWRConfig value={{ provider: () => new Map() }}>
      <RoadmapView />
    </SWRConfig>,
    {
      apis: [
        [feedbackApiRef, fakeFeedbackApi()],
        [
          discoveryApiRef,
          { getBaseUrl: async () => 'http://backend/api/feedback' },
        ],
        [
          fetchApiRef,
          { fetch: async () => new Response(JSON.stringify(roadmap)) } as any,
        ],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: request => {
              asked.push(request.permission.name);
              return AuthorizeResult.DENY;
            },
          }),
        ],
      ],
    },
  );
  await screen.findByRole('region', { name: 'Quarter 2026-Q4' });
  await waitFor(() =>
    expect(asked).toEqual([feedbackRoadmapPlanPermission.name]),
  );
  expect(screen.queryByText('Plan a backlog item')).not.toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Save plan' })).toBeNull();
});
