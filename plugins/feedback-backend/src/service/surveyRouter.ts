import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import {
  lastSurveyPeriods,
  Page,
  SurveyComment,
  SurveyResponseReceipt,
  surveyPeriodOf,
  surveyResponseRequestSchema,
  surveyResultsQuerySchema,
  SurveyStatus,
} from '@internal/plugin-feedback-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { SurveyStore } from '../database/SurveyStore';
import { parse } from './parse';
import { buildSurveyResults } from './surveyResults';

export interface SurveyRouterOptions {
  surveys: SurveyStore;
  httpAuth: HttpAuthService;
  catalogInfo: {
    teamOf(
      credentials: BackstageCredentials<BackstageUserPrincipal>,
    ): Promise<string | null>;
    teamTitles(teamRefs: string[]): Promise<Map<string, string>>;
  };
  /** Defaults to the system clock; tests pass their own. */
  clock?: () => Date;
}

const DEFAULT_PERIODS = { quarter: 8, month: 12 } as const;

const commentsQuerySchema = z
  .object({
    period: z
      .string()
      .regex(/^\d{4}-Q[1-4]$/, 'must be a quarter such as 2026-Q4')
      .optional(),
    cursor: z
      .string()
      .regex(/^\d{1,9}$/, 'invalid cursor')
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

/**
 * The satisfaction survey: offered once per quarter per user; a dismissal
 * ("Not now") also counts for the quarter. Results are aggregates only.
 */
export function createSurveyRouter(options: SurveyRouterOptions) {
  const { surveys, httpAuth, catalogInfo } = options;
  const clock = options.clock ?? (() => new Date());
  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  const user = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  async function status(userRef: string): Promise<SurveyStatus> {
    const period = surveyPeriodOf(clock());
    const done = await surveys.getStatus(userRef, period);
    return { period, offer: !done.answeredAt && !done.dismissedAt, ...done };
  }

  router.get('/surveys/current', async (req, res) => {
    const credentials = await user(req);
    res.json(await status(credentials.principal.userEntityRef));
  });

  router.post('/surveys/responses', async (req, res) => {
    const credentials = await user(req);
    const body = parse(surveyResponseRequestSchema, req.body, 'response');
    const now = clock();
    const period = surveyPeriodOf(now);
    await surveys.addResponse({
      userRef: credentials.principal.userEntityRef,
      teamRef: await catalogInfo.teamOf(credentials),
      quarter: period,
      nps: body.nps,
      ease: body.ease,
      comment: body.comment || undefined,
      createdAt: now.toISOString(),
    });
    const receipt: SurveyResponseReceipt = {
      period,
      createdAt: now.toISOString(),
    };
    res.status(201).json(receipt);
  });

  router.post('/surveys/dismissals', async (req, res) => {
    const credentials = await user(req);
    parse(z.object({}).strict(), req.body, 'dismissal');
    const userRef = credentials.principal.userEntityRef;
    const now = clock();
    await surveys.addDismissal(userRef, surveyPeriodOf(now), now.toISOString());
    res.status(201).json(await status(userRef));
  });

  router.get('/surveys/results', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const query = parse(surveyResultsQuerySchema, req.query, 'query');
    const periods = lastSurveyPeriods(
      clock(),
      query.granularity,
      query.periods ?? DEFAULT_PERIODS[query.granularity],
    );
    const aggregates = await surveys.aggregate(query.granularity, periods[0]);
    const teams = [
      ...new Set(
        aggregates.map(a => a.teamRef).filter((t): t is string => !!t),
      ),
    ];
    res.json(
      buildSurveyResults(
        aggregates,
        periods,
        await catalogInfo.teamTitles(teams),
      ),
    );
  });

  // Free text without respondent, team or any time finer than the quarter.
  router.get('/surveys/comments', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const query = parse(commentsQuerySchema, req.query, 'query');
    const period = query.period ?? surveyPeriodOf(clock());
    const offset = query.cursor ? Number(query.cursor) : 0;
    const texts = await surveys.listComments(period, {
      offset,
      limit: query.limit + 1,
    });
    const body: Page<SurveyComment> = {
      items: texts.slice(0, query.limit).map(text => ({ period, text })),
    };
    if (texts.length > query.limit) {
      body.nextCursor = String(offset + query.limit);
    }
    res.json(body);
  });

  return router;
}
