import { ReactNode } from 'react';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { kubernetesApiRef } from '@backstage/plugin-kubernetes-react';
import useAsync from 'react-use/esm/useAsync';

/** Renders its children only when the backend knows at least one cluster. */
export function RequireCluster(props: { children: ReactNode }) {
  const kubernetesApi = useApi(kubernetesApiRef);
  const { value, loading, error } = useAsync(
    () => kubernetesApi.getClusters(),
    [kubernetesApi],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value?.length) {
    return (
      <EmptyState
        missing="info"
        title="No Kubernetes cluster is configured"
        description="This portal is not connected to any Kubernetes cluster, so it cannot show this component's workloads. An administrator adds clusters under kubernetes.clusterLocatorMethods in app-config (see the README's Kubernetes section); entities are matched by their backstage.io/kubernetes-id annotation."
      />
    );
  }
  return <>{props.children}</>;
}
