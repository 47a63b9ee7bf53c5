import {
  coreExtensionData,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import unprocessedEntitiesPlugin from '@backstage/plugin-catalog-unprocessed-entities/alpha';
import { PAGE_PERMISSIONS } from '../nav/PermittedSidebarItem';
import { PlatformTeamOnly } from './PlatformTeamOnly';
import { ScaffolderPage } from './ScaffolderPage';

/**
 * `page:scaffolder`: the Create page, whose Template Editor tab only the
 * platform team sees (the backend refuses everyone else its dry runs).
 */
const scaffolderPage = scaffolderPlugin
  .getExtension('page:scaffolder')
  .override({
    *factory(originalFactory, { inputs }) {
      const everything = originalFactory();
      const withoutEditor = originalFactory({
        inputs: {
          ...inputs,
          pages: inputs.pages.filter(
            page => page.node.spec.id !== 'sub-page:scaffolder/editor',
          ),
        },
      }).get(coreExtensionData.reactElement);
      for (const data of everything) {
        yield data.id === coreExtensionData.reactElement.id
          ? coreExtensionData.reactElement(
              <ScaffolderPage
                everything={everything.get(coreExtensionData.reactElement)}
                withoutEditor={withoutEditor}
              />,
            )
          : data;
      }
    },
  });

/**
 * `page:catalog-unprocessed-entities`: for those who may clear unprocessed
 * entities (the platform team), as its sidebar item is.
 */
const unprocessedEntitiesPage = unprocessedEntitiesPlugin
  .getExtension('page:catalog-unprocessed-entities')
  .override({
    *factory(originalFactory) {
      const output = originalFactory();
      for (const data of output) {
        yield data.id === coreExtensionData.reactElement.id
          ? coreExtensionData.reactElement(
              <PlatformTeamOnly
                permission={
                  PAGE_PERMISSIONS['page:catalog-unprocessed-entities']
                }
                title="Unprocessed Entities"
                description="It lists catalog entries that could not be read, for the platform team to fix. If something you registered does not show in the catalog, report friction on it."
              >
                {output.get(coreExtensionData.reactElement)}
              </PlatformTeamOnly>,
            )
          : data;
      }
    },
  });

export const scaffolderPlatformOnlyModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [scaffolderPage],
});

export const unprocessedEntitiesPlatformOnlyModule = createFrontendModule({
  pluginId: 'catalog-unprocessed-entities',
  extensions: [unprocessedEntitiesPage],
});
