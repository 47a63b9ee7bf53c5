import { HttpAuthService } from '@backstage/backend-plugin-api';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { SOURCE_TEMPLATE_ANNOTATION } from './annotations';
import { describePaths, findDrift, usageByWeek } from './goldenPaths';

const usageQuery = z
  .object({ weeks: z.coerce.number().int().min(1).max(104).default(26) })
  .strict();

/**
 * `/api/golden-paths`: the paths, who uses them and who drifted, all read
 * from the catalog with the caller's own permissions.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
}): Promise<express.Router> {
  const { httpAuth, catalog } = options;
  const router = Router();

  async function load(credentials: BackstageCredentials) {
    const [templates, created] = await Promise.all([
      catalog.getEntities({ filter: { kind: 'Template' } }, { credentials }),
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
    return { templates: templates.items, created: created.items };
  }

  router.get('/paths', async (req, res) => {
    const { templates, created } = await load(await httpAuth.credentials(req));
    res.json({ items: describePaths(templates, created) });
  });

  router.get('/drift', async (req, res) => {
    const { templates, created } = await load(await httpAuth.credentials(req));
    res.json({ items: findDrift(templates, created) });
  });

  router.get('/drift/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const entityRef = stringifyEntityRef(req.params).toLocaleLowerCase('en-US');
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
    const { templates } = await load(credentials);
    res.json({ drift: findDrift(templates, [entity])[0] ?? null });
  });

  router.get('/usage', async (req, res) => {
    const parsed = usageQuery.safeParse(req.query);
    if (!parsed.success) {
      throw new InputError(
        `Invalid query: ${parsed.error.issues
          .map(i => `${i.path.join('.')}: ${i.message}`)
          .join('; ')}`,
      );
    }
    const { created } = await load(await httpAuth.credentials(req));
    res.json({ weeks: usageByWeek(created, parsed.data.weeks) });
  });

  return router;
}
