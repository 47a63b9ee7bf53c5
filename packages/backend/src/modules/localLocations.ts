import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';

/**
 * In demo mode people may register `file` locations (a catalog-info.yaml on
 * this machine, or in a local git checkout) as well as `url` ones, since the
 * demo has no network to a Git host. Production keeps the default: url only.
 */
export default createBackendModule({
  pluginId: 'catalog',
  moduleId: 'local-locations',
  register(reg) {
    reg.registerInit({
      deps: {
        locations: catalogLocationsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ locations, config }) {
        if (config.getOptionalBoolean('portal.demoMode')) {
          locations.setAllowedLocationTypes(['url', 'file']);
        }
      },
    });
  },
});
