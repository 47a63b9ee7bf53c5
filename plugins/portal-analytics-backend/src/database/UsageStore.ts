import {
  ActivePoint,
  RankedKey,
  UsageRanking,
} from '@internal/plugin-portal-analytics-common';

/** An event ready to store: who, when (UTC and local periods), what it counts. */
export interface RecordedEvent {
  occurredAt: string;
  day: string;
  week: string;
  month: string;
  userRef: string;
  teamRef: string | null;
  action: string;
  subject: string;
  pluginId: string | null;
  entityRef: string | null;
  value: number | null;
  counters: { kind: UsageRanking; key: string }[];
}

/** Local days, both inclusive, YYYY-MM-DD. */
export interface DayRange {
  from: string;
  to: string;
}

export interface ActiveUsers {
  /** Distinct users in the range. */
  total: number;
  daily: ActivePoint[];
  weekly: ActivePoint[];
  monthly: ActivePoint[];
  /** Distinct users per team in the range (users without a team absent). */
  perTeam: Map<string, number>;
}

export interface UsageStore {
  /** Stores raw events and updates the daily aggregates, all or nothing. */
  record(events: RecordedEvent[]): Promise<void>;
  /** Distinct active users in the range. */
  countActiveUsers(range: DayRange): Promise<number>;
  activeUsers(range: DayRange): Promise<ActiveUsers>;
  /**
   * Most frequent keys of a kind in the range, by count then key; with
   * `filter`, only keys containing it (case-insensitive, no wildcards).
   */
  top(
    kind: UsageRanking,
    range: DayRange,
    limit: number,
    filter?: string,
  ): Promise<RankedKey[]>;
  /**
   * Clears the user and team of raw events that happened before `before`
   * (an instant); returns how many it cleared.
   */
  forgetUsers(before: Date): Promise<number>;
  /** Deletes raw events and aggregates of days before the given days. */
  prune(options: {
    rawBefore: string;
    aggregatesBefore: string;
  }): Promise<{ raw: number; aggregates: number }>;
}
