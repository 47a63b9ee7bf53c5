import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type {
  EntityScorecardsResponse,
  ScorecardResult,
} from '@internal/plugin-scorecards-common';
import { ScorecardsApi, scorecardsApiRef } from '../api';
import { EntityScorecardsContent } from './EntityScorecardsContent';

jest.setTimeout(30_000);

const REF = 'component:default/checkout-gateway';

function card(
  level: string | null,
  coverage: 'passed' | 'failed',
): ScorecardResult {
  const levels = ['Bronze', 'Silver', 'Gold'];
  const index = level ? levels.indexOf(level) + 1 : 0;
  return {
    scorecardId: 'production-readiness',
    title: 'Production readiness',
    level,
    levelIndex: index,
    levels,
    nextLevel: levels[index] ?? null,
    evaluatedAt: '2026-11-26T10:00:00.000Z',
    checks: [
      {
        id: 'owner',
        title: 'Owned by a team',
        level: 'Bronze',
        status: 'passed',
        fact: 'owned by group:default/checkout-core-team',
        measuredAt: '2026-11-26T10:00:00.000Z',
        nextStep: { text: 'Set spec.owner.' },
      },
      {
        id: 'coverage',
        title: 'Test coverage of at least 80%',
        level: 'Silver',
        status: coverage,
        fact:
          coverage === 'passed'
            ? 'coverage 91% (needs 80%)'
            : 'coverage 50% (needs 80%)',
        measuredAt: '2026-11-25T08:30:00.000Z',
        nextStep: { text: 'Raise test coverage to 80%.', url: '/docs/x' },
      },
    ],
  };
}

const response = (c: ScorecardResult): EntityScorecardsResponse => ({
  entityRef: REF,
  scorecards: [c],
  exemptions: [],
});

describe('EntityScorecardsContent', () => {
  it('shows the level, the facts and the next step, and re-checks', async () => {
    const api: jest.Mocked<ScorecardsApi> = {
      getEntity: jest.fn(async (_ref: string) =>
        response(card('Bronze', 'failed')),
      ),
      recheck: jest.fn(async (_ref: string) =>
        response(card('Silver', 'passed')),
      ),
      getSummary: jest.fn(),
      createExemption: jest.fn(),
      deleteExemption: jest.fn(),
      listCampaigns: jest.fn(),
      getCampaign: jest.fn(),
      startCampaign: jest.fn(),
    };
    renderInTestApp(
      <EntityProvider
        entity={{
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'checkout-gateway' },
          spec: {},
        }}
      >
        <EntityScorecardsContent />
      </EntityProvider>,
      { apis: [[scorecardsApiRef, api]] },
    );

    expect(
      await screen.findByTestId('level-production-readiness'),
    ).toHaveTextContent('Bronze');
    expect(api.getEntity).toHaveBeenCalledWith(REF);
    expect(
      screen.getByText('Next step to Silver: Test coverage of at least 80%'),
    ).toBeInTheDocument();
    expect(screen.getByText('coverage 50% (needs 80%)')).toBeInTheDocument();
    expect(screen.getByText('2026-11-25 08:30 UTC')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /Re-check/ }));
    await waitFor(() =>
      expect(
        screen.getByTestId('level-production-readiness'),
      ).toHaveTextContent('Silver'),
    );
    expect(api.recheck).toHaveBeenCalledWith(REF);
    expect(screen.queryByText(/Next step to Silver/)).not.toBeInTheDocument();
  });
});
