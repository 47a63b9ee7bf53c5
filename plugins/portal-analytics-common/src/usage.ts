import { z } from 'zod/v3';
import { safeString } from './events';

/** A whole number in a query string (one value, not a list). */
function intParam(min: number, max: number, fallback: number) {
  return z
    .string()
    .regex(/^\d{1,6}$/, 'must be a whole number')
    .optional()
    .transform(v => (v === undefined ? fallback : Number(v)))
    .pipe(z.number().int().min(min).max(max));
}

/** Query of the usage endpoints: a window of days ending `to` (inclusive). @public */
export const usageQuerySchema = z
  .object({
    days: intParam(1, 365, 30),
    /** Last day of the window (in the portal's time zone), default today. */
    to: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day as YYYY-MM-DD')
      .optional(),
    limit: intParam(1, 100, 10),
    /** Only keys containing this text (case-insensitive), for `/usage/top`. */
    filter: safeString(100).optional(),
  })
  .strict();

/** @public */
export type UsageQuery = z.input<typeof usageQuerySchema>;

/** Kinds of ranked keys the usage page shows. @public */
export const USAGE_RANKINGS = [
  'page',
  'plugin',
  'template',
  'search',
  'searchNoResults',
  'entity',
  'doc',
] as const;

/** @public */
export type UsageRanking = (typeof USAGE_RANKINGS)[number];

/** @public */
export interface RankedKey {
  key: string;
  count: number;
}

/** Distinct users per day, ISO week (starting Monday) or calendar month. @public */
export interface ActivePoint {
  period: string;
  users: number;
}

/** @public */
export interface TeamActivity {
  teamRef: string;
  activeUsers: number;
  /** User entities that are members of the team in the catalog. */
  members: number;
}

/** `GET /usage/summary`. @public */
export interface UsageSummaryResponse {
  from: string;
  to: string;
  timeZone: string;
  /** User entities in the catalog. */
  totalUsers: number;
  /** Distinct users on the last day, in the last 7 and 30 days. */
  dau: number;
  wau: number;
  mau: number;
  /** Distinct users in the whole window. */
  activeUsers: number;
  daily: ActivePoint[];
  weekly: ActivePoint[];
  monthly: ActivePoint[];
  /** Teams with at least 5 active people in the window. */
  teams: TeamActivity[];
  /** Teams left out: fewer than 5 active people ("too few to show"). */
  teamsTooFewToShow: number;
}

/** `GET /usage/top`. @public */
export type UsageTopResponse = {
  from: string;
  to: string;
} & Record<UsageRanking, RankedKey[]>;

export { PORTAL_CHANNELS } from '@internal/plugin-portal-common';
export type { PortalChannel } from '@internal/plugin-portal-common';

/** `GET /usage/channels`: work through the browser, the CLI and MCP. @public */
export interface ChannelUsageResponse {
  from: string;
  to: string;
  channels: ('browser' | 'cli' | 'mcp')[];
  /** Requests per channel in the window. */
  totals: Record<'browser' | 'cli' | 'mcp', number>;
  /** Distinct people per channel in the window. */
  people: Record<'browser' | 'cli' | 'mcp', number>;
  /** Requests per capability (plugin and route group, or MCP tool), busiest first. */
  capabilities: {
    capability: string;
    requests: Record<'browser' | 'cli' | 'mcp', number>;
    total: number;
  }[];
  /**
   * Requests per team and channel; null where fewer than 5 people of the
   * team used the channel ("too few to show").
   */
  teams: {
    teamRef: string;
    requests: Record<'browser' | 'cli' | 'mcp', number | null>;
  }[];
  /** Teams left out: fewer than 5 people on every channel. */
  teamsTooFewToShow: number;
}
