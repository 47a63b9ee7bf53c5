import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import {
  DriftedEntity,
  GoldenPath,
  GoldenPathsApi,
  goldenPathsApiRef,
} from '../api';
import { GoldenPathsPage } from './GoldenPathsPage';

jest.setTimeout(30_000);

const nodePath: GoldenPath = {
  entityRef: 'template:default/nodejs-api',
  name: 'nodejs-api',
  title: 'Node.js transactional API',
  description: 'A TypeScript service',
  persona: 'backend',
  category: 'service',
  provides: ['Trivy scan in CI'],
  currentVersion: '2.0.0',
  changelog: [{ version: '2.0.0', date: '2026-10-06', changes: ['Express 5'] }],
  created: 14,
  drifted: 12,
  teams: [
    { ownerRef: 'group:default/payouts-team', count: 2 },
    { ownerRef: 'group:default/checkout-core-team', count: 1 },
  ],
};

/** payouts-service and eleven more, behind nodejs-api's 2.0.0. */
const drifted: DriftedEntity[] = [
  'payouts-service',
  ...Array.from({ length: 11 }, (_, i) => `old-service-${i + 1}`),
].map(name => ({
  entityRef: `component:default/${name}`,
  title: name,
  ownerRef: 'group:default/payouts-team',
  templateRef: 'template:default/nodejs-api',
  version: '1.4.0',
  currentVersion: '2.0.0',
  missing: [{ version: '2.0.0', changes: ['Express 5'] }],
}));

function fakeApi(overrides: Partial<GoldenPathsApi> = {}): GoldenPathsApi {
  return {
    getPaths: jest.fn(async () => [nodePath]),
    checkName: jest.fn(async (name: string) => ({ name, available: true })),
    getDrift: jest.fn(async ({ offset = 0, limit = 50 } = {}) => ({
      items: drifted.slice(offset, offset + limit),
      totalItems: drifted.length,
    })),
    getEntityDrift: jest.fn(async () => null),
    getUsage: jest.fn(async () => [
      { week: '2026-11-16', counts: { 'template:default/nodejs-api': 2 } },
    ]),
    ...overrides,
  };
}

describe('GoldenPathsPage', () => {
  it('shows each path with its version, users, a Create button and drift', async () => {
    const api = fakeApi();
    await renderInTestApp(<GoldenPathsPage />, {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [[goldenPathsApiRef, api]],
    });
    const card = await screen.findByTestId('golden-path-nodejs-api');
    expect(
      within(card).getByText('Node.js transactional API'),
    ).toBeInTheDocument();
    expect(within(card).getByText('v2.0.0')).toBeInTheDocument();
    expect(
      within(card).getByText(/For Backend developers/),
    ).toBeInTheDocument();
    expect(
      within(card).getByText(
        '14 created from this path · 12 on an older version',
      ),
    ).toBeInTheDocument();
    expect(within(card).getByText('Create').closest('a')).toHaveAttribute(
      'href',
      '/create/templates/default/nodejs-api',
    );
    expect(
      screen.getByText('Drift: 12 behind their golden path'),
    ).toBeInTheDocument();
    // One table per path, read a page at a time.
    const nodeDrift = screen.getByTestId('drift-template:default/nodejs-api');
    expect(
      within(nodeDrift).getByText(
        'Node.js transactional API: 12 behind v2.0.0',
      ),
    ).toBeInTheDocument();
    const firstRow = await within(nodeDrift).findByRole('row', {
      name: /payouts-service/,
    });
    expect(within(firstRow).getByText('1.4.0 → 2.0.0')).toBeInTheDocument();
    expect(api.getDrift).toHaveBeenCalledWith({
      templateRef: 'template:default/nodejs-api',
      offset: 0,
      limit: 10,
    });
    expect(within(nodeDrift).queryByText('old-service-11')).toBeNull();
    // A summary per service; the changes one click away.
    const summary = within(firstRow).getByText('1 version, 1 change');
    expect(within(firstRow).getByText('2.0.0: Express 5')).not.toBeVisible();
    await userEvent.click(summary);
    expect(within(firstRow).getByText('2.0.0: Express 5')).toBeVisible();
    // The next page.
    await userEvent.click(
      within(nodeDrift).getByRole('button', { name: /next page/i }),
    );
    expect(
      await within(nodeDrift).findByRole('row', { name: /old-service-11/ }),
    ).toBeInTheDocument();
    expect(api.getDrift).toHaveBeenLastCalledWith({
      templateRef: 'template:default/nodejs-api',
      offset: 10,
      limit: 10,
    });
    // The chart says how its bars relate to the cards' counts.
    expect(
      screen.getByText(
        '2 of the 14 the cards count; the other 12 were created earlier or before creation dates were recorded.',
      ),
    ).toBeInTheDocument();
    expect(api.getUsage).toHaveBeenCalledWith(26);
  });

  it('says what to do when there are no paths', async () => {
    await renderInTestApp(<GoldenPathsPage />, {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        [
          goldenPathsApiRef,
          fakeApi({
            getPaths: jest.fn(async () => []),
          }),
        ],
      ],
    });
    expect(
      await screen.findByText(/No golden paths in the catalog yet/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Every service created from a golden path is on its current version.',
      ),
    ).toBeInTheDocument();
  });
});
