import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DriftedEntity,
  GoldenPath,
  UsageWeek,
} from '@internal/plugin-golden-paths-common';
import { SOURCE_TEMPLATE_ANNOTATION } from './annotations';
import { describePaths, findDrift, usageByWeek } from './goldenPaths';

/**
 * The golden paths' reads, all from the catalog with the caller's own
 * permissions: what `/api/golden-paths` answers and the golden-paths
 * actions return.
 */
export interface GoldenPathReads {
  paths(credentials: BackstageCredentials): Promise<GoldenPath[]>;
  drift(credentials: BackstageCredentials): Promise<DriftedEntity[]>;
  /** One entity's drift, null when it is up to date or not from a path. */
  entityDrift(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<DriftedEntity | null>;
  usage(weeks: number, credentials: BackstageCredentials): Promise<UsageWeek[]>;
}

export function createGoldenPathReads(
  catalog: CatalogService,
): GoldenPathReads {
  const pathTemplates = async (credentials: BackstageCredentials) =>
    (
      await catalog.getEntities(
        { filter: { kind: 'Template' } },
        { credentials },
      )
    ).items;

  async function load(credentials: BackstageCredentials) {
    const [templates, created] = await Promise.all([
      pathTemplates(credentials),
      catalog.getEntities(
        {
          filter: {
            kind: ['Component', 'Resource'],
            [`metadata.annotations.${SOURCE_TEMPLATE_ANNOTATION}`]:
              CATALOG_FILTER_EXISTS,
          },
          fields: ['kind', 'metadata', 'relations'],
        },
        { credentials },
      ),
    ]);
    return { templates, created: created.items };
  }

  return {
    async paths(credentials) {
      const { templates, created } = await load(credentials);
      return describePaths(templates, created);
    },
    async drift(credentials) {
      const { templates, created } = await load(credentials);
      return findDrift(templates, created);
    },
    async entityDrift(entityRef, credentials) {
      const entity = await catalog.getEntityByRef(entityRef, { credentials });
      if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
      // One entity's drift needs the templates only, not every created entity.
      const templates = await pathTemplates(credentials);
      return findDrift(templates, [entity])[0] ?? null;
    },
    async usage(weeks, credentials) {
      const { created } = await load(credentials);
      return usageByWeek(created, weeks);
    },
  };
}
