import { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendModule,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import DirectionsIcon from '@material-ui/icons/Directions';
import { SOURCE_TEMPLATE_ANNOTATION } from '@internal/plugin-golden-paths-common';
import { GoldenPathsClient, goldenPathsApiRef } from './api';
import { rootRouteRef } from './routes';

/** Entities created from a template record it in this annotation. */
export function isFromTemplate(entity: Entity): boolean {
  return Boolean(entity.metadata.annotations?.[SOURCE_TEMPLATE_ANNOTATION]);
}

/** `api:golden-paths` */
export const goldenPathsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: goldenPathsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new GoldenPathsClient({ discoveryApi, fetchApi }),
    }),
});

/** `page:golden-paths` */
export const goldenPathsPage = PageBlueprint.make({
  params: {
    path: '/golden-paths',
    title: 'Golden Paths',
    icon: <DirectionsIcon />,
    routeRef: rootRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/GoldenPathsPage').then(m => <m.GoldenPathsPage />),
  },
});

/** `entity-card:golden-paths/golden-path` */
export const goldenPathEntityCard = EntityCardBlueprint.make({
  name: 'golden-path',
  params: {
    type: 'info',
    filter: isFromTemplate,
    loader: () =>
      import('./components/EntityGoldenPathCard').then(m => (
        <m.EntityGoldenPathCard />
      )),
  },
});

/** `scaffolder-form-field:golden-paths/service-name` (`ui:field: ServiceNamePicker`) */
export const serviceNameFormField = FormFieldBlueprint.make({
  name: 'service-name',
  params: {
    field: () => import('./fields').then(m => m.serviceNameFormField),
  },
});

/** `scaffolder-form-field:golden-paths/team-owner` (`ui:field: TeamOwnerPicker`) */
export const teamOwnerFormField = FormFieldBlueprint.make({
  name: 'team-owner',
  params: {
    field: () => import('./fields').then(m => m.teamOwnerFormField),
  },
});

/** `scaffolder-form-field:golden-paths/entity-name` (`ui:field: EntityName`) */
export const entityNameFormField = FormFieldBlueprint.make({
  name: 'entity-name',
  params: {
    field: () => import('./fields').then(m => m.entityNameFormField),
  },
});

/** `scaffolder-form-field:golden-paths/resource-name` (`ui:field: ResourceName`) */
export const resourceNameFormField = FormFieldBlueprint.make({
  name: 'resource-name',
  params: {
    field: () => import('./fields').then(m => m.resourceNameFormField),
  },
});

/** `scaffolder-form-field:golden-paths/entity-title` (`ui:field: EntityTitlePicker`) */
export const entityTitleFormField = FormFieldBlueprint.make({
  name: 'entity-title',
  params: {
    field: () => import('./fields').then(m => m.entityTitleFormField),
  },
});

/**
 * Golden paths: the page of paths with usage and drift, and a card on every
 * entity created from one.
 *
 * @public
 */
export const goldenPathsPlugin = createFrontendPlugin({
  pluginId: 'golden-paths',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    goldenPathsApi,
    goldenPathsPage,
    goldenPathEntityCard,
    serviceNameFormField,
    teamOwnerFormField,
    entityNameFormField,
    resourceNameFormField,
    entityTitleFormField,
  ],
  routes: { root: rootRouteRef },
});

/**
 * `entity-card:catalog/depends-on-resources`, in place of the catalog's own:
 * the same list of resources, with "Order a database" and "Order a cache"
 * for the service's team.
 */
export const dependsOnResourcesCard = EntityCardBlueprint.make({
  name: 'depends-on-resources',
  params: {
    filter: entity => entity.kind.toLocaleLowerCase('en-US') === 'component',
    loader: () =>
      import('./components/EntityDependenciesCard').then(m => (
        <m.EntityDependenciesCard />
      )),
  },
});

/**
 * The golden paths' additions to the catalog's entity pages.
 *
 * @public
 */
export const goldenPathsCatalogModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [dependsOnResourcesCard],
});
