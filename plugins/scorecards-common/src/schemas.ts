import { safeString as portalSafeString } from '@internal/plugin-portal-common';
import { z } from 'zod/v3';

/**
 * The portal's safe text, trimmed and by default required: a string of
 * at most `max` UTF-16 units, valid Unicode, without control characters.
 */
export function safeString(options: { max: number; min?: number }) {
  return portalSafeString({ ...options, min: options.min ?? 1, trim: true });
}

/** Longest entity ref stored (the database columns). @public */
export const MAX_ENTITY_REF_LENGTH = 255;
/** An entity ref as callers send it; the backend parses and normalises it. @public */
export const entityRefSchema = safeString({ max: MAX_ENTITY_REF_LENGTH });

const slug = z
  .string()
  .min(1)
  .max(64)
  .regex(
    /^[a-z0-9][a-z0-9-]*$/,
    'must be lower-case letters, digits and dashes',
  );

/** DORA performance bands, lowest first. @public */
export const DORA_BANDS = ['low', 'medium', 'high', 'elite'] as const;
/** Severities of friction reports and vulnerabilities. @public */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

const nextStepSchema = z
  .object({
    text: safeString({ max: 500 }),
    url: safeString({ max: 1000 })
      .refine(u => /^(https?:\/\/|\/)/.test(u), {
        message: 'must be an http(s) URL or a portal path starting with /',
      })
      .optional(),
  })
  .strict();

/** Who may exempt a service from a check. @public */
export const EXEMPTION_GRANTORS = ['none', 'owner', 'platform-team'] as const;
/** @public */
export type ExemptionGrantor = (typeof EXEMPTION_GRANTORS)[number];

/** How a check may be exempted, as written in a scorecard file. @public */
export const exemptionRuleSchema = z
  .object({
    /** Who may exempt: no one, the owners (and the platform team), or the platform team only. */
    by: z.enum(EXEMPTION_GRANTORS),
    /** Longest exemption in days, counted from the day it is granted. */
    maxDays: z.number().int().min(1).max(366).optional(),
  })
  .strict();

const checkBase = {
  id: slug,
  title: safeString({ max: 200 }),
  /** What to do when the check fails: a sentence and a link. */
  nextStep: nextStepSchema,
  /** Who may exempt a service from this check, for how long (defaults by kind). */
  exemption: exemptionRuleSchema.optional(),
  /** A security check: its exemptions count only once the platform team approved them. */
  security: z.boolean().optional(),
};

/** One check of a scorecard level, as written in a scorecard file. @public */
export const checkDefinitionSchema = z.discriminatedUnion('type', [
  z.object({ ...checkBase, type: z.literal('owner-is-group') }).strict(),
  z
    .object({
      ...checkBase,
      type: z.literal('annotation'),
      annotation: z.string().min(1).max(253),
    })
    .strict(),
  z
    .object({
      ...checkBase,
      type: z.literal('field'),
      field: z.enum([
        'spec.system',
        'spec.lifecycle',
        'spec.type',
        'metadata.description',
      ]),
    })
    .strict(),
  z.object({ ...checkBase, type: z.literal('provides-api') }).strict(),
  z
    .object({
      ...checkBase,
      type: z.literal('test-coverage'),
      minPercent: z.number().min(0).max(100),
    })
    .strict(),
  z
    .object({
      ...checkBase,
      type: z.literal('critical-vulnerabilities'),
      maxAgeDays: z.number().int().min(0).max(365),
    })
    .strict(),
  z.object({ ...checkBase, type: z.literal('golden-path') }).strict(),
  z.object({ ...checkBase, type: z.literal('not-drifted') }).strict(),
  z
    .object({
      ...checkBase,
      type: z.literal('dora'),
      minBand: z.enum(DORA_BANDS),
      windowDays: z.union([z.literal(30), z.literal(90), z.literal(365)]),
    })
    .strict(),
  z
    .object({
      ...checkBase,
      type: z.literal('friction'),
      severity: z.enum(SEVERITIES),
      maxAgeDays: z.number().int().min(0).max(365),
    })
    .strict(),
]);
/** @public */
export type CheckDefinition = z.infer<typeof checkDefinitionSchema>;

/** Which entities a scorecard or a campaign covers; every given list must match. @public */
export const entitySelectorSchema = z
  .object({
    kinds: z.array(z.string().min(1).max(64)).min(1).max(20).optional(),
    types: z.array(z.string().min(1).max(64)).max(20).optional(),
    lifecycles: z.array(z.string().min(1).max(64)).max(20).optional(),
    /** The entity has at least one of these tags. */
    tags: z.array(z.string().min(1).max(64)).max(20).optional(),
  })
  .strict();
/** @public */
export type EntitySelector = z.infer<typeof entitySelectorSchema>;

/** A scorecard file (`kind: Scorecard`). @public */
export const scorecardDefinitionSchema = z
  .object({
    apiVersion: z.literal('scorecards.portal/v1'),
    kind: z.literal('Scorecard'),
    metadata: z
      .object({
        name: slug,
        title: safeString({ max: 200 }),
        description: safeString({ max: 2000 }).optional(),
      })
      .strict(),
    spec: z
      .object({
        appliesTo: entitySelectorSchema.extend({
          kinds: entitySelectorSchema.shape.kinds.unwrap(),
        }),
        levels: z
          .array(
            z
              .object({
                name: safeString({ max: 40 }),
                checks: z.array(checkDefinitionSchema).min(1).max(50),
              })
              .strict(),
          )
          .min(1)
          .max(10),
      })
      .strict(),
  })
  .strict()
  .superRefine((def, ctx) => {
    const seen = new Set<string>();
    def.spec.levels.forEach((level, l) =>
      level.checks.forEach((check, c) => {
        if (seen.has(check.id)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ['spec', 'levels', l, 'checks', c, 'id'],
            message: `duplicate check id '${check.id}'`,
          });
        }
        seen.add(check.id);
      }),
    );
  });
/** @public */
export type ScorecardDefinition = z.infer<typeof scorecardDefinitionSchema>;

/** A calendar-valid UTC ISO-8601 timestamp. */
const isoTime = z
  .string()
  .max(40)
  .datetime({ offset: true })
  .refine(v => !Number.isNaN(Date.parse(v)), { message: 'not a real date' });

/** Longest vulnerability list one post may carry. @public */
export const MAX_VULNERABILITIES = 500;

/** Body of `POST /facts` (from CI, with a service token). @public */
export const factPostSchema = z
  .object({
    entityRef: entityRefSchema,
    /** When CI measured; defaults to the time of the post. */
    measuredAt: isoTime.optional(),
    /** Line coverage of the default branch, 0..100. */
    testCoverage: z.number().finite().min(0).max(100).optional(),
    /** Every open and recently fixed vulnerability of the last scan. */
    vulnerabilities: z
      .array(
        z
          .object({
            id: safeString({ max: 100 }),
            severity: z.enum(SEVERITIES),
            foundAt: isoTime,
            fixedAt: isoTime.optional(),
          })
          .strict(),
      )
      .max(MAX_VULNERABILITIES)
      .optional(),
  })
  .strict()
  .refine(
    b => b.testCoverage !== undefined || b.vulnerabilities !== undefined,
    { message: 'send testCoverage, vulnerabilities or both' },
  );
/** @public */
export type FactPost = z.infer<typeof factPostSchema>;

/** Query naming one entity. @public */
export const entityQuerySchema = z
  .object({ entityRef: entityRefSchema })
  .strict();

/** Body of `POST /recheck`. @public */
export const recheckSchema = entityQuerySchema;

/** A real calendar day, YYYY-MM-DD. */
export function isRealDay(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const time = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(v);
}

const day = z.string().max(10).refine(isRealDay, {
  message: 'must be a real date YYYY-MM-DD',
});

/** Shortest reason for an exemption: a sentence, not a word. @public */
export const MIN_EXEMPTION_REASON = 20;

/** Body of `POST /exemptions`. @public */
export const exemptionCreateSchema = z
  .object({
    entityRef: entityRefSchema,
    scorecardId: slug,
    checkId: slug,
    reason: safeString({ min: MIN_EXEMPTION_REASON, max: 1000 }),
    /** Last day (UTC) the exemption holds. */
    expiresOn: day,
  })
  .strict();
/** @public */
export type ExemptionCreate = z.infer<typeof exemptionCreateSchema>;

/** Exemption ids and campaign ids are UUIDs. @public */
export const idSchema = z.string().uuid();

/** Body of `POST /campaigns`. @public */
export const campaignCreateSchema = z
  .object({
    title: safeString({ min: 3, max: 200 }),
    scorecardId: slug,
    targetLevel: safeString({ max: 40 }),
    deadline: day,
    scope: entitySelectorSchema.default({}),
  })
  .strict();
/** @public */
export type CampaignCreate = z.infer<typeof campaignCreateSchema>;

/** Query of `GET /summary`: a team (group ref) or, without it, the organisation. @public */
export const summaryQuerySchema = z
  .object({
    ownerRef: entityRefSchema.optional(),
    days: z.coerce.number().int().min(7).max(400).default(90),
  })
  .strict();

/** Most services `GET /levels` answers for at once (a page of a table). @public */
export const MAX_LEVELS_REFS = 100;

/** Query of `GET /levels`: one or more `entityRef`s. @public */
export const levelsQuerySchema = z
  .object({
    entityRef: z
      .union([
        entityRefSchema,
        z.array(entityRefSchema).min(1).max(MAX_LEVELS_REFS),
      ])
      .transform(v => (Array.isArray(v) ? v : [v])),
  })
  .strict();
