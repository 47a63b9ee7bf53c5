import { screen } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { EntityDependenciesCard, orderLink } from './EntityDependenciesCard';

jest.setTimeout(30_000);

const service = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payment-routing-service', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/checkout-core-team' },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/checkout-core-team' },
    { type: 'dependsOn', targetRef: 'resource:default/payment-postgres-db' },
  ],
};
const database = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'payment-postgres-db',
    namespace: 'default',
    title: 'Payments database',
  },
  spec: { type: 'database', owner: 'group:default/checkout-core-team' },
};

const signedInAs = (ownershipEntityRefs: string[]) =>
  mockApis.identity({
    userEntityRef: ownershipEntityRefs[0],
    ownershipEntityRefs,
  });

describe('EntityDependenciesCard', () => {
  it('opens the form with the service picked', () => {
    expect(
      orderLink(
        'postgresql-database',
        'component:default/payment-routing-service',
      ),
    ).toBe(
      `/create/templates/default/postgresql-database?formData=${encodeURIComponent(
        '{"component":"component:default/payment-routing-service"}',
      )}`,
    );
  });

  it("lists the service's resources and offers its team a database and a cache", async () => {
    await renderInTestApp(
      <EntityProvider entity={service}>
        <EntityDependenciesCard />
      </EntityProvider>,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        apis: [
          catalogApiMock({ entities: [service, database] }),
          signedInAs([
            'user:default/priya.sharma',
            'group:default/checkout-core-team',
          ]),
        ],
      },
    );
    expect(await screen.findByText('Payments database')).toBeInTheDocument();
    const order = await screen.findByText(
      'Order a database',
      {},
      { timeout: 10_000 },
    );
    expect(order.closest('a')).toHaveAttribute(
      'href',
      orderLink(
        'postgresql-database',
        'component:default/payment-routing-service',
      ),
    );
    expect(screen.getByText('Order a cache').closest('a')).toBeVisible();
  });

  it('offers no order to someone outside the team', async () => {
    await renderInTestApp(
      <EntityProvider entity={service}>
        <EntityDependenciesCard />
      </EntityProvider>,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        apis: [
          catalogApiMock({ entities: [service, database] }),
          signedInAs([
            'user:default/marco.rossi',
            'group:default/identity-and-access-team',
          ]),
        ],
      },
    );
    expect(await screen.findByText('Payments database')).toBeInTheDocument();
    expect(screen.queryByText('Order a database')).not.toBeInTheDocument();
  });
});
