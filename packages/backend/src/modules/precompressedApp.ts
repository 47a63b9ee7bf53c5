import fs from 'node:fs';
import path from 'node:path';
import {
  coreServices,
  createBackendModule,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import expressStaticGzip from 'express-static-gzip';

/** Same as the app backend's long-lived cache for hashed assets. */
const MAX_AGE = '14d';

/**
 * Serves the built app's `/static` assets in the Brotli or gzip form that
 * `scripts/precompress-app.mjs` wrote next to them, instead of compressing
 * every script on each request: on a busy backend, compressing ~3 MB of
 * initial JavaScript per page load delayed the first paint by about half a
 * second. A request for a file without a precompressed form gets the file
 * itself (compressed on the fly as before); one for a file that is not on disk
 * (an asset of an earlier deploy) falls through to the app backend.
 */
export function precompressedAssets(staticDir: string) {
  return expressStaticGzip(staticDir, {
    enableBrotli: true,
    orderPreference: ['br', 'gz'],
    index: false,
    // Every file under /static has its content hash in its name: a browser
    // never needs to ask again whether it changed, not even on a reload.
    serveStatic: { maxAge: MAX_AGE, immutable: true, index: false },
  });
}

export default createBackendModule({
  pluginId: 'app',
  moduleId: 'precompressed-assets',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        rootHttpRouter: coreServices.rootHttpRouter,
        logger: coreServices.logger,
      },
      async init({ config, rootHttpRouter, logger }) {
        const appPackage = config.getOptionalString('app.packageName') ?? 'app';
        let staticDir: string;
        try {
          staticDir = path.join(
            resolvePackagePath(appPackage, 'dist'),
            'static',
          );
        } catch {
          return;
        }
        // Development: the app is served by its dev server, not from dist.
        if (!fs.existsSync(staticDir)) return;
        rootHttpRouter.use('/static', precompressedAssets(staticDir));
        logger.info(`Serving precompressed app assets from ${staticDir}`);
      },
    });
  },
});
