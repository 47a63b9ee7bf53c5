import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigSources } from '@backstage/config-loader';
import { unsafeSettings } from './requiredSettings';

/**
 * The default root config (the `--config` files, or app-config.yaml and
 * app-config.local.yaml), checked before any plugin reads it: outside demo
 * mode the backend refuses to start without its production secrets, in demo
 * mode when it would be reachable from another machine.
 */
export const checkedRootConfig = createServiceFactory({
  service: coreServices.rootConfig,
  deps: {},
  async factory() {
    const source = ConfigSources.default({});
    const config = await ConfigSources.toConfig(source);
    const problems = unsafeSettings(config);
    if (problems.length > 0 && config.getOptionalBoolean('portal.demoMode')) {
      throw new Error(
        `Refusing to start in demo mode (portal.demoMode), which lets anyone sign in as anyone: ${problems.join(
          '; ',
        )}. Demo mode serves this machine only (docs/security.md).`,
      );
    }
    if (problems.length > 0) {
      throw new Error(
        `Refusing to start outside demo mode: ${problems.join(
          '; ',
        )}. Set each to its production value (docs/security.md).`,
      );
    }
    return config;
  },
});
