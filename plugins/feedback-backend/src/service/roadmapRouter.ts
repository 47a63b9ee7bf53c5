import {
  DatabaseService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { feedbackRoadmapPlanPermission } from '@internal/plugin-feedback-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  quarterOf,
  quartersBetween,
  shiftQuarter,
} from '@internal/plugin-portal-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { DatabaseRoadmapStore, RoadmapStore } from '../database/RoadmapStore';
import { parse, publicErrors } from './parse';
import {
  completion,
  planRequestSchema,
  RoadmapItem,
  roadmapQuerySchema,
  score,
} from './roadmap';

export interface RoadmapRouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  logger: LoggerService;
  database: DatabaseService;
  /** Tests pass a store; otherwise one on the plugin's database. */
  roadmap?: RoadmapStore;
  clock?: () => Date;
}

const byScore = (a: RoadmapItem, b: RoadmapItem) =>
  b.score - a.score || a.id.localeCompare(b.id);

/**
 * The roadmap: `GET /roadmap` (any user) and `PUT /roadmap/items/:id`
 * (who holds `feedback.roadmap.plan`, in the portal's policy the platform
 * team, sets an item's effort and planned quarter).
 */
export async function createRoadmapRouter(
  options: RoadmapRouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions } = options;
  const clock = options.clock ?? (() => new Date());
  const store =
    options.roadmap ??
    (await DatabaseRoadmapStore.create({
      database: options.database,
      skipMigrations: true,
    }));

  const router = Router();
  router.use('/roadmap', express.json({ limit: '8kb' }));

  router.get('/roadmap', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user'] });
    const query = parse(roadmapQuerySchema, req.query, 'query');
    const current = quarterOf(clock().toISOString());
    const from = query.from ?? shiftQuarter(current, -1);
    const to = query.to ?? shiftQuarter(current, 2);
    if (from > to) {
      throw new InputError('Invalid query: from must not be after to');
    }
    const quarters = quartersBetween(from, to);
    if (quarters[quarters.length - 1] !== to) {
      throw new InputError('Invalid query: at most 12 quarters at a time');
    }
    const items: RoadmapItem[] = (await store.listPlanned()).map(p => ({
      ...p,
      score: score(p.impact, p.effort),
    }));
    res.json({
      quarters: quarters.map(quarter => ({
        quarter,
        ...completion(items, quarter),
        items: items.filter(i => i.plannedQuarter === quarter).sort(byScore),
      })),
      unscheduled: items.filter(i => i.plannedQuarter === null).sort(byScore),
    });
  });

  router.put('/roadmap/items/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize(
      [{ permission: feedbackRoadmapPlanPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'Only the platform team may set effort and planned quarters',
      );
    }
    if (!z.string().uuid().safeParse(req.params.id).success) {
      throw new NotFoundError('Report not found');
    }
    const plan = parse(planRequestSchema, req.body, 'body');
    await store.setPlan(
      req.params.id,
      plan,
      credentials.principal.userEntityRef,
      clock(),
    );
    res.json({ id: req.params.id, ...plan });
  });

  router.use(publicErrors(options.logger));
  return router;
}
