import { screen, within } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { platformMetricsApiRef } from './api';
import {
  deliveryEntityContent,
  doraEntityContent,
  platformMetricsPlugin,
  teamDeliveryEntityCard,
} from './plugin';
import {
  fakePlatformMetricsApi,
  makeDora,
  makeTeam,
} from './testUtils/fakePlatformMetricsApi';

jest.setTimeout(30_000);

const component = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payment-routing-service' },
  spec: {},
};
const group = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments-team' },
  spec: { type: 'team', children: [] },
};

function apis(api = fakePlatformMetricsApi()) {
  return [
    [platformMetricsApiRef, api],
    catalogApiMock({ entities: [component, group] }),
  ] as const;
}

describe('platform metrics plugin in an app', () => {
  it('serves the Platform Metrics page at /platform-metrics', async () => {
    const api = fakePlatformMetricsApi({
      getTeams: jest.fn(async () => ({
        window: makeDora().window,
        teams: [makeTeam('payments-team', { title: 'Payments' })],
      })),
    });
    renderTestApp({
      features: [platformMetricsPlugin],
      initialRouteEntries: ['/platform-metrics'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: apis(api),
    });
    // the page is lazy-loaded; the first load can be slow
    expect(
      await screen.findByText('Payments', {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /Export CSV/ }),
    ).toBeInTheDocument();
  });

  it('renders the DORA tab of a component', async () => {
    const api = fakePlatformMetricsApi();
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: component }),
        doraEntityContent,
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: apis(api),
    });
    const tiles = await screen.findByTestId(
      'dora-tiles',
      {},
      { timeout: 15_000 },
    );
    expect(within(tiles).getByText('Elite')).toBeInTheDocument();
    expect(api.getDora).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/payment-routing-service',
      }),
    );
  });

  it('renders the team card and the Delivery tab of a group', async () => {
    const api = fakePlatformMetricsApi({
      getDora: jest.fn(async () =>
        makeDora({
          scope: {
            kind: 'team',
            entityRef: 'group:default/payments-team',
            componentCount: 4,
          },
        }),
      ),
    });
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: group }),
        teamDeliveryEntityCard,
        deliveryEntityContent,
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: apis(api),
    });
    expect(
      await screen.findByText('Delivery (DORA)', {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
    const adoption = await screen.findByText(/Golden-path adoption:/);
    expect(adoption).toHaveTextContent(
      'Golden-path adoption: 60% (18 of 30 components)',
    );
    // the team's overall band: the lowest of its four keys (low)
    expect(
      screen.getByText(/Overall, last 30 days/).parentElement!.textContent,
    ).toContain('Low');
    // One window for the whole card.
    expect(api.getAdoption).toHaveBeenCalledWith({
      entityRef: 'group:default/payments-team',
      window: 30,
    });
  });

  it('puts no DORA tab on a group and no team card on a component', async () => {
    const api = fakePlatformMetricsApi();
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: component }),
        teamDeliveryEntityCard,
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: apis(api),
    });
    await new Promise(r => setTimeout(r, 500));
    expect(screen.queryByText('Delivery (DORA)')).not.toBeInTheDocument();
    expect(api.getAdoption).not.toHaveBeenCalled();
  });
});
