import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendModule,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { AnalyticsImplementationBlueprint } from '@backstage/plugin-app-react';
import EqualizerIcon from '@material-ui/icons/Equalizer';
import TrackChangesIcon from '@material-ui/icons/TrackChanges';
import {
  BatchingAnalytics,
  PlatformKpisClient,
  platformKpisApiRef,
  PortalAnalyticsClient,
  portalAnalyticsApiRef,
} from './api';
import { kpisRouteRef, rootRouteRef } from './routes';

/** `api:portal-analytics` */
export const portalAnalyticsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: portalAnalyticsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new PortalAnalyticsClient(deps),
    }),
});

/** `api:portal-analytics/kpis` */
export const platformKpisApi = ApiBlueprint.make({
  name: 'kpis',
  params: defineParams =>
    defineParams({
      api: platformKpisApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new PlatformKpisClient(deps),
    }),
});

/** `page:portal-analytics` */
export const usagePage = PageBlueprint.make({
  params: {
    path: '/portal-usage',
    title: 'Portal Usage',
    icon: <EqualizerIcon />,
    routeRef: rootRouteRef,
    noHeader: true,
    loader: () =>
      Promise.all([
        import('./components/UsagePage'),
        import('./components/PlatformOnly'),
      ]).then(([m, { PlatformOnly }]) => (
        <PlatformOnly title="Portal Usage">
          <m.UsagePage />
        </PlatformOnly>
      )),
  },
});

/** `page:portal-analytics/kpis` */
export const kpiPage = PageBlueprint.make({
  name: 'kpis',
  params: {
    path: '/platform-kpis',
    title: 'Platform KPIs',
    icon: <TrackChangesIcon />,
    routeRef: kpisRouteRef,
    noHeader: true,
    loader: () => import('./components/KpiPage').then(m => <m.KpiPage />),
  },
});

/** `analytics:app/portal-analytics`: sends the app's events to the backend. */
export const portalAnalyticsImplementation =
  AnalyticsImplementationBlueprint.make({
    name: 'portal-analytics',
    params: define =>
      define({
        deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
        factory: deps => new BatchingAnalytics(deps),
      }),
  });

/**
 * Records every Analytics API event of the app with the portal's own
 * backend. An app module: add it to the app's features.
 *
 * @public
 */
export const portalAnalyticsModule = createFrontendModule({
  pluginId: 'app',
  extensions: [portalAnalyticsImplementation],
});

/**
 * Portal usage for the platform team.
 *
 * @public
 */
export const portalAnalyticsPlugin = createFrontendPlugin({
  pluginId: 'portal-analytics',
  info: { packageJson: () => import('../package.json') },
  extensions: [portalAnalyticsApi, platformKpisApi, usagePage, kpiPage],
  routes: { root: rootRouteRef, kpis: kpisRouteRef },
});
