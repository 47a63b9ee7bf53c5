import {
  AuthService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import Router from 'express-promise-router';
import {
  parse as parsePortal,
  publicErrors,
} from '@internal/plugin-portal-node';
import { z } from 'zod/v3';
import { DNS_LABEL } from './annotations';
import { CREATED_KINDS, createdEntitiesReadModel } from './createdEntities';
import { clip } from './safePaths';
import { createGoldenPathReads, GoldenPathReads } from './reads';

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

const wholeNumber = (max: number) =>
  bounded(7, /^[0-9]+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(0).max(max));

/** A page of the drift: at most 500 entities (thousands at scale). */
const driftQuery = z
  .object({
    templateRef: bounded(
      255,
      /^template:[a-z0-9]+(?:[-_.][a-z0-9]+)*\/[a-z0-9]+(?:[-_.][a-z0-9]+)*$/i,
      'must be a template reference, e.g. template:default/nodejs-api',
    )
      .transform(ref => ref.toLocaleLowerCase('en-US'))
      .optional(),
    offset: wholeNumber(1_000_000).default('0'),
    limit: wholeNumber(500)
      .pipe(z.number().min(1, 'must be at least 1'))
      .default('50'),
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
 * `/api/golden-paths`: the paths, who uses them and who drifted, all read
 * from the catalog with the caller's own permissions.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  auth: AuthService;
  catalog: CatalogService;
  logger: LoggerService;
  /** How old the created entities may get before a refresh (30 s). */
  createdTtlSeconds?: number;
  /** Defaults to reads from `catalog` and the created entities' read model. */
  reads?: GoldenPathReads;
}): Promise<express.Router> {
  const { httpAuth, catalog, logger } = options;
  const router = Router();
  const reads =
    options.reads ??
    createGoldenPathReads(
      catalog,
      createdEntitiesReadModel({
        catalog,
        auth: options.auth,
        logger,
        ttlSeconds: options.createdTtlSeconds,
      }),
    );

  router.get('/paths', async (req, res) => {
    parse(noQuery, req.query, 'query');
    res.json({ items: await reads.paths(await httpAuth.credentials(req)) });
  });

  router.get('/drift', async (req, res) => {
    const page = parse(driftQuery, req.query, 'query');
    res.json(await reads.drift(await httpAuth.credentials(req), page));
  });

  router.get('/drift/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const params = parse(entityParams, req.params, 'entity reference');
    parse(noQuery, req.query, 'query');
    const entityRef = stringifyEntityRef(params).toLocaleLowerCase('en-US');
    res.json({ drift: await reads.entityDrift(entityRef, credentials) });
  });

  // Whether a new component or resource may take this name, asked by the
  // form while the user types (the validate action checks again on create).
  // A service path registers an API of the service's name too.
  router.get('/names', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { name } = parse(nameQuery, req.query, 'query');
    const { items } = await catalog.getEntitiesByRefs(
      {
        entityRefs: [...CREATED_KINDS, 'API'].map(kind =>
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
    res.json({
      weeks: await reads.usage(weeks, await httpAuth.credentials(req)),
    });
  });

  // Bad JSON and undecodable paths are 400s; anything unexpected is logged
  // and answered without its text.
  router.use(publicErrors(logger, 'Golden paths'));

  return router;
}
