import { z } from 'zod/v3';
import type { WindowDays } from './types';
import {
  CREATED_AT_ANNOTATION,
  SOURCE_TEMPLATE_ANNOTATION,
  TEMPLATE_VERSION_ANNOTATION,
} from '@internal/plugin-golden-paths-common';

/** Windows the metrics API accepts, in days. @public */
export const WINDOW_DAYS = [7, 30, 90, 365] as const;

/** Catalog annotations the metrics read. @public */
export const ANNOTATIONS = {
  githubSlug: 'github.com/project-slug',
  pagerdutyService: 'pagerduty.com/service-id',
  // The golden paths write these; one copy, in golden-paths-common.
  sourceTemplate: SOURCE_TEMPLATE_ANNOTATION,
  templateVersion: TEMPLATE_VERSION_ANNOTATION,
  createdAt: CREATED_AT_ANNOTATION,
} as const;

/** Largest number of events accepted by one ingestion call. @public */
export const MAX_BATCH_SIZE = 1000;

/** Largest number of commits one deployment may name. @public */
export const MAX_COMMITS_PER_DEPLOYMENT = 500;

/**
 * Largest number of commits one request may write: the sum over a batch of
 * deployments, or the commits of one GitHub push (GitHub sends at most 2,048).
 * @public
 */
export const MAX_COMMITS_PER_REQUEST = 10_000;

/** Largest `offset` of `GET /events`. @public */
export const MAX_EVENTS_OFFSET = 100_000;

/** How far in the future (clock skew) an event time may be, in minutes. @public */
export const MAX_FUTURE_MINUTES = 60;

/**
 * Longest value of each stored text field, equal to the size of its database
 * column, so nothing valid can fail in the database. @public
 */
export const FIELD_LENGTHS = {
  entityRef: 255,
  repository: 255,
  id: 200,
  environment: 100,
  pagerdutyServiceId: 100,
  title: 500,
  /** Event source (the sending token's subject, or github, pagerduty, demo). */
  source: 16,
  /** Webhook delivery ids (X-GitHub-Delivery, PagerDuty event id). */
  deliveryId: 200,
} as const;

/** Sources written by the plugin itself; no token may send as one of them. @public */
export const RESERVED_SOURCES = ['api', 'demo', 'github', 'pagerduty'] as const;

/** What a token's subject must look like to be an event source. @public */
export const SOURCE_PATTERN = /^[a-z0-9][a-z0-9._-]{0,15}$/;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when a string has no lone UTF-16 surrogate (it encodes as UTF-8 as is). @public */
export function isWellFormed(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/**
 * Text that any database column of `max` characters can hold: no lone
 * surrogates (they are not UTF-8) and no control characters (PostgreSQL
 * refuses NUL).
 * @public
 */
export function text(max: number, min = 0) {
  return z
    .string()
    .min(min)
    .max(max)
    .refine(isWellFormed, 'must not contain lone UTF-16 surrogates')
    .refine(v => !CONTROL.test(v), 'must not contain control characters');
}

/**
 * An ISO 8601 time with a zone, from 1970 to at most MAX_FUTURE_MINUTES
 * ahead of now.
 * @public
 */
export const timestampSchema = z
  .string()
  .datetime({
    offset: true,
    message: 'must be an ISO 8601 timestamp, e.g. 2026-05-01T12:00:00Z',
  })
  .pipe(
    z.string().superRefine((v, ctx) => {
      const t = Date.parse(v);
      if (Number.isNaN(t) || t < 0) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: 'must be a real time after 1970-01-01',
        });
      } else if (t > Date.now() + MAX_FUTURE_MINUTES * 60_000) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: 'must not be in the future',
        });
      }
    }),
  );
const timestamp = timestampSchema;

/** A commit SHA (7 to 64 hexadecimal digits). @public */
export const shaSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{7,64}$/, 'must be a hexadecimal commit SHA');
const sha = shaSchema;

/** A repository slug `owner/name`. @public */
export const repositorySchema = z
  .string()
  .max(FIELD_LENGTHS.repository)
  .regex(/^[\w.-]+\/[\w.-]+$/, 'must be "owner/name"');
const repository = repositorySchema;

/** An entity ref as given (kind and namespace may be left out). @public */
export const entityRefSchema = text(FIELD_LENGTHS.entityRef, 1);
const entityRef = entityRefSchema;

/** An event id given by its sender. @public */
export const eventIdSchema = text(FIELD_LENGTHS.id, 1);
const id = eventIdSchema;

/** Optional: the sending token decides the source; a body may only repeat it. */
const source = z.string().max(100).optional();

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
    source,
    environment: text(FIELD_LENGTHS.environment, 1).default('production'),
    status: z.enum(['success', 'failure']),
    commitShas: z.array(sha).max(MAX_COMMITS_PER_DEPLOYMENT).default([]),
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
    source,
    authoredAt: timestamp,
    mergedAt: timestamp.optional(),
    title: text(FIELD_LENGTHS.title).optional(),
    /**
     * Who wrote the change: a catalog User's name (`alice`) or user entity
     * ref (`user:default/alice`). Counts for the onboarding time.
     */
    author: text(FIELD_LENGTHS.entityRef, 1).optional(),
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
    source,
    pagerdutyServiceId: text(FIELD_LENGTHS.pagerdutyServiceId, 1).optional(),
    title: text(FIELD_LENGTHS.title).optional(),
    createdAt: timestamp,
    resolvedAt: timestamp.nullable().optional(),
    /**
     * When the sender saw the incident in this state (default: resolvedAt,
     * else createdAt). An event older than the stored state changes nothing.
     */
    updatedAt: timestamp.optional(),
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
  )
  .refine(
    v => !v.updatedAt || Date.parse(v.updatedAt) >= Date.parse(v.createdAt),
    { message: 'must not be before createdAt', path: ['updatedAt'] },
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
  /** The webhook delivery was processed before: nothing changed. */
  duplicate?: true;
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
    granularity: z.enum(['day', 'week', 'quarter']).default('week'),
  })
  .strict();

/** Query of `GET /events`. @public */
export const eventsQuerySchema = z
  .object({
    entityRef: entityRef.optional(),
    window: windowParam,
    type: z.enum(['deployment', 'change', 'incident']).default('deployment'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(MAX_EVENTS_OFFSET).default(0),
  })
  .strict();

/** Most entities `GET /bands` answers for at once (a page of a table). @public */
export const MAX_BANDS_REFS = 100;

/** Query of `GET /bands`: one or more `entityRef`s. @public */
export const bandsQuerySchema = z
  .object({
    entityRef: z
      .union([entityRef, z.array(entityRef).min(1).max(MAX_BANDS_REFS)])
      .transform(v => (Array.isArray(v) ? v : [v])),
    window: windowParam,
  })
  .strict();

/** Query of `GET /teams`. @public */
export const teamsQuerySchema = z.object({ window: windowParam }).strict();

/** Query of `GET /onboarding`: Users who joined in the last `window` days. @public */
export const onboardingQuerySchema = z
  .object({ window: windowParam.default(90) })
  .strict();

/** Query of `GET /adoption`. @public */
export const adoptionQuerySchema = z
  .object({ window: windowParam.default(90), entityRef: entityRef.optional() })
  .strict();
