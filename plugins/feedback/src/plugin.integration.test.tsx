import { screen } from '@testing-library/react';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { feedbackApiRef } from './api';
import {
  feedbackEntityContent,
  feedbackPlugin,
  reportFrictionEntityCard,
} from './plugin';
import { fakeFeedbackApi, makeReport } from './testUtils/fakeFeedbackApi';

jest.setTimeout(30_000);

const component = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'user-auth-service' },
  spec: {},
};

function apis() {
  const api = fakeFeedbackApi({
    listReports: jest.fn(async () => ({
      items: [makeReport({ text: 'Token docs are missing' })],
    })),
  });
  api.getReportCounts.mockImplementation(async entityRef => ({
    entityRef,
    open: 1,
    total: 1,
    byStatus: {
      new: 1,
      triaged: 0,
      planned: 0,
      'in-progress': 0,
      shipped: 0,
      declined: 0,
    },
  }));
  return [
    [feedbackApiRef, api],
    mockApis.alert(),
    catalogApiMock({ entities: [component] }),
  ] as const;
}

describe('feedback plugin in an app', () => {
  it('serves the platform backlog page at /feedback', async () => {
    renderTestApp({
      features: [feedbackPlugin],
      initialRouteEntries: ['/feedback'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: apis(),
    });
    // the page component is lazy-loaded; the first load can be slow
    expect(
      await screen.findByText(
        'Token docs are missing',
        {},
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Friction reported by developers, by impact'),
    ).toBeInTheDocument();
  });

  it('renders the report-friction card on a component page', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: component }),
        reportFrictionEntityCard,
      ],
      apis: apis(),
    });
    expect(
      await screen.findByText(
        'Something slowing you down with user-auth-service?',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('1 open report on user-auth-service'),
    ).toBeInTheDocument();
  });

  it('does not render the card on a group page', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({
          entity: { ...component, kind: 'Group', spec: {} },
        }),
        reportFrictionEntityCard,
      ],
      apis: apis(),
    });
    await new Promise(r => setTimeout(r, 500));
    expect(
      screen.queryByText(/Something slowing you down/),
    ).not.toBeInTheDocument();
  });

  it('renders the entity feedback tab', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: component }),
        feedbackEntityContent,
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: apis(),
    });
    expect(
      await screen.findByText('Token docs are missing'),
    ).toBeInTheDocument();
  });
});
