import { quarterEnd, quarterSchema } from '@internal/plugin-portal-common';
import { z } from 'zod/v3';

/** Days an effort size stands for. */
export const EFFORT_DAYS = { S: 2, M: 5, L: 15 } as const;

/** 'S', 'M', 'L' or a number of days (0.5 to 365, at most one decimal). */
export const effortSchema = z.union([
  z.enum(['S', 'M', 'L']),
  z
    .string()
    .regex(/^\d{1,3}(\.\d)?$/, "must be 'S', 'M', 'L' or a number of days")
    .refine(v => Number(v) >= 0.5 && Number(v) <= 365, {
      message: 'must be between 0.5 and 365 days',
    }),
]);

export const planRequestSchema = z
  .object({ effort: effortSchema, plannedQuarter: quarterSchema.nullable() })
  .strict();

export const roadmapQuerySchema = z
  .object({ from: quarterSchema.optional(), to: quarterSchema.optional() })
  .strict();

export function effortDays(effort: string): number {
  return effort in EFFORT_DAYS
    ? EFFORT_DAYS[effort as keyof typeof EFFORT_DAYS]
    : Number(effort);
}

/** Rank: impact per day of effort (impact as the backlog computes it). */
export function score(impact: number, effort: string): number {
  return impact / effortDays(effort);
}

export interface RoadmapItem {
  id: string;
  text: string;
  entityRef: string;
  category: string;
  status: string;
  impact: number;
  effort: string;
  plannedQuarter: string | null;
  score: number;
  shippedAt: string | null;
}

/**
 * Completed share of a quarter: of the items planned for it, those shipped
 * before the quarter ended. `undefined` when nothing was planned.
 */
export function completion(
  items: RoadmapItem[],
  quarter: string,
): { planned: number; completed: number; ratio?: number } {
  const planned = items.filter(i => i.plannedQuarter === quarter);
  const end = quarterEnd(quarter);
  const completed = planned.filter(i => i.shippedAt && i.shippedAt < end);
  return {
    planned: planned.length,
    completed: completed.length,
    ratio: planned.length ? completed.length / planned.length : undefined,
  };
}
