import { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import TimelineIcon from '@material-ui/icons/Timeline';
import { PlatformMetricsClient, platformMetricsApiRef } from './api';
import { rootRouteRef } from './routes';

const kindOf = (entity: Entity) => entity.kind.toLocaleLowerCase('en-US');

/** Entities with a DORA tab: components and systems. */
export function isDoraEntity(entity: Entity): boolean {
  return ['component', 'system'].includes(kindOf(entity));
}

/** Entities with the team card and "Delivery" tab: groups. */
export function isTeamEntity(entity: Entity): boolean {
  return kindOf(entity) === 'group';
}

/** `api:platform-metrics` */
export const platformMetricsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: platformMetricsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PlatformMetricsClient({ discoveryApi, fetchApi }),
    }),
});

/** `page:platform-metrics` */
export const platformMetricsPage = PageBlueprint.make({
  params: {
    path: '/platform-metrics',
    title: 'Platform Metrics',
    icon: <TimelineIcon />,
    routeRef: rootRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/PlatformMetricsPage').then(m => (
        <m.PlatformMetricsPage />
      )),
  },
});

/** `entity-content:platform-metrics/dora` */
export const doraEntityContent = EntityContentBlueprint.make({
  name: 'dora',
  params: {
    path: '/dora',
    title: 'DORA',
    filter: isDoraEntity,
    loader: () =>
      import('./components/EntityDoraContent').then(m => (
        <m.EntityDoraContent />
      )),
  },
});

/** `entity-content:platform-metrics/delivery` */
export const deliveryEntityContent = EntityContentBlueprint.make({
  name: 'delivery',
  params: {
    path: '/delivery',
    title: 'Delivery',
    filter: isTeamEntity,
    loader: () =>
      import('./components/EntityTeamDeliveryContent').then(m => (
        <m.EntityTeamDeliveryContent />
      )),
  },
});

/** `entity-card:platform-metrics/team-delivery` */
export const teamDeliveryEntityCard = EntityCardBlueprint.make({
  name: 'team-delivery',
  params: {
    filter: isTeamEntity,
    loader: () =>
      import('./components/EntityTeamDeliveryCard').then(m => (
        <m.EntityTeamDeliveryCard />
      )),
  },
});

/**
 * Platform metrics: DORA on components, systems and teams, and the Platform
 * Metrics page (teams, organisation trends, adoption, satisfaction).
 *
 * @public
 */
export const platformMetricsPlugin = createFrontendPlugin({
  pluginId: 'platform-metrics',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    platformMetricsApi,
    platformMetricsPage,
    doraEntityContent,
    deliveryEntityContent,
    teamDeliveryEntityCard,
  ],
  routes: { root: rootRouteRef },
});
