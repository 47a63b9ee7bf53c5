import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { DateTime } from 'luxon';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DriftedEntity,
  GoldenPath,
  UsageWeek,
} from '@internal/plugin-golden-paths-common';
import { CreatedEntities } from './createdEntities';
import { describePaths, findDrift, usageByWeek } from './goldenPaths';

export interface DriftPage {
  templateRef?: string;
  offset: number;
  limit: number;
}

/**
 * The golden paths' reads (templates with the caller's own permissions,
 * created entities from their read model): what `/api/golden-paths` answers and the golden-paths
 * actions return.
 */
export interface GoldenPathReads {
  paths(credentials: BackstageCredentials): Promise<GoldenPath[]>;
  /** One page of the drifted entities, optionally of one path. */
  drift(
    credentials: BackstageCredentials,
    page: DriftPage,
  ): Promise<{ items: DriftedEntity[]; totalItems: number }>;
  /** One entity's drift, null when it is up to date or not from a path. */
  entityDrift(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<DriftedEntity | null>;
  usage(weeks: number, credentials: BackstageCredentials): Promise<UsageWeek[]>;
}

export function createGoldenPathReads(
  catalog: CatalogService,
  createdEntities: CreatedEntities,
): GoldenPathReads {
  const pathTemplates = async (credentials: BackstageCredentials) =>
    (
      await catalog.getEntities(
        { filter: { kind: 'Template' } },
        { credentials },
      )
    ).items;

  /**
   * An answer computed from the created entities, reused while the read
   * model holds the same list and the caller read the same Templates (the
   * drift of a large catalog takes a while to compute).
   */
  const answers = new Map<string, { created: Entity[]; value: unknown }>();
  function memo<T>(
    key: string,
    templates: Entity[],
    created: Entity[],
    compute: () => T,
  ): T {
    const fullKey = `${key}|${JSON.stringify(templates)}`;
    const hit = answers.get(fullKey);
    if (hit?.created === created) return hit.value as T;
    const value = compute();
    if (answers.size >= 32) answers.clear();
    answers.set(fullKey, { created, value });
    return value;
  }

  async function load(credentials: BackstageCredentials) {
    const [templates, created] = await Promise.all([
      pathTemplates(credentials),
      createdEntities(),
    ]);
    return { templates, created };
  }

  return {
    async paths(credentials) {
      const { templates, created } = await load(credentials);
      return memo('paths', templates, created, () =>
        describePaths(templates, created),
      );
    },
    async drift(credentials, { templateRef, offset, limit }) {
      const { templates, created } = await load(credentials);
      const all = memo('drift', templates, created, () =>
        findDrift(templates, created),
      );
      const matching = templateRef
        ? all.filter(d => d.templateRef === templateRef)
        : all;
      return {
        items: matching.slice(offset, offset + limit),
        totalItems: matching.length,
      };
    },
    async entityDrift(entityRef, credentials) {
      const entity = await catalog.getEntityByRef(entityRef, { credentials });
      if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
      // One entity's drift needs the templates only, not every created entity.
      const templates = await pathTemplates(credentials);
      return findDrift(templates, [entity])[0] ?? null;
    },
    async usage(weeks, credentials) {
      const { templates, created } = await load(credentials);
      // Weeks are counted back from this week (UTC): part of the key.
      const week = DateTime.utc().startOf('week').toISODate();
      return memo(`usage|${weeks}|${week}`, templates, created, () =>
        usageByWeek(created, weeks),
      );
    },
  };
}
