import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityPresentationApiRef } from '@backstage/plugin-catalog-react';
import type { CampaignDetails } from '@internal/plugin-scorecards-common';
import { Route, Routes } from 'react-router-dom';
import { ScorecardsApi, scorecardsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { CampaignView } from './CampaignView';
import { presentationWithTitles } from '../../__testUtils__/presentation';

jest.setTimeout(30_000);

/** The catalog's titles. */
const TITLES: Record<string, string> = {
  'component:default/checkout-gateway': 'Checkout Gateway',
  'group:default/checkout-core-team': 'Checkout Core',
};
const presentationApi = presentationWithTitles(TITLES);

function fakeApi(overrides: Partial<ScorecardsApi>): ScorecardsApi {
  return overrides as ScorecardsApi;
}

it("lists a campaign's services and owners by title", async () => {
  const campaign: CampaignDetails = {
    id: 'c1',
    title: 'Silver by Q1',
    scorecardId: 'production-readiness',
    targetLevel: 'Silver',
    deadline: '2027-03-31',
    scope: {},
    createdBy: 'user:default/sam.okafor',
    createdAt: '2026-11-01T00:00:00.000Z',
    reached: 1,
    exempt: 0,
    total: 1,
    services: [
      {
        entityRef: 'component:default/checkout-gateway',
        ownerRef: 'group:default/checkout-core-team',
        level: 'Silver',
        reached: true,
        exempt: [],
      },
    ],
    burnup: [],
  };
  await renderInTestApp(
    <Routes>
      <Route path="/campaigns/:id" element={<CampaignView />} />
    </Routes>,
    {
      apis: [
        [scorecardsApiRef, fakeApi({ getCampaign: async () => campaign })],
        [entityPresentationApiRef, presentationApi],
      ],
      initialRouteEntries: ['/campaigns/c1'],
      mountedRoutes: { '/scorecards': rootRouteRef },
    },
  );
  const table = await screen.findByRole('table', { name: 'Services in scope' });
  await waitFor(() =>
    expect(table).toHaveTextContent('Checkout GatewayCheckout CoreSilverYes'),
  );
  expect(table).not.toHaveTextContent('checkout-gateway');
});
