import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { kubernetesApiRef } from '@backstage/plugin-kubernetes-react';
import { RequireCluster } from './RequireCluster';

const withClusters = (names: string[]) =>
  [
    kubernetesApiRef,
    {
      getClusters: async () =>
        names.map(name => ({ name, authProvider: 'serviceAccount' })),
    },
  ] as const;

describe('RequireCluster', () => {
  it('says plainly that no cluster is configured', async () => {
    await renderInTestApp(<RequireCluster>workloads</RequireCluster>, {
      apis: [withClusters([])],
    });
    expect(
      await screen.findByText('No Kubernetes cluster is configured'),
    ).toBeInTheDocument();
    expect(screen.queryByText('workloads')).not.toBeInTheDocument();
  });

  it('shows the workloads when a cluster exists', async () => {
    await renderInTestApp(<RequireCluster>workloads</RequireCluster>, {
      apis: [withClusters(['production'])],
    });
    expect(await screen.findByText('workloads')).toBeInTheDocument();
  });
});
