import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  entityPresentationApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type {
  EntityScorecardsResponse,
  ScorecardResult,
} from '@internal/plugin-scorecards-common';
import { ScorecardsApi, scorecardsApiRef } from '../api';
import { EntityScorecardsContent } from './EntityScorecardsContent';
import { presentationWithTitles } from '../__testUtils__/presentation';

jest.setTimeout(30_000);

const REF = 'component:default/checkout-gateway';

/** The catalog's titles. */
const TITLES: Record<string, string> = {
  'group:default/checkout-core-team': 'Checkout Core',
  'user:default/priya': 'Priya Sharma',
};
const presentationApi = presentationWithTitles(TITLES);
const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

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
        source: 'demo-seed',
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
      getLevels: jest.fn(),
      createExemption: jest.fn(),
      deleteExemption: jest.fn(),
      approveExemption: jest.fn(),
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
      {
        apis: [
          [scorecardsApiRef, api],
          [entityPresentationApiRef, presentationApi],
        ],
        mountedRoutes,
      },
    );

    expect(
      await screen.findByTestId('level-production-readiness'),
    ).toHaveTextContent('Bronze');
    expect(api.getEntity).toHaveBeenCalledWith(REF);
    expect(
      screen.getByText('Next step to Silver: Test coverage of at least 80%'),
    ).toBeInTheDocument();
    expect(screen.getByText('coverage 50% (needs 80%)')).toBeInTheDocument();
    // A fact naming an entity names it by its title, linked.
    const owner = screen.getByTestId('check-production-readiness-owner');
    expect(owner).toHaveTextContent('owned by Checkout Core');
    expect(owner).not.toHaveTextContent('group:default/');
    expect(
      within(owner).getByRole('link', { name: 'Checkout Core' }),
    ).toHaveAttribute('href', '/catalog/default/group/checkout-core-team');
    expect(screen.getByText('2026-11-25 08:30 UTC')).toBeInTheDocument();
    // The demo's made-up facts say so; the catalog's own facts do not.
    expect(screen.getAllByText(/^Demo data: made up/)).toHaveLength(1);

    await userEvent.click(screen.getByRole('button', { name: /Re-check/ }));
    await waitFor(() =>
      expect(
        screen.getByTestId('level-production-readiness'),
      ).toHaveTextContent('Silver'),
    );
    expect(api.recheck).toHaveBeenCalledWith(REF);
    expect(screen.queryByText(/Next step to Silver/)).not.toBeInTheDocument();
  });

  // usePermission caches decisions per permission for the whole file: the
  // platform team's case runs first.
  it('offers the platform team the approval', async () => {
    const base = card('Bronze', 'failed');
    const exemption = {
      id: 'e1',
      entityRef: REF,
      scorecardId: 'production-readiness',
      checkId: 'coverage',
      reason: 'Vendor patch ships next sprint',
      expiresOn: '2026-12-10',
      createdBy: 'user:default/priya',
      createdAt: '2026-11-26T10:00:00.000Z',
      approvedBy: null,
      approvedAt: null,
    };
    const data: EntityScorecardsResponse = {
      entityRef: REF,
      scorecards: [
        {
          ...base,
          checks: base.checks.map(c =>
            c.id === 'coverage'
              ? {
                  ...c,
                  exemption,
                  exemptionRule: {
                    by: 'owner' as const,
                    maxDays: 30,
                    needsApproval: true,
                  },
                }
              : c,
          ),
        },
      ],
      exemptions: [exemption],
    };
    const api: jest.Mocked<ScorecardsApi> = {
      getEntity: jest.fn(async (_ref: string) => data),
      recheck: jest.fn(),
      getSummary: jest.fn(),
      getLevels: jest.fn(),
      createExemption: jest.fn(),
      deleteExemption: jest.fn(),
      approveExemption: jest.fn(async (_id: string) => exemption),
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
      {
        apis: [
          [scorecardsApiRef, api],
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
          ],
          [entityPresentationApiRef, presentationApi],
        ],
        mountedRoutes,
      },
    );
    // The exemption by scorecard and check titles and its author's name.
    const exemptions = await screen.findByRole('table', { name: 'Exemptions' });
    await waitFor(() =>
      expect(exemptions).toHaveTextContent(
        'Production readinessTest coverage of at least 80%Vendor patch ships next sprint2026-12-10Priya Sharma',
      ),
    );
    expect(exemptions).not.toHaveTextContent('user:default/');
    await userEvent.click(
      await screen.findByRole(
        'button',
        { name: 'Approve' },
        { timeout: 10_000 },
      ),
    );
    await waitFor(() =>
      expect(api.approveExemption).toHaveBeenCalledWith('e1'),
    );
  });
  it('shows a security exemption as awaiting approval, with no second request', async () => {
    const failing = card('Bronze', 'failed');
    const pending: EntityScorecardsResponse = {
      entityRef: REF,
      scorecards: [
        {
          ...failing,
          checks: [
            {
              ...failing.checks[0],
              exemptionRule: { by: 'none', maxDays: 90, needsApproval: false },
            },
            {
              id: 'vulnerabilities',
              title: 'No critical vulnerability unpatched',
              level: 'Silver',
              status: 'failed',
              fact: '1 critical unpatched for more than 7 days: CVE-1',
              measuredAt: '2026-11-25T08:30:00.000Z',
              nextStep: { text: 'Patch it.' },
              exemptionRule: { by: 'owner', maxDays: 30, needsApproval: true },
              exemption: {
                id: 'e1',
                entityRef: REF,
                scorecardId: 'production-readiness',
                checkId: 'vulnerabilities',
                reason: 'Vendor patch ships next sprint',
                expiresOn: '2026-12-10',
                createdBy: 'user:default/priya',
                createdAt: '2026-11-26T10:00:00.000Z',
                approvedBy: null,
                approvedAt: null,
              },
            },
          ],
        },
      ],
      exemptions: [],
    };
    pending.exemptions = [pending.scorecards[0].checks[1].exemption!];
    const owner: jest.Mocked<ScorecardsApi> = {
      getEntity: jest.fn(async (_ref: string) => pending),
      recheck: jest.fn(),
      getSummary: jest.fn(),
      getLevels: jest.fn(),
      createExemption: jest.fn(),
      deleteExemption: jest.fn(),
      approveExemption: jest.fn(),
      listCampaigns: jest.fn(),
      getCampaign: jest.fn(),
      startCampaign: jest.fn(),
    };
    const permissions = mockApis.permission({
      authorize: AuthorizeResult.DENY,
    });
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
      {
        apis: [
          [scorecardsApiRef, owner],
          [permissionApiRef, permissions],
        ],
        mountedRoutes,
      },
    );
    expect(
      await screen.findByText(/Exemption awaiting the platform team/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Awaiting the platform team’s approval'),
    ).toBeInTheDocument();
    // Neither an exemption for a check no one may exempt, nor a second request.
    expect(screen.queryByRole('button', { name: 'Exempt…' })).toBeNull();
    expect(owner.approveExemption).not.toHaveBeenCalled();
  });
});
