import { AuthService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  entityQuerySchema,
  summaryQuerySchema,
} from '@internal/plugin-scorecards-common';
import { actionUser, registerPortalAction } from '@internal/plugin-portal-node';
import { z } from 'zod/v3';
import { ScorecardsServices } from './service/createServices';
import { parse } from './service/parse';
import { normalizeRef } from './service/router';

const READ = { readOnly: true, idempotent: true, destructive: false };

const levelCounts = z
  .record(z.number())
  .describe('Services per level name; "None" below the first level');

const exemption = z
  .object({
    id: z.string(),
    checkId: z.string(),
    reason: z.string(),
    expiresOn: z.string(),
  })
  .passthrough();

/**
 * Scorecards as actions (Actions Registry, MCP): the same services as
 * `GET /entity` and `GET /summary`, as the calling person.
 */
export function registerScorecardActions(deps: {
  actionsRegistry: ActionsRegistryService;
  auth: AuthService;
  services: ScorecardsServices;
}) {
  const { actionsRegistry: registry, auth, services } = deps;

  registerPortalAction(registry, {
    name: 'get-service-scorecards',
    title: "A service's scorecards",
    description:
      'The maturity levels a service reached on each scorecard (e.g. production readiness, security), every check with its status (passed, failed or exempt), the fact behind it (e.g. "coverage 72.5%"), and for a failed check the next step to take (text and link). ' +
      'Use it for "what does my service need to reach the next level": the failed checks of the next level are the answer.',
    attributes: READ,
    schema: {
      input: zod =>
        zod.object({
          entityRef: zod
            .string()
            .min(1)
            .max(255)
            .describe('e.g. component:default/payouts-service'),
        }),
      output: zod =>
        zod
          .object({
            entityRef: zod.string(),
            scorecards: zod.array(
              zod
                .object({
                  scorecardId: zod.string(),
                  title: zod.string(),
                  level: zod
                    .string()
                    .nullable()
                    .describe('Reached level; null below the first'),
                  levelIndex: zod.number(),
                  levels: zod.array(zod.string()),
                  nextLevel: zod.string().nullable(),
                  checks: zod.array(
                    zod
                      .object({
                        id: zod.string(),
                        title: zod.string(),
                        level: zod.string(),
                        status: zod.enum(['passed', 'failed', 'exempt']),
                        fact: zod.string(),
                        measuredAt: zod.string().nullable(),
                        nextStep: zod
                          .object({
                            text: zod.string(),
                            url: zod.string().optional(),
                          })
                          .passthrough(),
                      })
                      .passthrough(),
                  ),
                  evaluatedAt: zod.string(),
                })
                .passthrough(),
            ),
            exemptions: zod.array(exemption),
          })
          .passthrough(),
    },
    action: async ({ input, credentials }) => {
      const person = actionUser(auth, credentials);
      const { entityRef } = parse(entityQuerySchema, input, 'input');
      return {
        output: await services.evaluation.entityScorecards(
          normalizeRef(entityRef),
          person,
        ),
      };
    },
  });

  registerPortalAction(registry, {
    name: 'get-team-scorecards',
    title: "A team's scorecard levels",
    description:
      "How a team's services (or, without ownerRef, every team's) stand on the scorecards: services per level, each service's level, exempt checks, the checks failed most often, and the daily trend. Use it for \"which of our services lag behind\".",
    attributes: READ,
    schema: {
      input: zod =>
        zod.object({
          ownerRef: zod
            .string()
            .min(1)
            .max(255)
            .optional()
            .describe(
              'group: entity ref of the team; omit for the organisation',
            ),
          days: zod
            .number()
            .int()
            .optional()
            .describe('Days of trend, 7..400 (default 90)'),
        }),
      output: zod =>
        zod
          .object({
            scope: zod.object({ ownerRef: zod.string().optional() }),
            scorecards: zod.array(
              zod
                .object({
                  id: zod.string(),
                  title: zod.string(),
                  levels: zod.array(zod.string()),
                })
                .passthrough(),
            ),
            distribution: zod.record(levelCounts),
            services: zod
              .array(
                zod
                  .object({
                    entityRef: zod.string(),
                    ownerRef: zod.string().nullable(),
                    levels: zod.record(zod.string().nullable()),
                    exempt: zod.record(zod.array(zod.string())),
                  })
                  .passthrough(),
              )
              .optional(),
            teams: zod.record(zod.array(zod.unknown())).optional(),
            exempt: zod.record(zod.number()),
            topFailed: zod.array(
              zod
                .object({
                  scorecardId: zod.string(),
                  checkId: zod.string(),
                  title: zod.string(),
                  failed: zod.number(),
                })
                .passthrough(),
            ),
            trend: zod.record(zod.array(zod.unknown())),
          })
          .passthrough(),
    },
    action: async ({ input, credentials }) => {
      actionUser(auth, credentials);
      const query = parse(summaryQuerySchema, input, 'input');
      return {
        output: await services.summary.summary({
          days: query.days,
          ownerRef: query.ownerRef && normalizeRef(query.ownerRef, 'ownerRef'),
        }),
      };
    },
  });
}
