import {
  AuthService,
  CacheService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  RootConfigService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createReportRequestSchema,
  feedbackReportUpdatePermission,
  FeedbackReportDetails,
  listReportsQuerySchema,
  FEEDBACK_STATUSES,
  FINAL_STATUSES,
  ReportCounts,
  reportCountsQuerySchema,
  shippedQuerySchema,
  similarReportsRequestSchema,
  updateStatusRequestSchema,
} from '@internal/plugin-feedback-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { FeedbackStore } from '../database/FeedbackStore';
import { SurveyStore } from '../database/SurveyStore';
import { createCatalogInfo } from './catalogInfo';
import { toApiEvent } from './serialize';
import { rankSimilar } from './similarity';
import { createSurveyRouter } from './surveyRouter';
import { createFeedbackReports, FeedbackReports, refParam } from './reports';
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
  /** The reports' operations; by default built from the options above. */
  reports?: FeedbackReports;
  /** Defaults to the system clock; tests pass their own. */
  clock?: () => Date;
}

const SIMILAR_MAX = 5;
const SIMILAR_CANDIDATES = 200;

export { isoWeek } from './reports';

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { store, httpAuth, permissions, notifications, logger } = options;
  const catalogInfo = createCatalogInfo(options);
  const platformTeamRef = options.config?.getOptionalString(
    'portal.platformTeam',
  );

  const reports =
    options.reports ??
    createFeedbackReports({
      store,
      catalogInfo,
      logger,
      notifyPlatformTeam: Boolean(platformTeamRef),
    });

  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  const caller = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  const present = reports.present;
  const loadReport = reports.load;

  router.post('/reports', async (req, res) => {
    const credentials = await caller(req);
    const body = parse(createReportRequestSchema, req.body, 'report');
    res.status(201).json(await reports.create(body, credentials));
  });

  // Also for services: the scorecards' friction check reads open reports.
  router.get('/reports', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parse(listReportsQuerySchema, req.query, 'query');
    res.json(await reports.list(query, credentials));
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
      events: events.map(e => toApiEvent(e, report)),
    };
    res.json(body);
  });

  router.post('/reports/:id/me-too', async (req, res) => {
    const credentials = await caller(req);
    res.json(await reports.meToo(req.params.id, credentials));
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
    res.json(await reports.shipped(query, credentials));
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
