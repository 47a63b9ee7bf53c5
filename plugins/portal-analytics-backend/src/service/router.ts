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
  UsageSummaryResponse,
  UsageTopResponse,
} from '@internal/plugin-portal-analytics-common';
import {
  parse,
  publicErrors,
  tooFewToShow,
} from '@internal/plugin-portal-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { DateTime } from 'luxon';
import { RecordedEvent, UsageStore } from '../database/UsageStore';
import { ChannelUsageStore } from '../database/ChannelUsageStore';
import { channelReport } from './channels';
import { KpiService } from '../kpis/KpiService';
import { UserDirectory } from './directory';
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

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { store, directory, httpAuth, userInfo, timeZone } = options;
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

  function range(query: unknown) {
    const q = parse(usageQuerySchema, query, 'query');
    const to = q.to ?? todayIn(timeZone, now());
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
    const [active, dau, wau, mau, users] = await Promise.all([
      store.activeUsers({ from, to }),
      store.countActiveUsers({ from: to, to }),
      store.countActiveUsers({ from: windowStart(to, 7), to }),
      store.countActiveUsers({ from: windowStart(to, 30), to }),
      directory.counts(),
    ]);
    const teamRefs = new Set([
      ...active.perTeam.keys(),
      ...users.members.keys(),
    ]);
    const teams = [...teamRefs].map(teamRef => ({
      teamRef,
      activeUsers: active.perTeam.get(teamRef) ?? 0,
      members: users.members.get(teamRef) ?? 0,
    }));
    // A team's figure is about its people: shown from 5 active people on.
    const shown = teams.filter(t => !tooFewToShow(t.activeUsers));
    const body: UsageSummaryResponse = {
      from,
      to,
      timeZone,
      totalUsers: users.total,
      dau,
      wau,
      mau,
      activeUsers: active.total,
      daily: active.daily,
      weekly: active.weekly,
      monthly: active.monthly,
      teams: shown.sort(
        (a, b) =>
          b.activeUsers - a.activeUsers || a.teamRef.localeCompare(b.teamRef),
      ),
      teamsTooFewToShow: teams.length - shown.length,
    };
    res.json(body);
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
