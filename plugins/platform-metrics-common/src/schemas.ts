import { z } from 'zod/v3';
import type { WindowDays } from './types';

/** Windows the metrics API accepts, in days. @public */
export const WINDOW_DAYS = [7, 30, 90, 365] as const;

/** Golden-path templates counted by golden-path adoption. @public */
export const GOLDEN_PATH_TEMPLATES = [
  'template:default/nodejs-api',
  'template:default/python-data-pipeline',
  'template:default/react-frontend',
] as const;

/** Self-service infrastructure templates counted by the self-service ratio. @public */
export const SELF_SERVICE_TEMPLATES = [
  'template:default/postgresql-database',
  'template:default/redis-cache',
] as const;

/** Catalog annotations the metrics read. @public */
export const ANNOTATIONS = {
  githubSlug: 'github.com/project-slug',
  pagerdutyService: 'pagerduty.com/service-id',
  sourceTemplate: 'backstage.io/source-template',
  templateVersion: 'fintech-fast.example/template-version',
  createdAt: 'fintech-fast.example/created-at',
} as const;

/** Largest batch accepted by one ingestion call. @public */
export const MAX_BATCH_SIZE = 5000;

const timestamp = z.string().datetime({
  offset: true,
  message: 'must be an ISO 8601 timestamp, e.g. 2026-05-01T12:00:00Z',
});
const sha = z
  .string()
  .regex(/^[0-9a-fA-F]{7,64}$/, 'must be a hexadecimal commit SHA');
const repository = z
  .string()
  .regex(/^[\w.-]+\/[\w.-]+$/, 'must be "owner/name"');
const entityRef = z.string().min(1).max(400);
const id = z.string().min(1).max(200);

/** Where an event belongs: an explicit entity ref or a repository slug. */
const target = {
  entityRef: entityRef.optional(),
  repository: repository.optional(),
};

function hasTarget(v: { entityRef?: string; repository?: string }) {
  return Boolean(v.entityRef || v.repository);
}
const targetMessage = {
  message: 'either entityRef or repository is required',
  path: ['entityRef'],
};

/** One deployment as accepted by `POST /events/deployments`. @public */
export const deploymentEventSchema = z
  .object({
    id,
    ...target,
    environment: z.string().min(1).max(100).default('production'),
    status: z.enum(['success', 'failure']),
    commitShas: z.array(sha).max(1000).default([]),
    deployedAt: timestamp,
    rollback: z.boolean().default(false),
    hotfix: z.boolean().default(false),
  })
  .strict()
  .refine(hasTarget, targetMessage);
/** @public */
export type DeploymentEventInput = z.input<typeof deploymentEventSchema>;
/** @public */
export type DeploymentEvent = z.output<typeof deploymentEventSchema>;

/** One change (commit) as accepted by `POST /events/changes`. @public */
export const changeEventSchema = z
  .object({
    sha,
    ...target,
    authoredAt: timestamp,
    mergedAt: timestamp.optional(),
    title: z.string().max(500).optional(),
  })
  .strict()
  .refine(hasTarget, targetMessage);
/** @public */
export type ChangeEventInput = z.input<typeof changeEventSchema>;
/** @public */
export type ChangeEvent = z.output<typeof changeEventSchema>;

/** One incident as accepted by `POST /events/incidents`. @public */
export const incidentEventSchema = z
  .object({
    id,
    ...target,
    pagerdutyServiceId: z.string().min(1).max(100).optional(),
    title: z.string().max(500).optional(),
    createdAt: timestamp,
    resolvedAt: timestamp.nullable().optional(),
    causeDeploymentId: id.optional(),
    causeCommitSha: sha.optional(),
  })
  .strict()
  .refine(v => hasTarget(v) || Boolean(v.pagerdutyServiceId), {
    message: 'either entityRef, repository or pagerdutyServiceId is required',
    path: ['entityRef'],
  })
  .refine(
    v => !v.resolvedAt || Date.parse(v.resolvedAt) >= Date.parse(v.createdAt),
    { message: 'must not be before createdAt', path: ['resolvedAt'] },
  );
/** @public */
export type IncidentEventInput = z.input<typeof incidentEventSchema>;
/** @public */
export type IncidentEvent = z.output<typeof incidentEventSchema>;

/** A body of one event or `{ events: [...] }`. @public */
export function batchSchema<T extends z.ZodTypeAny>(event: T) {
  return z.union([
    z.object({ events: z.array(event).min(1).max(MAX_BATCH_SIZE) }).strict(),
    event.transform(e => ({ events: [e] })),
  ]);
}

/** Answer of the ingestion endpoints. @public */
export interface IngestResult {
  accepted: number;
  duplicates: number;
  unmapped: number;
  ignored?: number;
}

const windowParam = z.coerce
  .number()
  .refine(v => (WINDOW_DAYS as readonly number[]).includes(v), {
    message: `must be one of ${WINDOW_DAYS.join(', ')}`,
  })
  .transform(v => v as WindowDays)
  .default(30);

/** Query of `GET /dora`. @public */
export const doraQuerySchema = z
  .object({
    entityRef: entityRef.optional(),
    window: windowParam,
    granularity: z.enum(['day', 'week']).default('week'),
  })
  .strict();

/** Query of `GET /events`. @public */
export const eventsQuerySchema = z
  .object({
    entityRef: entityRef.optional(),
    window: windowParam,
    type: z.enum(['deployment', 'change', 'incident']).default('deployment'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

/** Query of `GET /teams`. @public */
export const teamsQuerySchema = z.object({ window: windowParam }).strict();

/** Query of `GET /adoption`. @public */
export const adoptionQuerySchema = z
  .object({ window: windowParam.default(90), entityRef: entityRef.optional() })
  .strict();
