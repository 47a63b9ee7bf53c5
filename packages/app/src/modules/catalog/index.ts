import {
  coreExtensionData,
  createExtensionInput,
  createFrontendModule,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentLayoutBlueprint } from '@backstage/plugin-catalog-react/alpha';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { createElement, Fragment } from 'react';

/** `entity-content-layout:catalog/overview`: every entity's overview. */
const overviewLayout = EntityContentLayoutBlueprint.make({
  name: 'overview',
  params: {
    loader: async () =>
      (await import('./EntityOverviewLayout')).EntityOverviewLayout,
  },
});

/**
 * `page:catalog`: Backstage's catalog page and its filters, with the
 * portal's columns for components (owner, level, DORA, on-call, last deploy).
 */
const catalogPage = PageBlueprint.makeWithOverrides({
  inputs: {
    filters: createExtensionInput([coreExtensionData.reactElement]),
  },
  factory(originalFactory, { inputs }) {
    return originalFactory({
      path: '/catalog',
      routeRef: catalogPlugin.routes.catalogIndex,
      title: 'Catalog',
      loader: async () => {
        const [{ CatalogIndexPage }, { catalogColumns }] = await Promise.all([
          import('@backstage/plugin-catalog/alpha'),
          import('./catalogColumns'),
        ]);
        const filters = inputs.filters.map(f =>
          f.get(coreExtensionData.reactElement),
        );
        return createElement(CatalogIndexPage, {
          filters: createElement(Fragment, null, ...filters),
          columns: catalogColumns,
          pagination: true,
        });
      },
    });
  },
});

/**
 * `search-result-list-item:catalog`: Backstage's catalog search result,
 * naming the owner by title.
 */
const catalogSearchResultItem = catalogPlugin
  .getExtension('search-result-list-item:catalog')
  .override({
    params: {
      component: async () =>
        (await import('./CatalogSearchResultItem'))
          .PortalCatalogSearchResultListItem,
    },
  });

export const catalogLayoutModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [overviewLayout, catalogPage, catalogSearchResultItem],
});
