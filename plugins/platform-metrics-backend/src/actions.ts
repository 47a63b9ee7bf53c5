import { AuthService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  adoptionQuerySchema,
  doraQuerySchema,
  eventsQuerySchema,
  teamsQuerySchema,
  WINDOW_DAYS,
} from '@internal/plugin-platform-metrics-common';
import {
  actionReader,
  parse,
  registerPortalAction,
} from '@internal/plugin-portal-node';
import { z } from 'zod/v3';
import { MetricsService } from './service/MetricsService';

const READ = { readOnly: true, idempotent: true, destructive: false };

const windowInput = (defaultDays: number) =>
  z
    .number()
    .int()
    .optional()
    .describe(
      `Window in days, one of ${WINDOW_DAYS.join(
        ', ',
      )} (default ${defaultDays}), ending now`,
    );

const entityRefInput = (what: string) =>
  z.string().min(1).max(255).optional().describe(what);

const band = z
  .enum(['elite', 'high', 'medium', 'low', 'none'])
  .describe("DORA band; 'none' when the window has no data");

const metric = (counts: string) =>
  z
    .object({
      value: z.number().nullable().describe(`${counts}; null without data`),
      unit: z.enum(['deploys/day', 'hours', 'ratio']),
      band,
      previous: z
        .number()
        .nullable()
        .describe('The same figure over the previous window of equal length'),
      sampleSize: z.number().describe('How many events the figure rests on'),
    })
    .passthrough();

const doraMetrics = z
  .object({
    deploymentFrequency: metric(
      'Successful production deployments per day; band from the median deploy days per week',
    ),
    leadTime: metric(
      'Median hours from commit to its successful production deployment',
    ),
    changeFailureRate: metric(
      'Production deployments that failed or caused an incident, over all production deployments (0..1)',
    ),
    timeToRestore: metric('Median hours from incident created to resolved'),
    reworkRate: metric(
      'Share of deployments that are rollbacks or hotfixes (0..1); DORA gives it no bands',
    ),
  })
  .passthrough();

const windowOutput = z
  .object({
    days: z.number(),
    from: z.string().describe('ISO timestamp'),
    to: z.string().describe('ISO timestamp'),
  })
  .passthrough();

const eventCount = z
  .object({
    deployments: z.number(),
    changes: z.number(),
    incidents: z.number(),
  })
  .passthrough();

const ratio = z
  .object({
    ratio: z.number().nullable().describe('numerator / denominator, 0..1'),
    numerator: z.number(),
    denominator: z.number(),
  })
  .passthrough();

const DEFINITIONS =
  'Deployment frequency: successful production deployments per day (band from the median deploy days per week: elite on demand, high at least weekly, medium at least monthly). ' +
  'Lead time: median hours from a commit to the successful production deployment that shipped it (elite < 1 day, high < 1 week, medium < 1 month). ' +
  'Change failure rate: production deployments that failed or that an incident names as its cause, over all production deployments (elite <= 5%, high <= 10%, medium <= 15%). ' +
  'Time to restore: median hours from incident created to resolved (elite < 1 hour, high < 1 day, medium < 1 week). ' +
  'Rework rate: share of deployments that are rollbacks or hotfixes (no bands).';

/**
 * The platform metrics as actions (Actions Registry, MCP): the same
 * MetricsService calls as `GET /dora`, `/teams`, `/events` and `/adoption`,
 * open to every signed-in person and service as those routes are.
 */
export function registerMetricsActions(deps: {
  actionsRegistry: ActionsRegistryService;
  auth: AuthService;
  service: MetricsService;
}) {
  const { actionsRegistry: registry, auth, service } = deps;

  registerPortalAction(registry, {
    name: 'get-dora-metrics',
    title: 'DORA metrics',
    description:
      `How a component, a team (with its sub-teams), a system or the whole organisation ships: the four DORA keys plus rework rate over a window, each with its band (elite/high/medium/low), the previous window and the number of events behind it, and a trend. ` +
      `Use it to answer "how is my team doing", "what is the lead time of X". Leave entityRef out for the organisation. ${DEFINITIONS}`,
    attributes: READ,
    schema: {
      input: zod =>
        zod.object({
          entityRef: entityRefInput(
            'component:, group: or system: entity ref, e.g. group:default/payments-team; omit for the organisation',
          ),
          window: windowInput(30),
          granularity: zod
            .enum(['day', 'week', 'quarter'])
            .optional()
            .describe('Trend step (default week)'),
        }),
      output: zod =>
        zod
          .object({
            scope: zod
              .object({
                kind: zod.enum(['component', 'team', 'system', 'organisation']),
                entityRef: zod.string().optional(),
                title: zod.string().optional(),
                componentCount: zod
                  .number()
                  .describe('Components the figures cover'),
              })
              .passthrough(),
            window: windowOutput,
            metrics: doraMetrics,
            trend: zod.array(
              zod.object({ period: zod.string() }).passthrough(),
            ),
            eventCount,
          })
          .passthrough(),
    },
    action: async ({ input, credentials }) => {
      actionReader(auth, credentials);
      return {
        output: await service.dora(parse(doraQuerySchema, input, 'input')),
      };
    },
  });

  registerPortalAction(registry, {
    name: 'list-team-metrics',
    title: 'DORA metrics of every team',
    description: `Every team with its services, golden-path share and DORA figures over a window, and its overall band (the lowest band of the four keys that have data). Use it to compare teams or find the ones that need help. ${DEFINITIONS}`,
    attributes: READ,
    schema: {
      input: zod => zod.object({ window: windowInput(30) }),
      output: zod =>
        zod
          .object({
            window: windowOutput,
            teams: zod.array(
              zod
                .object({
                  entityRef: zod.string(),
                  title: zod.string(),
                  services: zod.number(),
                  goldenPathShare: zod
                    .number()
                    .nullable()
                    .describe(
                      "Share of the team's components created from a golden path",
                    ),
                  metrics: doraMetrics,
                  overallBand: band,
                  eventCount,
                })
                .passthrough(),
            ),
          })
          .passthrough(),
    },
    action: async ({ input, credentials }) => {
      actionReader(auth, credentials);
      return {
        output: await service.teams(parse(teamsQuerySchema, input, 'input')),
      };
    },
  });

  registerPortalAction(registry, {
    name: 'list-delivery-events',
    title: 'Events behind a metric',
    description:
      'The delivery events a DORA figure rests on, newest first: production deployments, changes (commits) or incidents of a component, team or system (or all) in a window, paged with limit/offset. ' +
      'Use it to explain a number ("which deployments failed", "which incidents took long").',
    attributes: READ,
    schema: {
      input: zod =>
        zod.object({
          entityRef: entityRefInput(
            'component:, group: or system: entity ref; omit for all',
          ),
          window: windowInput(30),
          type: zod
            .enum(['deployment', 'change', 'incident'])
            .optional()
            .describe('Which events (default deployment)'),
          limit: zod.number().int().optional().describe('1..200, default 50'),
          offset: zod.number().int().optional().describe('Default 0'),
        }),
      output: zod =>
        zod
          .object({
            items: zod.array(
              zod
                .object({
                  id: zod.string(),
                  type: zod.enum(['deployment', 'change', 'incident']),
                  entityRef: zod.string().nullable(),
                  time: zod.string(),
                  details: zod.record(zod.unknown()),
                })
                .passthrough(),
            ),
            total: zod.number().describe('Events matching, over all pages'),
          })
          .passthrough(),
    },
    action: async ({ input, credentials }) => {
      actionReader(auth, credentials);
      return {
        output: await service.events(parse(eventsQuerySchema, input, 'input')),
      };
    },
  });

  registerPortalAction(registry, {
    name: 'get-adoption',
    title: 'Platform adoption',
    description:
      'Adoption figures of a team (with its sub-teams) or the organisation: golden-path adoption (components whose backstage.io/source-template names a golden path, over all components; also for components created in the window), per team, median time from creation to first production deployment, self-service ratio (resources created in the window through self-service templates over all created), and ownership coverage (components owned by an existing Group; the rest listed as zombies). Use it for "how much does team X use the golden paths".',
    attributes: READ,
    schema: {
      input: zod =>
        zod.object({
          entityRef: entityRefInput(
            'group: entity ref of a team; omit for the organisation',
          ),
          window: windowInput(90),
        }),
      output: zod =>
        zod
          .object({
            window: windowOutput,
            scope: zod
              .object({
                kind: zod.enum(['team', 'organisation']),
                entityRef: zod.string().optional(),
              })
              .passthrough(),
            goldenPathAdoption: ratio,
            newComponentsAdoption: ratio,
            perTeam: zod.array(
              ratio.extend({ entityRef: zod.string(), title: zod.string() }),
            ),
            timeToFirstDeploy: zod
              .object({
                medianHours: zod.number().nullable(),
                sampleSize: zod.number(),
              })
              .passthrough(),
            selfServiceRatio: ratio,
            ownershipCoverage: ratio.extend({
              zombies: zod.array(
                zod
                  .object({
                    entityRef: zod.string(),
                    owner: zod.string().nullable(),
                  })
                  .passthrough(),
              ),
            }),
            eventCount: zod.number(),
          })
          .passthrough(),
    },
    action: async ({ input, credentials }) => {
      actionReader(auth, credentials);
      return {
        output: await service.adoption(
          parse(adoptionQuerySchema, input, 'input'),
        ),
      };
    },
  });
}
