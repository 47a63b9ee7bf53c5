import { screen } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { Entity } from '@backstage/catalog-model';
import { MyTeamServices } from './MyTeamServices';
import { healthApis } from './testApis';

jest.setTimeout(60_000);

const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

const entities = [
  component('payment-routing-service', 'group:default/checkout-core-team'),
  component('user-auth-service', 'group:default/identity-and-access-team'),
  component('my-side-project', 'user:default/priya.sharma'),
];

describe('MyTeamServices', () => {
  it("lists what the user and the user's teams own, and nothing else, with their health", async () => {
    const health = healthApis();
    await renderInTestApp(<MyTeamServices />, {
      mountedRoutes,
      apis: [
        mockApis.identity({
          userEntityRef: 'user:default/priya.sharma',
          ownershipEntityRefs: [
            'user:default/priya.sharma',
            'group:default/checkout-core-team',
          ],
        }),
        catalogApiMock({ entities }),
        ...health.apis,
      ],
    });
    expect(
      await screen.findByText('payment-routing-service'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'Silver on Production readiness · DORA High · service · production',
        {},
        { timeout: 20_000 },
      ),
    ).toBeInTheDocument();
    // Both rows in one request to each backend.
    expect(health.calls.levels).toEqual([
      [
        'component:default/my-side-project',
        'component:default/payment-routing-service',
      ],
    ]);
    expect(health.calls.bands).toHaveLength(1);
    expect(screen.getByText('my-side-project')).toBeInTheDocument();
    expect(screen.queryByText('user-auth-service')).not.toBeInTheDocument();
  });

  it('points to the golden paths when the user owns nothing', async () => {
    await renderInTestApp(<MyTeamServices />, {
      mountedRoutes,
      apis: [
        mockApis.identity({ ownershipEntityRefs: ['user:default/guest'] }),
        catalogApiMock({ entities }),
        ...healthApis().apis,
      ],
    });
    expect(
      await screen.findByRole('link', {
        name: 'Create one from a golden path',
      }),
    ).toHaveAttribute('href', '/create');
  });
});
