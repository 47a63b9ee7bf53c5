import { screen } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { Entity } from '@backstage/catalog-model';
import { MyToDos } from './MyToDos';
import { ShippedForMe } from './ShippedForMe';
import { healthApis, report } from './testApis';

jest.setTimeout(60_000);

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payment-routing-service', namespace: 'default' },
    spec: { type: 'service', owner: 'group:default/checkout-core-team' },
    relations: [
      { type: 'ownedBy', targetRef: 'group:default/checkout-core-team' },
    ],
  },
];

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

const identity = mockApis.identity({
  userEntityRef: 'user:default/priya.sharma',
  ownershipEntityRefs: [
    'user:default/priya.sharma',
    'group:default/checkout-core-team',
  ],
});

describe('MyToDos', () => {
  it('lists a failing check with its next step and open reports, not shipped ones', async () => {
    await renderInTestApp(<MyToDos />, {
      mountedRoutes,
      apis: [
        identity,
        catalogApiMock({ entities }),
        ...healthApis({
          reports: [
            report({ id: 'open' }),
            report({ id: 'done', status: 'shipped', text: 'Shipped thing.' }),
          ],
        }).apis,
      ],
    });
    expect(
      await screen.findByText(
        /TechDocs published \(Gold\)/,
        {},
        { timeout: 20_000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Next step: Add docs\/ with mkdocs.yml./),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: 'The runbook misses the failover steps.',
      }),
    ).toHaveAttribute('href', '/feedback/open');
    expect(screen.getByText(/^Planned since/)).toBeInTheDocument();
    expect(screen.queryByText('Shipped thing.')).not.toBeInTheDocument();
  });
});

describe('ShippedForMe', () => {
  it('lists what shipped of what the user reported or supported', async () => {
    await renderInTestApp(<ShippedForMe />, {
      apis: [
        ...healthApis({
          reports: [
            report({ id: 'open' }),
            report({ id: 'done', status: 'shipped', text: 'Faster builds.' }),
          ],
        }).apis,
      ],
    });
    expect(
      await screen.findByRole(
        'link',
        { name: 'Faster builds.' },
        { timeout: 20_000 },
      ),
    ).toHaveAttribute('href', '/feedback/done');
    expect(
      screen.queryByText('The runbook misses the failover steps.'),
    ).not.toBeInTheDocument();
  });

  it('says so when nothing shipped yet', async () => {
    await renderInTestApp(<ShippedForMe />, { apis: [...healthApis().apis] });
    expect(
      await screen.findByText(/Nothing you reported or supported has shipped/),
    ).toBeInTheDocument();
  });
});
