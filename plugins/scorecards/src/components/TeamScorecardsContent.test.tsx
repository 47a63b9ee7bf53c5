import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  entityPresentationApiRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import type { SummaryResponse } from '@internal/plugin-scorecards-common';
import { ScorecardsApi, scorecardsApiRef } from '../api';
import { TeamScorecardsContent } from './TeamScorecardsContent';
import { presentationWithTitles } from '../__testUtils__/presentation';

jest.setTimeout(30_000);

/** The catalog's titles. */
const TITLES: Record<string, string> = {
  'component:default/checkout-gateway': 'Checkout Gateway',
  'group:default/checkout-core-team': 'Checkout Core',
};
const presentationApi = presentationWithTitles(TITLES);

const scorecard = {
  id: 'production-readiness',
  title: 'Production readiness',
  levels: ['Bronze', 'Silver', 'Gold'],
  checks: [],
};

function fakeApi(overrides: Partial<ScorecardsApi>): ScorecardsApi {
  return overrides as ScorecardsApi;
}

it("lists a team's services by title", async () => {
  const summary: SummaryResponse = {
    scope: { ownerRef: 'group:default/checkout-core-team' },
    scorecards: [scorecard],
    distribution: { 'production-readiness': { Silver: 2 } },
    services: [
      {
        entityRef: 'component:default/checkout-gateway',
        ownerRef: 'group:default/checkout-core-team',
        levels: { 'production-readiness': 'Silver' },
        exempt: {},
      },
      {
        entityRef: 'component:default/payment-routing-service',
        ownerRef: 'group:default/checkout-core-team',
        levels: { 'production-readiness': 'Silver' },
        exempt: {},
      },
    ],
    exempt: {},
    topFailed: [],
    trend: {},
  };
  await renderInTestApp(
    <EntityProvider
      entity={{
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'checkout-core-team', namespace: 'default' },
        spec: { type: 'team', children: [] },
      }}
    >
      <TeamScorecardsContent />
    </EntityProvider>,
    {
      apis: [
        [scorecardsApiRef, fakeApi({ getSummary: async () => summary })],
        [entityPresentationApiRef, presentationApi],
      ],
    },
  );
  const table = await screen.findByRole('table', {
    name: 'Services and levels',
  });
  await waitFor(() => expect(table).toHaveTextContent('Checkout Gateway'));
  expect(
    screen.getByRole('link', { name: 'Checkout Gateway' }),
  ).toHaveAttribute(
    'href',
    '/catalog/default/component/checkout-gateway/scorecards',
  );
  // Without a title, the name; never the ref.
  expect(table).toHaveTextContent('payment-routing-service');
  expect(table).not.toHaveTextContent('component:');
});
