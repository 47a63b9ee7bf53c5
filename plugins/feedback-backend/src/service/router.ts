import {
  AuthService,
  BackstageCredentials,
  CacheService,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  RootConfigService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createReportRequestSchema,
  feedbackReportUpdatePermission,
  FeedbackReport,
  FeedbackReportDetails,
  listReportsQuerySchema,
  FEEDBACK_STATUSES,
  FINAL_STATUSES,
  Page,
  ReportCounts,
  reportCountsQuerySchema,
  reportIdSchema,
  ShippedWeek,
  shippedQuerySchema,
  similarReportsRequestSchema,
  updateStatusRequestSchema,
} from '@internal/plugin-feedback-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { DateTime } from 'luxon';
import { FeedbackStore, StoredReport } from '../database/FeedbackStore';
import { SurveyStore } from '../database/SurveyStore';
import { createCatalogInfo, normalizeRef } from './catalogInfo';
import { toApiEvent, toApiReport } from './serialize';
import { rankSimilar } from './similarity';
import { createSurveyRouter } from './surveyRouter';
import { impactOf, teamsToWeigh } from './impact';
import { parse, publicErrors } from './parse';

export interface RouterOptions {
  store: FeedbackStore;
  httpAuth: HttpAuthService;
  auth: AuthService;
  userInfo: UserInfoService;
  cache: CacheService;
  permissions: PermissionsService;
  catalog: CatalogService;
  notifications: NotificationService;
  logger: LoggerService;
  surveys: SurveyStore;
  /**
   * `portal.platformTeam` names the group told about every new report (an
   * outbox entry per report; plugin.ts schedules the sending).
   */
  config?: RootConfigService;
  /** Defaults to the system clock; tests pass their own. */
  clock?: () => Date;
}

const SIMILAR_MAX = 5;
const SIMILAR_CANDIDATES = 200;

function refParam(
  value: string | undefined,
  name: string,
  defaultKind?: string,
) {
  if (value === undefined) return undefined;
  try {
    return normalizeRef(value, { defaultKind });
  } catch {
    throw new InputError(`Invalid ${name}: '${value}' is not an entity ref`);
  }
}

/** ISO week of a UTC ISO timestamp, e.g. `2026-W47`. */
export function isoWeek(iso: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).toFormat("kkkk-'W'WW");
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { store, httpAuth, permissions, notifications, logger } = options;
  const catalogInfo = createCatalogInfo(options);
  const platformTeamRef = options.config?.getOptionalString(
    'portal.platformTeam',
  );

  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  const caller = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  async function present(
    reports: StoredReport[],
    credentials: BackstageCredentials<
      BackstageUserPrincipal | BackstageServicePrincipal
    >,
  ): Promise<FeedbackReport[]> {
    const mine =
      credentials.principal.type === 'user'
        ? await store.supportedBy(
            credentials.principal.userEntityRef,
            reports.map(r => r.id),
          )
        : new Set<string>();
    return reports.map(r => toApiReport(r, mine.has(r.id)));
  }

  /** Report ids are UUIDs; anything else is not found (and not echoed). */
  async function loadReport(id: string): Promise<StoredReport> {
    const report = reportIdSchema.safeParse(id).success
      ? await store.getReport(id)
      : undefined;
    if (!report) {
      throw new NotFoundError('Report not found');
    }
    return report;
  }

  router.post('/reports', async (req, res) => {
    const credentials = await caller(req);
    const body = parse(createReportRequestSchema, req.body, 'report');
    const entityRef = refParam(body.entityRef, 'entityRef')!;
    const [entity, reporterTeamRef] = await Promise.all([
      catalogInfo.entityOwner(entityRef, credentials),
      catalogInfo.teamOf(credentials),
    ]);
    if (!entity) {
      throw new InputError(`Unknown entity ${body.entityRef}`);
    }
    // The reporter weighs as a supporter; an anonymous one without a team.
    const reporter = {
      userRef: credentials.principal.userEntityRef,
      teamRef: body.anonymous ? null : reporterTeamRef,
    };
    const sizes = await catalogInfo.teamSizes(teamsToWeigh([reporter]));
    // The platform team's notification is committed with the report and
    // sent after the response (notificationOutbox.ts).
    const report = await store.createReport(
      {
        entityRef,
        entityOwnerRef: entity.ownerRef,
        category: body.category,
        severity: body.severity,
        text: body.text,
        anonymous: body.anonymous,
        reporterRef: reporter.userRef,
        reporterTeamRef,
        impact: impactOf([reporter], sizes),
      },
      { notifyPlatformTeam: Boolean(platformTeamRef) },
    );
    logger.info(`Feedback report ${report.id} created for ${entityRef}`);
    res.status(201).json(toApiReport(report, true));
  });

  // Also for services: the scorecards' friction check reads open reports.
  router.get('/reports', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parse(listReportsQuerySchema, req.query, 'query');
    const principal = credentials.principal;
    if (query.mine && principal.type !== 'user') {
      throw new InputError('mine=true needs a signed-in user');
    }
    const page = await store.listReports(
      {
        status: query.status,
        category: query.category,
        entityRef: refParam(query.entityRef, 'entityRef'),
        ownerRef: refParam(query.ownerRef, 'ownerRef', 'group'),
        reporterTeamRef: refParam(
          query.reporterTeamRef,
          'reporterTeamRef',
          'group',
        ),
        supporterRef:
          query.mine && principal.type === 'user'
            ? principal.userEntityRef
            : undefined,
      },
      { cursor: query.cursor, limit: query.limit },
    );
    const body: Page<FeedbackReport> = {
      items: await present(page.items, credentials),
    };
    if (page.nextCursor) body.nextCursor = page.nextCursor;
    res.json(body);
  });

  // Before /reports/:id, which would otherwise take "counts" as an id.
  router.get('/reports/counts', async (req, res) => {
    await caller(req);
    const query = parse(reportCountsQuerySchema, req.query, 'query');
    const entityRef = refParam(query.entityRef, 'entityRef')!;
    const counts = await store.countByStatus(entityRef);
    const byStatus = Object.fromEntries(
      FEEDBACK_STATUSES.map(s => [s, counts[s] ?? 0]),
    ) as ReportCounts['byStatus'];
    const total = FEEDBACK_STATUSES.reduce((sum, s) => sum + byStatus[s], 0);
    const body: ReportCounts = {
      entityRef,
      open: FEEDBACK_STATUSES.filter(s => !FINAL_STATUSES.includes(s)).reduce(
        (sum, s) => sum + byStatus[s],
        0,
      ),
      total,
      byStatus,
    };
    res.json(body);
  });

  // A POST so that the draft text travels in the body, never in a URL.
  router.post('/reports/similar', async (req, res) => {
    const credentials = await caller(req);
    const query = parse(similarReportsRequestSchema, req.body, 'query');
    const entityRef = refParam(query.entityRef, 'entityRef');
    const candidates = await store.listOpenCandidates({
      entityRef,
      category: query.category,
      limit: SIMILAR_CANDIDATES,
    });
    const ranked = rankSimilar(
      candidates,
      { entityRef, category: query.category, text: query.text },
      SIMILAR_MAX,
    );
    res.json({ items: await present(ranked, credentials) });
  });

  router.get('/reports/:id', async (req, res) => {
    const credentials = await caller(req);
    const report = await loadReport(req.params.id);
    const events = await store.listEvents(report.id);
    const [item] = await present([report], credentials);
    const body: FeedbackReportDetails = {
      ...item,
      events: events.map(e => toApiEvent(e, report.anonymous)),
    };
    res.json(body);
  });

  router.post('/reports/:id/me-too', async (req, res) => {
    const credentials = await caller(req);
    const current = await loadReport(req.params.id);
    if (current.status === 'shipped' || current.status === 'declined') {
      throw new InputError(
        `Report is ${current.status}; me-too is only possible on open reports`,
      );
    }
    const supporter = {
      userRef: credentials.principal.userEntityRef,
      teamRef: await catalogInfo.teamOf(credentials),
    };
    const anonymousReporterRef = current.anonymous
      ? current.reporterRef
      : undefined;
    // Current sizes of every team the supporters are in; a team that joins
    // at the same moment and is missing here weighs 1 until the next me-too.
    const supporters = [...(await store.listSupporters(current.id)), supporter];
    const sizes = await catalogInfo.teamSizes(
      teamsToWeigh(supporters, anonymousReporterRef),
    );
    const { report } = await store.addSupporter(current.id, supporter, all =>
      impactOf(all, sizes, anonymousReporterRef),
    );
    res.json(toApiReport(report, true));
  });

  router.post('/reports/:id/status', async (req, res) => {
    const credentials = await caller(req);
    const body = parse(updateStatusRequestSchema, req.body, 'status change');
    const current = await loadReport(req.params.id);
    const [decision] = await permissions.authorize(
      [
        {
          permission: feedbackReportUpdatePermission,
          resourceRef: current.entityRef,
        },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'You may not change the status of feedback on this entity',
      );
    }
    const { report } = await store.changeStatus(current.id, {
      status: body.status,
      note: body.note,
      actorRef: credentials.principal.userEntityRef,
    });
    logger.info(
      `Feedback report ${report.id} moved from ${current.status} to ${report.status}`,
    );

    // Tell every supporter (anonymous reporters included; the recipients are
    // not visible to anyone else). Never fail the move because of this.
    try {
      const supporters = await store.listSupporters(report.id);
      const entityName = parseEntityRef(report.entityRef).name;
      await notifications.send({
        recipients: {
          type: 'entity',
          entityRef: supporters.map(s => s.userRef),
        },
        payload: {
          title: `Your feedback on ${entityName} is now ${report.status}`,
          description: body.note,
          link: `/feedback/${report.id}`,
          topic: 'feedback',
          scope: `feedback:${report.id}`,
        },
      });
    } catch (error) {
      logger.error(
        `Failed to notify supporters of feedback report ${report.id}: ${error}`,
      );
    }

    const [item] = await present([report], credentials);
    res.json(item);
  });

  router.get('/shipped', async (req, res) => {
    const credentials = await caller(req);
    const query = parse(shippedQuerySchema, req.query, 'query');
    const since = DateTime.utc()
      .minus({ weeks: query.weeks })
      .startOf('week')
      .toISO()!;
    const page = await store.listShipped(since, {
      cursor: query.cursor,
      limit: query.limit,
    });
    const presented = await present(page.items, credentials);
    const weeks: ShippedWeek[] = [];
    page.items.forEach((stored, i) => {
      const week = isoWeek(stored.shippedAt);
      let group = weeks[weeks.length - 1];
      if (!group || group.week !== week) {
        group = { week, items: [] };
        weeks.push(group);
      }
      group.items.push({ ...presented[i], shippedAt: stored.shippedAt });
    });
    const body: Page<ShippedWeek> = { items: weeks };
    if (page.nextCursor) body.nextCursor = page.nextCursor;
    res.json(body);
  });

  router.use(
    createSurveyRouter({
      surveys: options.surveys,
      httpAuth,
      catalogInfo,
      clock: options.clock,
    }),
  );

  router.use(publicErrors(logger));

  return router;
}
