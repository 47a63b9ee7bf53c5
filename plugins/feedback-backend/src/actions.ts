import { AuthService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  createReportRequestSchema,
  FEEDBACK_CATEGORIES,
  FEEDBACK_SEVERITIES,
  FEEDBACK_STATUSES,
  listReportsQuerySchema,
  MAX_PAGE_SIZE,
  MAX_REPORT_TEXT_LENGTH,
  shippedQuerySchema,
} from '@internal/plugin-feedback-common';
import {
  ActionRateLimit,
  actionReader,
  actionUser,
  registerPortalAction,
} from '@internal/plugin-portal-node';
import { z } from 'zod/v3';
import { parse } from './service/parse';
import { FeedbackReports } from './service/reports';

const report = z
  .object({
    id: z.string(),
    entityRef: z.string().describe('What the report is about'),
    entityOwnerRef: z.string().nullable(),
    category: z.enum(FEEDBACK_CATEGORIES),
    severity: z.enum(FEEDBACK_SEVERITIES),
    text: z.string(),
    anonymous: z.boolean(),
    status: z.enum(FEEDBACK_STATUSES),
    impact: z
      .number()
      .describe("Affected reporters weighted by their teams' sizes"),
    supporterCount: z.number().describe('The reporter and every "me too"'),
    createdAt: z.string(),
    updatedAt: z.string(),
    reporterRef: z.string().optional().describe('Absent on anonymous reports'),
    reporterTeamRef: z.string().nullable().optional(),
    supportedByMe: z.boolean(),
  })
  .passthrough();

const page = {
  cursor: z
    .string()
    .optional()
    .describe('nextCursor of the previous page, to read on'),
  limit: z
    .number()
    .int()
    .optional()
    .describe(`Page size, 1..${MAX_PAGE_SIZE} (default 20)`),
};

/**
 * Feedback as actions (Actions Registry, MCP): the same operations as the
 * feedback API's routes, as the calling person.
 */
export function registerFeedbackActions(deps: {
  actionsRegistry: ActionsRegistryService;
  auth: AuthService;
  reports: FeedbackReports;
  /** The per-person limit of the write routes, for the writing actions. */
  rateLimit: ActionRateLimit;
}) {
  const { actionsRegistry: registry, auth, reports, rateLimit } = deps;

  registerPortalAction(registry, {
    name: 'report-friction',
    title: 'Report friction',
    description:
      'Tells the platform team where something hurts (docs, CI/CD, deployment, provisioning, local development, tooling) about a catalog entity: files a friction report in your name, or anonymously (then no one, the platform team included, ever sees who filed it). ' +
      'Before filing, look at the open reports of the entity (list-entity-reports) and add a "me too" (support-report) instead of a duplicate.',
    attributes: { readOnly: false, idempotent: false, destructive: false },
    rateLimit,
    schema: {
      input: zod =>
        zod.object({
          entityRef: zod
            .string()
            .min(1)
            .max(255)
            .describe(
              'What it is about, e.g. component:default/payouts-service',
            ),
          category: zod.enum(FEEDBACK_CATEGORIES),
          severity: zod.enum(FEEDBACK_SEVERITIES),
          text: zod
            .string()
            .min(1)
            .max(MAX_REPORT_TEXT_LENGTH)
            .describe('What happened and what it cost, in the person’s words'),
          anonymous: zod
            .boolean()
            .optional()
            .describe('File without naming the reporter (default false)'),
        }),
      output: () => report,
    },
    action: async ({ input, credentials }) => {
      const person = actionUser(auth, credentials);
      const body = parse(createReportRequestSchema, input, 'report');
      return { output: await reports.create(body, person) };
    },
  });

  registerPortalAction(registry, {
    name: 'support-report',
    title: 'Me too',
    description:
      'Adds you as affected ("me too") to an open friction report, which raises its impact so the platform backlog sorts it higher; you are then told of each status change. Supporting a report twice changes nothing.',
    attributes: { readOnly: false, idempotent: true, destructive: false },
    rateLimit,
    schema: {
      input: zod =>
        zod.object({ reportId: zod.string().describe('The report id') }),
      output: () => report,
    },
    action: async ({ input, credentials }) => {
      const person = actionUser(auth, credentials);
      return { output: await reports.meToo(input.reportId, person) };
    },
  });

  registerPortalAction(registry, {
    name: 'list-entity-reports',
    title: 'Friction reports of an entity',
    description:
      'The friction reports about a catalog entity, highest impact first: by default the open ones (not shipped or declined); or those of one status. Reporters of anonymous reports are never named.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: zod =>
        zod.object({
          entityRef: zod.string().min(1).max(255),
          status: zod
            .enum(FEEDBACK_STATUSES)
            .optional()
            .describe('Only this status; by default every open report'),
          ...page,
        }),
      output: zod =>
        zod.object({
          items: zod.array(report),
          nextCursor: zod.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const caller = actionReader(auth, credentials);
      const query = parse(listReportsQuerySchema, input, 'query');
      return {
        output: await reports.list({ ...query, open: !query.status }, caller),
      };
    },
  });

  registerPortalAction(registry, {
    name: 'list-shipped',
    title: 'What shipped',
    description:
      'What the platform team shipped from friction reports, per ISO week, newest first, over the last weeks (the changelog of the feedback loop). Use it to answer "what changed on the platform lately".',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: zod =>
        zod.object({
          weeks: zod
            .number()
            .int()
            .optional()
            .describe('How many weeks back, 1..104 (default 12)'),
          ...page,
        }),
      output: zod =>
        zod.object({
          items: zod.array(
            zod.object({
              week: zod.string().describe('ISO week, e.g. 2026-W47'),
              items: zod.array(report.extend({ shippedAt: zod.string() })),
            }),
          ),
          nextCursor: zod.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const person = actionUser(auth, credentials);
      const query = parse(shippedQuerySchema, input, 'query');
      return { output: await reports.shipped(query, person) };
    },
  });
}
