import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import {
  lastSurveyPeriods,
  MIN_SURVEY_GROUP_SIZE,
  SurveyCommentsPage,
  surveyCommentsQuerySchema,
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

/** `2026-11` -> `2026-10`: the first month of its quarter. */
export function firstMonthOfQuarter(month: string): string {
  const m = Number(month.slice(5));
  return `${month.slice(0, 4)}-${String(m - ((m - 1) % 3)).padStart(2, '0')}`;
}

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
    // Whole quarters, so that a month's cells never depend on the window.
    const from =
      query.granularity === 'month'
        ? firstMonthOfQuarter(periods[0])
        : periods[0];
    const aggregates = await surveys.aggregate(query.granularity, from);
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
        query.granularity,
      ),
    );
  });

  // Free text without respondent, team or time (only the quarter), in an
  // order that says nothing about when it was written, and only from a
  // quarter with enough answers that a comment cannot be pinned on a few.
  router.get('/surveys/comments', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const query = parse(surveyCommentsQuerySchema, req.query, 'query');
    const period = query.period ?? surveyPeriodOf(clock());
    if ((await surveys.countResponses(period)) < MIN_SURVEY_GROUP_SIZE) {
      const suppressed: SurveyCommentsPage = { items: [], suppressed: true };
      res.json(suppressed);
      return;
    }
    const offset = query.cursor ? Number(query.cursor) : 0;
    const texts = await surveys.listComments(period, {
      offset,
      limit: query.limit + 1,
    });
    const body: SurveyCommentsPage = {
      items: texts.slice(0, query.limit).map(text => ({ period, text })),
      suppressed: false,
    };
    if (texts.length > query.limit) {
      body.nextCursor = String(offset + query.limit);
    }
    res.json(body);
  });

  return router;
}
