import {
  AuthService,
  HttpAuthService,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  InputError,
  NotAllowedError,
} from '@backstage/errors';
import {
  adoptionQuerySchema,
  changeEventSchema,
  deploymentEventSchema,
  doraQuerySchema,
  eventsQuerySchema,
  incidentEventSchema,
  MAX_BATCH_SIZE,
  teamsQuerySchema,
} from '@internal/plugin-platform-metrics-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { MetricsService } from './MetricsService';
import { parse } from './parse';
import {
  githubEvents,
  pagerDutyEvents,
  verifyGithubSignature,
  verifyPagerDutySignature,
  WebhookEvents,
  WebhookPayloadError,
} from './webhooks';

export interface RouterOptions {
  service: MetricsService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  userInfo: UserInfoService;
  logger: LoggerService;
  githubWebhookSecret?: string;
  pagerDutyWebhookSecret?: string;
  /** Group whose members may rebuild rollups (besides service principals). */
  platformTeam: string;
}

/** A body of one event, or `{ events: [...] }` with each error's index. */
function parseBatch<S extends z.ZodTypeAny>(
  schema: S,
  body: unknown,
  what: string,
): z.infer<S>[] {
  if (body && typeof body === 'object' && 'events' in body) {
    return parse(
      z.object({ events: z.array(schema).min(1).max(MAX_BATCH_SIZE) }).strict(),
      body,
      what,
    ).events;
  }
  return [parse(schema, body, what)];
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, httpAuth, logger } = options;
  const router = Router();

  // Webhook signatures cover the exact bytes sent, so keep them raw.
  router.use('/webhooks', express.raw({ type: () => true, limit: '5mb' }));
  router.use(express.json({ limit: '10mb' }));

  const reader = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/dora', async (req, res) => {
    await reader(req);
    res.json(await service.dora(parse(doraQuerySchema, req.query, 'query')));
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

  router.get('/unmapped', async (req, res) => {
    await reader(req);
    res.json(await service.unmapped());
  });

  router.post('/events/deployments', async (req, res) => {
    await reader(req);
    const events = parseBatch(deploymentEventSchema, req.body, 'deployment');
    res.status(202).json(await service.ingestDeployments('api', events));
  });

  router.post('/events/changes', async (req, res) => {
    await reader(req);
    const events = parseBatch(changeEventSchema, req.body, 'change');
    res.status(202).json(await service.ingestChanges('api', events));
  });

  router.post('/events/incidents', async (req, res) => {
    await reader(req);
    const events = parseBatch(incidentEventSchema, req.body, 'incident');
    res.status(202).json(await service.ingestIncidents('api', events));
  });

  async function ingestWebhook(source: string, parsed: WebhookEvents) {
    switch (parsed.kind) {
      case 'deployments':
        return service.ingestDeployments(
          source,
          parsed.events.map(e => ({ ...e, includePushedCommits: true })),
        );
      case 'changes':
        return service.ingestChanges(source, parsed.events);
      case 'incidents':
        return service.ingestIncidents(source, parsed.events);
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

  function jsonOf(body: unknown): unknown {
    if (!Buffer.isBuffer(body) || body.length === 0) {
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

  router.post('/webhooks/github', async (req, res) => {
    if (!options.githubWebhookSecret) {
      throw new AuthenticationError(
        'GitHub webhooks are not accepted: platformMetrics.github.webhookSecret is not configured',
      );
    }
    if (
      !verifyGithubSignature(
        options.githubWebhookSecret,
        req.body,
        req.header('x-hub-signature-256'),
      )
    ) {
      throw new AuthenticationError('Invalid X-Hub-Signature-256 signature');
    }
    const event = req.header('x-github-event');
    if (!event) throw new InputError('Missing X-GitHub-Event header');
    const body = jsonOf(req.body);
    const parsed = payloadErrors(() => githubEvents(event, body));
    const result = await ingestWebhook('github', parsed);
    logger.debug(
      `GitHub ${event} delivery ${
        req.header('x-github-delivery') ?? '?'
      }: ${JSON.stringify(result)}`,
    );
    res.status(202).json(result);
  });

  router.post('/webhooks/pagerduty', async (req, res) => {
    if (!options.pagerDutyWebhookSecret) {
      throw new AuthenticationError(
        'PagerDuty webhooks are not accepted: platformMetrics.pagerduty.webhookSecret is not configured',
      );
    }
    if (
      !verifyPagerDutySignature(
        options.pagerDutyWebhookSecret,
        req.body,
        req.header('x-pagerduty-signature'),
      )
    ) {
      throw new AuthenticationError('Invalid X-PagerDuty-Signature signature');
    }
    const parsed = payloadErrors(() => pagerDutyEvents(jsonOf(req.body)));
    res.status(202).json(await ingestWebhook('pagerduty', parsed));
  });

  router.post('/rollups/rebuild', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (options.auth.isPrincipal(credentials, 'user')) {
      const info = await options.userInfo.getUserInfo(credentials);
      const refs = info.ownershipEntityRefs.map(r =>
        r.toLocaleLowerCase('en-US'),
      );
      if (!refs.includes(options.platformTeam.toLocaleLowerCase('en-US'))) {
        throw new NotAllowedError(
          `Only members of ${options.platformTeam} may rebuild the rollups`,
        );
      }
    }
    res.json(await service.rebuild());
  });

  return router;
}
