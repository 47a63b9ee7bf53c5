import {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { normalizeEntityRef } from '@internal/plugin-portal-node';
import {
  campaignCreateSchema,
  entityQuerySchema,
  exemptionCreateSchema,
  factPostSchema,
  FactPostResponse,
  idSchema,
  levelsQuerySchema,
  recheckSchema,
  scorecardsCampaignManagePermission,
  summaryQuerySchema,
} from '@internal/plugin-scorecards-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { ScorecardsServices } from './createServices';
import { parse, publicErrors } from './parse';

export interface RouterOptions {
  services: ScorecardsServices;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  logger: LoggerService;
}

/** A normalised (lower-case, full) entity ref, or a 400. */
export function normalizeRef(value: string, name = 'entityRef'): string {
  try {
    return normalizeEntityRef(value, { defaultKind: 'component' });
  } catch {
    throw new InputError(`Invalid ${name}: not an entity ref`);
  }
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { services, httpAuth, permissions, logger } = options;
  const { entities, evaluation, summary, facts, exemptions, campaigns } =
    services;
  const router = Router();
  router.use(express.json({ limit: '512kb' }));

  const user = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  async function allowed(
    credentials: BackstageCredentials,
    permission: typeof scorecardsCampaignManagePermission,
  ) {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }

  router.get('/scorecards', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    parse(z.object({}).strict(), req.query, 'query');
    res.json({ items: entities.scorecards });
  });

  router.get('/entity', async (req, res) => {
    const credentials = await user(req);
    const { entityRef } = parse(entityQuerySchema, req.query, 'query');
    res.json(
      await evaluation.entityScorecards(normalizeRef(entityRef), credentials),
    );
  });

  router.post('/recheck', async (req, res) => {
    const credentials = await user(req);
    const { entityRef } = parse(recheckSchema, req.body, 'body');
    res.json(await evaluation.recheck(normalizeRef(entityRef), credentials));
  });

  router.get('/summary', async (req, res) => {
    await user(req);
    const query = parse(summaryQuerySchema, req.query, 'query');
    res.json(
      await summary.summary({
        days: query.days,
        ownerRef: query.ownerRef && normalizeRef(query.ownerRef, 'ownerRef'),
      }),
    );
  });

  // A page of services (a table, the home page) in one request.
  router.get('/levels', async (req, res) => {
    const credentials = await user(req);
    const { entityRef } = parse(levelsQuerySchema, req.query, 'query');
    res.json(
      await summary.levels(
        entityRef.map(r => normalizeRef(r)),
        credentials,
      ),
    );
  });

  // Facts from CI: a static service token (backend.auth.externalAccess).
  router.post('/facts', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['service'] });
    const subject = credentials.principal.subject;
    if (subject.startsWith('plugin:')) {
      throw new NotAllowedError(
        'Facts are accepted from CI service tokens only',
      );
    }
    const body = parse(factPostSchema, req.body, 'fact');
    const entityRef = normalizeRef(body.entityRef);
    await entities.ciReportTarget(entityRef, subject);
    const changed = await facts.record(body, entityRef, subject);
    logger.info(`Scorecard facts for ${entityRef} from ${subject}`);
    const response: FactPostResponse = { entityRef, changed };
    res.status(202).json(response);
  });

  router.post('/exemptions', async (req, res) => {
    const credentials = await user(req);
    const body = parse(exemptionCreateSchema, req.body, 'exemption');
    res
      .status(201)
      .json(
        await exemptions.create(
          { ...body, entityRef: normalizeRef(body.entityRef) },
          credentials,
        ),
      );
  });

  router.post('/exemptions/:id/approve', async (req, res) => {
    const credentials = await user(req);
    res.json(await exemptions.approve(req.params.id, credentials));
  });

  router.delete('/exemptions/:id', async (req, res) => {
    const credentials = await user(req);
    await exemptions.revoke(req.params.id, credentials);
    res.status(204).end();
  });

  router.get('/campaigns', async (req, res) => {
    await user(req);
    parse(z.object({}).strict(), req.query, 'query');
    res.json({ items: await campaigns.listCampaigns() });
  });

  router.get('/campaigns/:id', async (req, res) => {
    await user(req);
    if (!idSchema.safeParse(req.params.id).success) {
      throw new NotFoundError('Campaign not found');
    }
    res.json(await campaigns.campaign(req.params.id));
  });

  router.post('/campaigns', async (req, res) => {
    const credentials = await user(req);
    const body = parse(campaignCreateSchema, req.body, 'campaign');
    if (!(await allowed(credentials, scorecardsCampaignManagePermission))) {
      throw new NotAllowedError('Only the platform team may start a campaign');
    }
    res
      .status(201)
      .json(
        await campaigns.startCampaign(
          body,
          credentials.principal.userEntityRef,
        ),
      );
  });

  router.use(publicErrors(logger));
  return router;
}
