import { screen } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { GroupEntity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { DefaultEntityPresentationApi } from '@backstage/plugin-catalog';
import { GroupProfileCard } from './GroupProfileCard';

jest.setTimeout(30_000);

const group = (
  name: string,
  title: string,
  relations: GroupEntity['relations'] = [],
): GroupEntity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name,
    namespace: 'default',
    title,
    description: `${title} team`,
    annotations: { 'backstage.io/managed-by-location': 'file:/org.yaml' },
  },
  spec: {
    type: 'team',
    children: [],
    profile: { email: `${name}@fintech-fast.example` },
  },
  relations,
});

const payments = group('payments-team', 'Payments', [
  { type: 'childOf', targetRef: 'group:default/engineering' },
  { type: 'parentOf', targetRef: 'group:default/checkout-core-team' },
  { type: 'parentOf', targetRef: 'group:default/payouts-team' },
]);
const entities = [
  payments,
  group('engineering', 'Engineering'),
  group('checkout-core-team', 'Checkout Core'),
  group('payouts-team', 'Payouts'),
];

async function renderCard(entity: GroupEntity) {
  const catalogApi = catalogApiMock({ entities });
  await renderInTestApp(
    <EntityProvider entity={entity}>
      <GroupProfileCard />
    </EntityProvider>,
    {
      apis: [
        catalogApi,
        [
          entityPresentationApiRef,
          DefaultEntityPresentationApi.create({ catalogApi }),
        ],
        mockApis.permission(),
      ] as const,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

it('names the team, the team it is part of and its sub-teams by title, with links', async () => {
  await renderCard(payments);
  expect(
    await screen.findByRole('link', { name: 'Engineering' }),
  ).toHaveAttribute('href', '/catalog/default/group/engineering');
  expect(
    await screen.findByRole('link', { name: 'Checkout Core' }),
  ).toHaveAttribute('href', '/catalog/default/group/checkout-core-team');
  expect(await screen.findByRole('link', { name: 'Payouts' })).toBeVisible();
  expect(screen.getByText('Part of')).toBeInTheDocument();
  expect(screen.getByText('Sub-teams')).toBeInTheDocument();
  expect(
    screen.getByRole('link', { name: /^payments-team@fintech-fast.example/ }),
  ).toBeInTheDocument();
  expect(document.body).not.toHaveTextContent('group:default/');
  expect(document.body).not.toHaveTextContent(/payouts-team(?!@)/);
});

it('says nothing rather than "N/A" where a team has no parent or sub-teams', async () => {
  await renderCard(group('payouts-team', 'Payouts'));
  expect(await screen.findByText('Payouts team')).toBeInTheDocument();
  expect(screen.queryByText('N/A')).not.toBeInTheDocument();
  expect(screen.queryByText('Part of')).not.toBeInTheDocument();
  expect(screen.queryByText('Sub-teams')).not.toBeInTheDocument();
  expect(document.body).not.toHaveTextContent('group:default/');
});
