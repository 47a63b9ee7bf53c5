import {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  campaignCreateSchema,
  entityQuerySchema,
  exemptionCreateSchema,
  factPostSchema,
  FactPostResponse,
  idSchema,
  recheckSchema,
  scorecardsCampaignManagePermission,
  scorecardsExemptionApprovePermission,
  scorecardsExemptionManagePermission,
  summaryQuerySchema,
} from '@internal/plugin-scorecards-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { ScorecardStore } from '../database/ScorecardStore';
import { matchesSelector } from '../engine/definitions';
import { dayOf, exemptionRequestRule } from '../engine/exemptions';
import { FACT_NAMES } from '../engine/facts';
import { parse, publicErrors } from './parse';
import { ScorecardsService } from './ScorecardsService';

export interface RouterOptions {
  service: ScorecardsService;
  store: ScorecardStore;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  logger: LoggerService;
  clock?: () => Date;
}

/** Facts may be measured at most this far in the future (clock skew). */
const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** A normalised (lower-case, full) entity ref, or a 400. */
export function normalizeRef(value: string, name = 'entityRef'): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    throw new InputError(`Invalid ${name}: not an entity ref`);
  }
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, store, httpAuth, permissions, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const router = Router();
  router.use(express.json({ limit: '512kb' }));

  const user = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  async function allowed(
    credentials: BackstageCredentials,
    request:
      | {
          permission: typeof scorecardsExemptionManagePermission;
          resourceRef: string;
        }
      | {
          permission:
            | typeof scorecardsCampaignManagePermission
            | typeof scorecardsExemptionApprovePermission;
        },
  ) {
    const [decision] = await permissions.authorize([request as any], {
      credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }

  router.get('/scorecards', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    parse(z.object({}).strict(), req.query, 'query');
    res.json({ items: service.scorecards });
  });

  router.get('/entity', async (req, res) => {
    const credentials = await user(req);
    const { entityRef } = parse(entityQuerySchema, req.query, 'query');
    res.json(
      await service.entityScorecards(normalizeRef(entityRef), credentials),
    );
  });

  router.post('/recheck', async (req, res) => {
    const credentials = await user(req);
    const { entityRef } = parse(recheckSchema, req.body, 'body');
    res.json(await service.recheck(normalizeRef(entityRef), credentials));
  });

  router.get('/summary', async (req, res) => {
    await user(req);
    const query = parse(summaryQuerySchema, req.query, 'query');
    res.json(
      await service.summary({
        days: query.days,
        ownerRef: query.ownerRef && normalizeRef(query.ownerRef, 'ownerRef'),
      }),
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
    const now = clock();
    const measuredAt = body.measuredAt
      ? new Date(body.measuredAt).toISOString()
      : now.toISOString();
    const future = now.getTime() + MAX_CLOCK_SKEW_MS;
    if (Date.parse(measuredAt) > future) {
      throw new InputError(
        'Invalid fact: measuredAt: must not be in the future',
      );
    }
    body.vulnerabilities?.forEach((v, i) => {
      if (Date.parse(v.foundAt) > future) {
        throw new InputError(
          `Invalid fact: vulnerabilities.${i}.foundAt: must not be in the future`,
        );
      }
      if (v.fixedAt && Date.parse(v.fixedAt) < Date.parse(v.foundAt)) {
        throw new InputError(
          `Invalid fact: vulnerabilities.${i}.fixedAt: must not be before foundAt`,
        );
      }
      if (v.fixedAt && Date.parse(v.fixedAt) > future) {
        throw new InputError(
          `Invalid fact: vulnerabilities.${i}.fixedAt: must not be in the future`,
        );
      }
    });
    let changed = false;
    if (body.testCoverage !== undefined) {
      changed =
        (await store.putFact({
          entityRef,
          name: FACT_NAMES.testCoverage,
          value: body.testCoverage,
          measuredAt,
          source: subject,
        })) || changed;
    }
    if (body.vulnerabilities !== undefined) {
      changed =
        (await store.putFact({
          entityRef,
          name: FACT_NAMES.vulnerabilities,
          value: body.vulnerabilities.map(v => ({
            ...v,
            foundAt: new Date(v.foundAt).toISOString(),
            ...(v.fixedAt
              ? { fixedAt: new Date(v.fixedAt).toISOString() }
              : {}),
          })),
          measuredAt,
          source: subject,
        })) || changed;
    }
    logger.info(`Scorecard facts for ${entityRef} from ${subject}`);
    const response: FactPostResponse = { entityRef, changed };
    res.status(202).json(response);
  });

  router.post('/exemptions', async (req, res) => {
    const credentials = await user(req);
    const body = parse(exemptionCreateSchema, req.body, 'exemption');
    const entityRef = normalizeRef(body.entityRef);
    const def = service.scorecard(body.scorecardId);
    const { check, rule } = exemptionRequestRule(def, body, dayOf(clock()));
    const entity = await service.readableEntity(entityRef, credentials);
    if (!matchesSelector(entity, def.spec.appliesTo)) {
      throw new InputError(
        `Invalid exemption: ${body.scorecardId} does not apply to ${entityRef}`,
      );
    }
    const platform = await allowed(credentials, {
      permission: scorecardsExemptionApprovePermission,
    });
    if (rule.by === 'platform-team' && !platform) {
      throw new NotAllowedError(
        `Only the platform team may exempt a service from '${check.title}'`,
      );
    }
    if (
      !platform &&
      !(await allowed(credentials, {
        permission: scorecardsExemptionManagePermission,
        resourceRef: entityRef,
      }))
    ) {
      throw new NotAllowedError(
        "Only the service's owners and the platform team may exempt it",
      );
    }
    const userRef = credentials.principal.userEntityRef;
    const exemption = await store.createExemption({
      ...body,
      entityRef,
      createdBy: userRef,
      ...(rule.needsApproval && platform ? { approvedBy: userRef } : {}),
    });
    await service.evaluate([entity]);
    await service.notifyExemption(
      exemption,
      check,
      rule.needsApproval && !exemption.approvedBy,
    );
    res.status(201).json(exemption);
  });

  router.post('/exemptions/:id/approve', async (req, res) => {
    const credentials = await user(req);
    const exemption = idSchema.safeParse(req.params.id).success
      ? await store.getExemption(req.params.id)
      : undefined;
    if (!exemption) throw new NotFoundError('Exemption not found');
    if (
      !(await allowed(credentials, {
        permission: scorecardsExemptionApprovePermission,
      }))
    ) {
      throw new NotAllowedError(
        'Only the platform team may approve exemptions',
      );
    }
    await store.approveExemption(
      exemption.id,
      credentials.principal.userEntityRef,
    );
    const entity = await service.readableEntity(
      exemption.entityRef,
      credentials,
    );
    await service.evaluate([entity]);
    res.json(await store.getExemption(exemption.id));
  });

  router.delete('/exemptions/:id', async (req, res) => {
    const credentials = await user(req);
    const exemption = idSchema.safeParse(req.params.id).success
      ? await store.getExemption(req.params.id)
      : undefined;
    if (!exemption) throw new NotFoundError('Exemption not found');
    if (
      !(await allowed(credentials, {
        permission: scorecardsExemptionManagePermission,
        resourceRef: exemption.entityRef,
      }))
    ) {
      throw new NotAllowedError(
        "Only the service's owners and the platform team may withdraw its exemptions",
      );
    }
    await store.revokeExemption(exemption.id);
    const entity = await service.readableEntity(
      exemption.entityRef,
      credentials,
    );
    await service.evaluate([entity]);
    res.status(204).end();
  });

  router.get('/campaigns', async (req, res) => {
    await user(req);
    parse(z.object({}).strict(), req.query, 'query');
    res.json({ items: await service.listCampaigns() });
  });

  router.get('/campaigns/:id', async (req, res) => {
    await user(req);
    if (!idSchema.safeParse(req.params.id).success) {
      throw new NotFoundError('Campaign not found');
    }
    res.json(await service.campaign(req.params.id));
  });

  router.post('/campaigns', async (req, res) => {
    const credentials = await user(req);
    const body = parse(campaignCreateSchema, req.body, 'campaign');
    if (
      !(await allowed(credentials, {
        permission: scorecardsCampaignManagePermission,
      }))
    ) {
      throw new NotAllowedError('Only the platform team may start a campaign');
    }
    res
      .status(201)
      .json(
        await service.startCampaign(body, credentials.principal.userEntityRef),
      );
  });

  router.use(publicErrors(logger));
  return router;
}
