import {
  coreExtensionData,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import kubernetesPlugin from '@backstage/plugin-kubernetes/alpha';
import { RequireCluster } from './RequireCluster';

/**
 * The Kubernetes entity tab, which says plainly when the portal has no
 * cluster configured instead of reporting "no resources".
 */
const kubernetesContent = kubernetesPlugin
  .getExtension('entity-content:kubernetes/kubernetes')
  .override({
    *factory(originalFactory) {
      for (const output of originalFactory()) {
        if (output.id === coreExtensionData.reactElement.id) {
          yield coreExtensionData.reactElement(
            <RequireCluster>{output.value}</RequireCluster>,
          );
        } else {
          yield output;
        }
      }
    },
  });

export const kubernetesModule = createFrontendModule({
  pluginId: 'kubernetes',
  extensions: [kubernetesContent],
});
