import {
  AuthService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import { DateTime } from 'luxon';
import Router from 'express-promise-router';
import {
  parse as parsePortal,
  publicErrors,
} from '@internal/plugin-portal-node';
import { z } from 'zod/v3';
import { DNS_LABEL } from './annotations';
import { CREATED_KINDS, createdEntitiesReadModel } from './createdEntities';
import { clip } from './safePaths';
import { describePaths, findDrift, usageByWeek } from './goldenPaths';

/**
 * A bounded string, checked against `pattern` only once it is known to be
 * short (no regular expression ever runs on a long input).
 */
const bounded = (max: number, pattern: RegExp, hint: string) =>
  z.string().min(1).max(max).pipe(z.string().regex(pattern, hint));

/** Kind, namespace and name as the catalog allows them. */
const entityParams = z
  .object({
    kind: bounded(
      63,
      /^[A-Za-z][A-Za-z0-9]*$/,
      'must be a kind, e.g. component',
    ),
    namespace: bounded(
      63,
      /^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$/,
      'must be a namespace, e.g. default',
    ),
    name: bounded(
      63,
      /^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$/,
      'must be an entity name: letters, digits and single -, _ or . between them',
    ),
  })
  .strict();

const noQuery = z.object({}).strict();

/** What every golden path accepts as a new name: a DNS label. */
const nameQuery = z
  .object({
    name: bounded(
      63,
      DNS_LABEL,
      'must be lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit',
    ),
  })
  .strict();

const usageQuery = z
  .object({
    weeks: bounded(3, /^[0-9]+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().int().min(1).max(104))
      .default('26'),
  })
  .strict();

/** One issue, echoing at most a short, printable part of what was sent. */
function describeIssue(issue: z.ZodIssue) {
  if (issue.code === 'unrecognized_keys') {
    return `unknown parameter ${issue.keys
      .slice(0, 3)
      .map(k => `'${clip(k)}'`)
      .join(', ')}`;
  }
  const where = issue.path.map(p => clip(String(p))).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}

/** Request input checked with the shared parser, issues worded as above. */
const parse = <T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  what: string,
) => parsePortal(schema, value, what, { describeIssue, maxIssues: 5 });

/**
 * `/api/golden-paths`: the paths, who uses them and who drifted. The
 * templates are read with the caller's own permissions on each request; the
 * entities created from them (thousands in a large catalog) come from a read
 * model refreshed in the background (createdEntities.ts).
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  auth: AuthService;
  catalog: CatalogService;
  logger: LoggerService;
  /** How old the created entities may get before a refresh (30 s). */
  createdTtlSeconds?: number;
}): Promise<express.Router> {
  const { httpAuth, catalog, logger } = options;
  const router = Router();
  const createdEntities = createdEntitiesReadModel({
    catalog,
    auth: options.auth,
    logger,
    ttlSeconds: options.createdTtlSeconds,
  });

  const pathTemplates = async (credentials: BackstageCredentials) =>
    (
      await catalog.getEntities(
        { filter: { kind: 'Template' } },
        { credentials },
      )
    ).items;

  /**
   * The JSON of an answer computed from the created entities, reused while
   * the read model holds the same list and the caller read the same
   * Templates (the drift of a large catalog is megabytes).
   */
  const answers = new Map<string, { created: object; body: string }>();
  function answer(
    res: express.Response,
    key: string,
    templates: unknown,
    created: object,
    compute: () => unknown,
  ) {
    const fullKey = `${key}|${JSON.stringify(templates)}`;
    const hit = answers.get(fullKey);
    let body = hit?.created === created ? hit.body : undefined;
    if (body === undefined) {
      body = JSON.stringify(compute());
      if (answers.size >= 32) answers.clear();
      answers.set(fullKey, { created, body });
    }
    res.type('application/json').send(body);
  }

  async function load(credentials: BackstageCredentials) {
    const [templates, created] = await Promise.all([
      pathTemplates(credentials),
      createdEntities(),
    ]);
    return { templates, created };
  }

  router.get('/paths', async (req, res) => {
    parse(noQuery, req.query, 'query');
    const { templates, created } = await load(await httpAuth.credentials(req));
    answer(res, 'paths', templates, created, () => ({
      items: describePaths(templates, created),
    }));
  });

  router.get('/drift', async (req, res) => {
    parse(noQuery, req.query, 'query');
    const { templates, created } = await load(await httpAuth.credentials(req));
    answer(res, 'drift', templates, created, () => ({
      items: findDrift(templates, created),
    }));
  });

  router.get('/drift/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const params = parse(entityParams, req.params, 'entity reference');
    parse(noQuery, req.query, 'query');
    const entityRef = stringifyEntityRef(params).toLocaleLowerCase('en-US');
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
    // One entity's drift needs the templates only, not every created entity.
    const templates = await pathTemplates(credentials);
    res.json({ drift: findDrift(templates, [entity])[0] ?? null });
  });

  // Whether a new component or resource may take this name, asked by the
  // form while the user types (the validate action checks again on create).
  router.get('/names', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { name } = parse(nameQuery, req.query, 'query');
    const { items } = await catalog.getEntitiesByRefs(
      {
        entityRefs: CREATED_KINDS.map(kind =>
          stringifyEntityRef({ kind, namespace: 'default', name }),
        ),
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    const taken = items.find(Boolean);
    res.json(
      taken
        ? {
            name,
            available: false,
            takenBy: stringifyEntityRef(taken),
          }
        : { name, available: true },
    );
  });

  router.get('/usage', async (req, res) => {
    const { weeks } = parse(usageQuery, req.query, 'query');
    const { templates, created } = await load(await httpAuth.credentials(req));
    // Weeks are counted back from this week (UTC): part of the key.
    const week = DateTime.utc().startOf('week').toISODate();
    answer(res, `usage|${weeks}|${week}`, templates, created, () => ({
      weeks: usageByWeek(created, weeks),
    }));
  });

  // Bad JSON and undecodable paths are 400s; anything unexpected is logged
  // and answered without its text.
  router.use(publicErrors(logger, 'Golden paths'));

  return router;
}
