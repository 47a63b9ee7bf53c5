import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  AuthenticationError,
  InputError,
  NotAllowedError,
} from '@backstage/errors';
import {
  adoptionQuerySchema,
  bandsQuerySchema,
  changeEventSchema,
  deploymentEventSchema,
  doraQuerySchema,
  eventsQuerySchema,
  FIELD_LENGTHS,
  incidentEventSchema,
  MAX_BATCH_SIZE,
  MAX_COMMITS_PER_REQUEST,
  onboardingQuerySchema,
  platformMetricsRollupsRebuildPermission,
  RESERVED_SOURCES,
  SOURCE_PATTERN,
  teamsQuerySchema,
} from '@internal/plugin-platform-metrics-common';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { MetricsService } from './MetricsService';
import { parse, publicErrors } from '@internal/plugin-portal-node';
import {
  githubEvents,
  pagerDutyEvents,
  verifyGithubSignature,
  verifyPagerDutySignature,
  WebhookEvents,
  WebhookPayloadError,
} from './webhooks';
import {
  GITHUB_SIGNATURE,
  PAGERDUTY_SIGNATURE,
  webhookGuard,
} from './webhookGuard';

export interface RouterOptions {
  service: MetricsService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  logger: LoggerService;
  githubWebhookSecret?: string;
  pagerDutyWebhookSecret?: string;
}

/** A body of one event, or `{ events: [...] }` with each error's index. */
function parseBatch<S extends z.ZodTypeAny>(
  schema: S,
  body: unknown,
  what: string,
): z.infer<S>[] {
  if (body === undefined || body === null || typeof body !== 'object') {
    throw new InputError(`Invalid ${what}: the body must be a JSON object`);
  }
  if ('events' in body) {
    return parse(
      z.object({ events: z.array(schema).min(1).max(MAX_BATCH_SIZE) }).strict(),
      body,
      what,
    ).events;
  }
  return [parse(schema, body, what)];
}

const GITHUB_DELIVERY = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * The event source a service token sends as: its subject (the `subject` of
 * a `backend.auth.externalAccess` static token). Plugin tokens and users do
 * not send delivery events.
 */
function sourceOf(subject: string): string {
  if (subject.startsWith('plugin:')) {
    throw new NotAllowedError(
      'Delivery events are accepted from external service tokens only',
    );
  }
  if (
    !SOURCE_PATTERN.test(subject) ||
    (RESERVED_SOURCES as readonly string[]).includes(subject)
  ) {
    throw new NotAllowedError(
      `This token cannot send delivery events: its subject must name the event source in at most ${
        FIELD_LENGTHS.source
      } lower-case letters, digits, '.', '_' or '-', and not be one of ${RESERVED_SOURCES.join(
        ', ',
      )}`,
    );
  }
  return subject;
}

/** Parses a JSON body with `json`; only called once the caller may send it. */
async function readJson(
  json: express.RequestHandler,
  req: Request,
  res: Response,
) {
  const type = req.is('application/json');
  if (type === null || req.headers['content-length'] === '0') {
    throw new InputError('Invalid body: the body is empty');
  }
  if (!type) {
    throw new InputError(
      'Invalid body: send JSON with Content-Type: application/json',
    );
  }
  await new Promise<void>((resolve, reject) =>
    json(req, res, (err?: unknown) => (err ? reject(err) : resolve())),
  );
}

function bytesOf(body: unknown): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}

function jsonOf(body: Buffer): unknown {
  if (body.length === 0) {
    throw new InputError('Invalid webhook: empty body');
  }
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new InputError('Invalid webhook: body is not JSON');
  }
}

function payloadErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof WebhookPayloadError) {
      throw new InputError(error.message);
    }
    throw error;
  }
}

/** Stores what a webhook delivered, or says why it was ignored. */
async function ingestWebhook(
  service: MetricsService,
  source: string,
  parsed: WebhookEvents,
  deliveryId: string | undefined,
) {
  const delivery = deliveryId ? { source, id: deliveryId } : undefined;
  switch (parsed.kind) {
    case 'deployments':
      return service.ingestDeployments(
        source,
        parsed.events.map(e => ({ ...e, includePushedCommits: true })),
        { delivery },
      );
    case 'changes':
      return service.ingestChanges(source, parsed.events, { delivery });
    case 'incidents':
      return service.ingestIncidents(source, parsed.events, { delivery });
    default:
      return {
        accepted: 0,
        duplicates: 0,
        unmapped: 0,
        ignored: 1,
        reason: parsed.reason,
      };
  }
}

/** The metrics reads: users and services. */
function addReadRoutes(router: express.Router, options: RouterOptions) {
  const { service, httpAuth } = options;
  const reader = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/dora', async (req, res) => {
    await reader(req);
    res.json(await service.dora(parse(doraQuerySchema, req.query, 'query')));
  });

  // A page of a table (the catalog list, the home page) in one request.
  router.get('/bands', async (req, res) => {
    await reader(req);
    res.json(await service.bands(parse(bandsQuerySchema, req.query, 'query')));
  });

  router.get('/teams', async (req, res) => {
    await reader(req);
    res.json(await service.teams(parse(teamsQuerySchema, req.query, 'query')));
  });

  router.get('/events', async (req, res) => {
    await reader(req);
    res.json(
      await service.events(parse(eventsQuerySchema, req.query, 'query')),
    );
  });

  router.get('/adoption', async (req, res) => {
    await reader(req);
    res.json(
      await service.adoption(parse(adoptionQuerySchema, req.query, 'query')),
    );
  });

  router.get('/onboarding', async (req, res) => {
    await reader(req);
    res.json(
      await service.onboarding(
        parse(onboardingQuerySchema, req.query, 'query'),
      ),
    );
  });

  router.get('/unmapped', async (req, res) => {
    await reader(req);
    res.json(await service.unmapped());
  });
}

/** The event API's sender: bound to the services it reports for. */
const CI_TOKEN = { ciToken: true };

/** The event API: services only, each token sending as its own source. */
function addEventRoutes(router: express.Router, options: RouterOptions) {
  const { service, httpAuth } = options;
  const json = express.json({ limit: '10mb' });

  /** Who sends delivery events: a service token, whose subject is the source. */
  async function sender(req: Request): Promise<string> {
    const credentials = await httpAuth.credentials(req, { allow: ['service'] });
    return sourceOf(credentials.principal.subject);
  }

  /** The events of a body, each naming no other source than the sender's. */
  function eventsOf<S extends z.ZodTypeAny>(
    schema: S,
    body: unknown,
    what: string,
    source: string,
  ): z.infer<S>[] {
    const events = parseBatch(schema, body, what);
    events.forEach((e: { source?: string }, i) => {
      if (e.source !== undefined && e.source !== source) {
        throw new NotAllowedError(
          `Invalid ${what}: events.${i}.source: this token sends as '${source}', not as another source`,
        );
      }
    });
    return events;
  }

  router.post('/events/deployments', async (req, res) => {
    const source = await sender(req);
    await readJson(json, req, res);
    const events = eventsOf(
      deploymentEventSchema,
      req.body,
      'deployment',
      source,
    );
    const commits = events.reduce((n, e) => n + e.commitShas.length, 0);
    if (commits > MAX_COMMITS_PER_REQUEST) {
      throw new InputError(
        `Invalid deployment: events: at most ${MAX_COMMITS_PER_REQUEST} commitShas per request, got ${commits}`,
      );
    }
    res
      .status(202)
      .json(await service.ingestDeployments(source, events, CI_TOKEN));
  });

  router.post('/events/changes', async (req, res) => {
    const source = await sender(req);
    await readJson(json, req, res);
    const events = eventsOf(changeEventSchema, req.body, 'change', source);
    res.status(202).json(await service.ingestChanges(source, events, CI_TOKEN));
  });

  router.post('/events/incidents', async (req, res) => {
    const source = await sender(req);
    await readJson(json, req, res);
    const events = eventsOf(incidentEventSchema, req.body, 'incident', source);
    res
      .status(202)
      .json(await service.ingestIncidents(source, events, CI_TOKEN));
  });
}

/** GitHub and PagerDuty webhooks: signed, replay-safe. */
function addWebhookRoutes(router: express.Router, options: RouterOptions) {
  const { service, logger } = options;
  // Webhook signatures cover the exact bytes sent, so keep them raw; read
  // only once the signature header is there.
  const raw = express.raw({ type: () => true, limit: '5mb' });

  router.post(
    '/webhooks/github',
    webhookGuard(
      'GitHub',
      options.githubWebhookSecret,
      'X-Hub-Signature-256',
      GITHUB_SIGNATURE,
    ),
    raw,
    async (req, res) => {
      const body = bytesOf(req.body);
      if (
        !verifyGithubSignature(
          options.githubWebhookSecret!,
          body,
          req.header('x-hub-signature-256'),
        )
      ) {
        throw new AuthenticationError('Invalid X-Hub-Signature-256 signature');
      }
      const event = req.header('x-github-event');
      if (!event) throw new InputError('Missing X-GitHub-Event header');
      const delivery = req.header('x-github-delivery');
      if (!delivery || !GITHUB_DELIVERY.test(delivery)) {
        throw new InputError('Missing or invalid X-GitHub-Delivery header');
      }
      const parsed = payloadErrors(() => githubEvents(event, jsonOf(body)));
      const result = await ingestWebhook(service, 'github', parsed, delivery);
      logger.debug(
        `GitHub ${event} delivery ${delivery}: ${JSON.stringify(result)}`,
      );
      res.status(202).json(result);
    },
  );

  router.post(
    '/webhooks/pagerduty',
    webhookGuard(
      'PagerDuty',
      options.pagerDutyWebhookSecret,
      'X-PagerDuty-Signature',
      PAGERDUTY_SIGNATURE,
    ),
    raw,
    async (req, res) => {
      const body = bytesOf(req.body);
      if (
        !verifyPagerDutySignature(
          options.pagerDutyWebhookSecret!,
          body,
          req.header('x-pagerduty-signature'),
        )
      ) {
        throw new AuthenticationError(
          'Invalid X-PagerDuty-Signature signature',
        );
      }
      const parsed = payloadErrors(() => pagerDutyEvents(jsonOf(body)));
      const deliveryId =
        parsed.kind === 'incidents' ? parsed.deliveryId : undefined;
      res
        .status(202)
        .json(await ingestWebhook(service, 'pagerduty', parsed, deliveryId));
    },
  );
}

/**
 * Rebuilding the rollups: whoever holds `platform-metrics.rollups.rebuild`
 * (in the portal's policy the platform team; a service unless its token's
 * access restrictions leave the permission out).
 */
function addAdminRoutes(router: express.Router, options: RouterOptions) {
  const { service, httpAuth, permissions } = options;
  router.post('/rollups/rebuild', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: platformMetricsRollupsRebuildPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'Only the platform team or a service may rebuild the rollups',
      );
    }
    res.json(await service.rebuild());
  });
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  addReadRoutes(router, options);
  addEventRoutes(router, options);
  addWebhookRoutes(router, options);
  addAdminRoutes(router, options);
  // Bad JSON and undecodable paths are 400s; anything unexpected is logged
  // and answered without its text.
  router.use(publicErrors(options.logger, 'Platform metrics'));
  return router;
}
