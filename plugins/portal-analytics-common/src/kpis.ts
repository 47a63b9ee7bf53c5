import { z } from 'zod/v3';

/** The KPIs the platform team promises, in the order they are shown. @public */
export const KPI_IDS = [
  'nps',
  'selfServiceAdoption',
  'goldenPathNewServices',
  'timeToFirstDeployment',
  'deploymentFrequency',
  'changeFailureRate',
  'timeToRestore',
  'platformUptime',
  'onboardingTime',
  'roadmapCompletion',
] as const;

/** @public */
export const kpiIdSchema = z.enum(KPI_IDS);
/** @public */
export type KpiId = z.infer<typeof kpiIdSchema>;

/** One quarter of a KPI's trend, e.g. `2026-Q4`; null when it has no data. @public */
export const kpiQuarterSchema = z.object({
  quarter: z.string().regex(/^\d{4}-Q[1-4]$/),
  value: z.number().nullable(),
});
/** @public */
export type KpiQuarter = z.infer<typeof kpiQuarterSchema>;

/** One KPI of `GET /kpis`, computed on the server. @public */
export const kpiSchema = z.object({
  id: kpiIdSchema,
  title: z.string(),
  description: z.string(),
  /** score: a number; ratio: 0..1; hours; perDay: events per day. */
  unit: z.enum(['score', 'ratio', 'hours', 'perDay']),
  /** Met when the value is at least (`min`) or at most (`max`) the target. */
  direction: z.enum(['min', 'max']),
  target: z.number(),
  /** The portal page that explains the number. */
  link: z.string(),
  value: z.number().nullable(),
  /** `unknown` when there is no value. */
  status: z.enum(['on', 'off', 'unknown']),
  /** Calendar quarters, oldest first (empty when the source has none). */
  trend: z.array(kpiQuarterSchema),
  /** Set when the plugin the KPI comes from could not be read. */
  unavailable: z.string().optional(),
  /** The value is withheld: it would describe fewer than 5 people. */
  tooFewToShow: z.boolean().optional(),
});
/** @public */
export type Kpi = z.infer<typeof kpiSchema>;

/** `GET /kpis`: every KPI against its target. @public */
export const kpisResponseSchema = z.object({
  /** When the numbers were computed (ISO timestamp). */
  generatedAt: z.string(),
  /** The window of the current figures, in days (Platform Metrics shows the same at this window). */
  windowDays: z.number().int(),
  kpis: z.array(kpiSchema),
});
/** @public */
export type KpisResponse = z.infer<typeof kpisResponseSchema>;

/** Query of `GET /kpis`: none. @public */
export const kpisQuerySchema = z.object({}).strict();
