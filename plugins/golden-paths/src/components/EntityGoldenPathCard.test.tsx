import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { GoldenPathsApi, goldenPathsApiRef } from '../api';
import { EntityGoldenPathCard } from './EntityGoldenPathCard';

jest.setTimeout(30_000);

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payouts-service',
    annotations: {
      'backstage.io/source-template': 'template:default/nodejs-api',
      'fintech-fast.example/template-version': '1.4.0',
    },
  },
  spec: {},
};

function render(api: Partial<GoldenPathsApi>) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityGoldenPathCard />
    </EntityProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [[goldenPathsApiRef, api as GoldenPathsApi]],
    },
  );
}

describe('EntityGoldenPathCard', () => {
  it('shows the path, the version and what changed since', async () => {
    const getEntityDrift = jest.fn(async () => ({
      entityRef: 'component:default/payouts-service',
      title: 'payouts-service',
      ownerRef: null,
      templateRef: 'template:default/nodejs-api',
      version: '1.4.0',
      currentVersion: '2.0.0',
      missing: [{ version: '2.0.0', changes: ['Express 5', 'Node 22'] }],
    }));
    await render({ getEntityDrift });
    expect(
      await screen.findByText('Behind: 1.4.0 → 2.0.0.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/version 1.4.0/)).toBeInTheDocument();
    expect(screen.getByText('2.0.0: Node 22')).toBeInTheDocument();
    expect(getEntityDrift).toHaveBeenCalledWith(
      'component:default/payouts-service',
    );
  });

  it('says when the entity is up to date', async () => {
    await render({ getEntityDrift: jest.fn(async () => null) });
    expect(
      await screen.findByText('Up to date with its golden path.'),
    ).toBeInTheDocument();
  });
});
