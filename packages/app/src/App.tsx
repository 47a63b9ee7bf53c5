import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { signInModule } from './modules/signIn';
import { kubernetesModule } from './modules/kubernetes';
import { catalogLayoutModule } from './modules/catalog';
import { orgModule } from './modules/org';
import {
  scaffolderPlatformOnlyModule,
  unprocessedEntitiesPlatformOnlyModule,
} from './modules/platformOnly';
import { themeModule } from './modules/theme';
import { portalAnalyticsModule } from '@internal/plugin-portal-analytics';
import { goldenPathsCatalogModule } from '@internal/plugin-golden-paths';

// Every other frontend plugin in package.json is discovered (app.packages: all).
export default createApp({
  features: [
    catalogPlugin,
    navModule,
    homeModule,
    signInModule,
    kubernetesModule,
    catalogLayoutModule,
    orgModule,
    scaffolderPlatformOnlyModule,
    unprocessedEntitiesPlatformOnlyModule,
    themeModule,
    portalAnalyticsModule,
    goldenPathsCatalogModule,
  ],
});
