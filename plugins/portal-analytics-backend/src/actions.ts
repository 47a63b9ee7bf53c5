import { AuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  kpisResponseSchema,
  portalAnalyticsUsageReadPermission,
} from '@internal/plugin-portal-analytics-common';
import {
  actionUser,
  authorizeAction,
  registerPortalAction,
} from '@internal/plugin-portal-node';
import { UsageStore } from './database/UsageStore';
import { KpiService } from './kpis/KpiService';
import { UserDirectory } from './service/directory';
import { usageRange } from './service/router';
import { usageSummary } from './service/usageSummary';

const READ = { readOnly: true, idempotent: true, destructive: false };

/**
 * Portal analytics as actions (Actions Registry, MCP): the KPIs from the
 * same KpiService as the KPI page, and the usage summary of the usage page
 * (the platform team's only, as the page).
 */
export function registerAnalyticsActions(deps: {
  actionsRegistry: ActionsRegistryService;
  auth: AuthService;
  permissions: PermissionsService;
  kpis: KpiService;
  store: UsageStore;
  directory: UserDirectory;
  timeZone: string;
}) {
  const { actionsRegistry: registry, auth, kpis } = deps;

  registerPortalAction(registry, {
    name: 'get-platform-kpis',
    title: 'Platform KPIs against their targets',
    description:
      'The KPIs the platform team promises, each with its value, its target, whether it is met (status on/off, unknown without data) and its quarterly trend: NPS of the portal surveys, self-service adoption, golden-path share of new services, time to first deployment, deployment frequency, change failure rate, time to restore, platform uptime, onboarding time and roadmap completion. ' +
      'Units: score (NPS, -100..100), ratio (0..1), hours, perDay. A KPI about fewer than 5 people is withheld (tooFewToShow). Use it for "is the platform meeting its goals".',
    attributes: READ,
    schema: {
      input: zod => zod.object({}),
      output: () => kpisResponseSchema,
    },
    action: async ({ credentials }) => ({
      output: await kpis.kpis(actionUser(auth, credentials)),
    }),
  });

  registerPortalAction(registry, {
    name: 'get-portal-usage',
    title: 'Portal usage',
    description:
      'How many people use the portal: distinct users on the last day, in the last 7 and 30 days and in the window, per day, week and month, and active people per team (a team with fewer than 5 active people is not shown). For the platform team only.',
    attributes: READ,
    // Listed only to those the policy lets read usage (the platform team).
    visibilityPermission: portalAnalyticsUsageReadPermission,
    schema: {
      input: zod =>
        zod.object({
          days: zod
            .number()
            .int()
            .optional()
            .describe('Window in days, 1..365 (default 30)'),
          to: zod
            .string()
            .optional()
            .describe('Last day of the window, YYYY-MM-DD (default today)'),
        }),
      output: zod =>
        zod
          .object({
            from: zod.string(),
            to: zod.string(),
            timeZone: zod.string(),
            totalUsers: zod.number().describe('User entities in the catalog'),
            dau: zod.number(),
            wau: zod.number(),
            mau: zod.number(),
            activeUsers: zod
              .number()
              .describe('Distinct users in the whole window'),
            daily: zod.array(
              zod.object({ period: zod.string(), users: zod.number() }),
            ),
            weekly: zod.array(
              zod.object({ period: zod.string(), users: zod.number() }),
            ),
            monthly: zod.array(
              zod.object({ period: zod.string(), users: zod.number() }),
            ),
            teams: zod.array(
              zod.object({
                teamRef: zod.string(),
                activeUsers: zod.number(),
                members: zod.number(),
              }),
            ),
            teamsTooFewToShow: zod.number(),
          })
          .passthrough(),
    },
    action: async ({ input, credentials }) => {
      const person = actionUser(auth, credentials);
      await authorizeAction(
        deps.permissions,
        person,
        { permission: portalAnalyticsUsageReadPermission },
        'Only the platform team may read usage',
      );
      // The query's own parser, which reads numbers as query strings do.
      const query = { days: input.days?.toString(), to: input.to };
      const { from, to } = usageRange(query, deps.timeZone, new Date());
      return { output: await usageSummary(deps, { from, to }) };
    },
  });
}
