import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityPresentationApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { DefaultEntityPresentationApi } from '@backstage/plugin-catalog';
import {
  ownerRefOf,
  PortalCatalogSearchResultListItem,
} from './CatalogSearchResultItem';

jest.setTimeout(30_000);

const result = (owner: string, namespace = 'default') => ({
  title: 'checkout-gateway',
  text: 'Public checkout edge',
  location: '/catalog/default/component/checkout-gateway',
  kind: 'Component',
  type: 'service',
  lifecycle: 'production',
  namespace,
  owner,
});

it('reads the indexed owner as a Group ref in the entity namespace unless it names its kind', () => {
  expect(ownerRefOf(result('checkout-core-team'))).toBe(
    'group:default/checkout-core-team',
  );
  expect(ownerRefOf(result('checkout-core-team', 'payments'))).toBe(
    'group:payments/checkout-core-team',
  );
  expect(ownerRefOf(result('user:default/priya.sharma'))).toBe(
    'user:default/priya.sharma',
  );
  expect(ownerRefOf(result(''))).toBeUndefined();
});

it("names a result's owner by its title", async () => {
  const catalogApi = catalogApiMock({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: {
          name: 'checkout-core-team',
          namespace: 'default',
          title: 'Checkout Core',
        },
        spec: { type: 'team', children: [] },
      },
    ],
  });
  await renderInTestApp(
    <PortalCatalogSearchResultListItem result={result('checkout-core-team')} />,
    {
      apis: [
        catalogApi,
        [
          entityPresentationApiRef,
          DefaultEntityPresentationApi.create({ catalogApi }),
        ],
      ] as const,
    },
  );
  expect(await screen.findByText('Owner: Checkout Core')).toBeInTheDocument();
  expect(screen.queryByText(/checkout-core-team/)).not.toBeInTheDocument();
  expect(screen.getByText('Lifecycle: production')).toBeInTheDocument();
  expect(
    screen.getByRole('link', { name: 'checkout-gateway' }),
  ).toHaveAttribute('href', '/catalog/default/component/checkout-gateway');
});
