import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  analyticsBatchSchema,
  kpisQuerySchema,
  portalAnalyticsUsageReadPermission,
  USAGE_RANKINGS,
  usageQuerySchema,
  UsageTopResponse,
} from '@internal/plugin-portal-analytics-common';
import { parse, publicErrors } from '@internal/plugin-portal-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { DateTime } from 'luxon';
import { RecordedEvent, UsageStore } from '../database/UsageStore';
import { ChannelUsageStore } from '../database/ChannelUsageStore';
import { channelReport } from './channels';
import { KpiService } from '../kpis/KpiService';
import { UserDirectory } from './directory';
import { usageSummary } from './usageSummary';
import {
  countersOf,
  periodsOf,
  teamOf,
  timestampProblem,
  todayIn,
  windowStart,
} from './rules';

export interface RouterOptions {
  store: UsageStore;
  /** Work per channel (browser, CLI, MCP). */
  channels: ChannelUsageStore;
  directory: UserDirectory;
  /** The platform KPIs, for everyone signed in. */
  kpis: KpiService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  logger: LoggerService;
  timeZone: string;
  now?: () => Date;
}

/** The window of a usage query: `days` days up to `to` (default today). */
export function usageRange(query: unknown, timeZone: string, now: Date) {
  const q = parse(usageQuerySchema, query, 'query');
  const to = q.to ?? todayIn(timeZone, now);
  if (!DateTime.fromISO(to, { zone: 'utc' }).isValid) {
    throw new InputError('Invalid query: to: not a calendar day');
  }
  return {
    from: windowStart(to, q.days),
    to,
    limit: q.limit,
    filter: q.filter,
  };
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { store, httpAuth, userInfo, timeZone } = options;
  const now = options.now ?? (() => new Date());
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  /** Usage is read by people the policy grants it (the platform team). */
  async function platformReader(req: Request) {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await options.permissions.authorize(
      [{ permission: portalAnalyticsUsageReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Only the platform team may read usage');
    }
  }

  const range = (query: unknown) => usageRange(query, timeZone, now());

  router.post('/events', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { events } = parse(analyticsBatchSchema, req.body, 'body');
    const at = now();
    events.forEach((e, i) => {
      const problem = timestampProblem(e.timestamp, at);
      if (problem) {
        throw new InputError(`Invalid body: events.${i}.timestamp ${problem}`);
      }
    });
    const info = await userInfo.getUserInfo(credentials);
    const userRef = info.userEntityRef.toLocaleLowerCase('en-US');
    const teamRef = teamOf(info.ownershipEntityRefs);
    const recorded: RecordedEvent[] = events.map(e => {
      const occurredAt = new Date(e.timestamp).toISOString();
      return {
        occurredAt,
        ...periodsOf(occurredAt, timeZone),
        userRef,
        teamRef,
        action: e.action,
        subject: e.subject,
        pluginId: e.pluginId ?? null,
        entityRef: e.entityRef ?? null,
        value: e.value ?? null,
        counters: countersOf(e),
      };
    });
    await store.record(recorded);
    res.status(202).json({ accepted: recorded.length });
  });

  router.get('/usage/summary', async (req, res) => {
    await platformReader(req);
    const { from, to } = range(req.query);
    res.json(await usageSummary(options, { from, to }));
  });

  router.get('/usage/top', async (req, res) => {
    await platformReader(req);
    const { from, to, limit, filter } = range(req.query);
    const lists = await Promise.all(
      USAGE_RANKINGS.map(kind => store.top(kind, { from, to }, limit, filter)),
    );
    const body = { from, to } as UsageTopResponse;
    USAGE_RANKINGS.forEach((kind, i) => {
      body[kind] = lists[i];
    });
    res.json(body);
  });

  // Work through the browser, the CLI and MCP, per capability and team.
  router.get('/usage/channels', async (req, res) => {
    await platformReader(req);
    const { from, to } = range(req.query);
    const [capabilities, teams, people] = await Promise.all([
      options.channels.capabilityTotals({ from, to }),
      options.channels.teamTotals({ from, to }),
      options.channels.channelUsers({ from, to }),
    ]);
    res.json(channelReport({ from, to, capabilities, teams, people }));
  });

  router.get('/kpis', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    parse(kpisQuerySchema, req.query, 'query');
    res.json(await options.kpis.kpis(credentials));
  });

  // Bodies over the limit are 413s that say so; anything unexpected is
  // logged and answered without its text.
  router.use(publicErrors(options.logger, 'Portal analytics'));
  return router;
}
