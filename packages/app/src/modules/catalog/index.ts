import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { EntityContentLayoutBlueprint } from '@backstage/plugin-catalog-react/alpha';

/** `entity-content-layout:catalog/overview`: every entity's overview. */
const overviewLayout = EntityContentLayoutBlueprint.make({
  name: 'overview',
  params: {
    loader: async () =>
      (await import('./EntityOverviewLayout')).EntityOverviewLayout,
  },
});

export const catalogLayoutModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [overviewLayout],
});
