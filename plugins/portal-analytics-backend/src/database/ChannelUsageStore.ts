import type { PortalChannel } from '@internal/plugin-portal-common';
import { DayRange } from './UsageStore';

/** Requests of one day, channel, capability and team (null: a service or a user without a team). */
export interface ChannelCount {
  day: string;
  channel: PortalChannel;
  capability: string;
  teamRef: string | null;
  requests: number;
}

/** A user who used a channel on a day, in a team (null: none). */
export interface ChannelUser {
  day: string;
  channel: PortalChannel;
  teamRef: string | null;
  userRef: string;
}

/** Work per channel, stored as daily aggregates. */
export interface ChannelUsageStore {
  /** Adds the counts and users to the day's aggregates, all or nothing. */
  recordChannels(counts: ChannelCount[], users: ChannelUser[]): Promise<void>;
  /** Requests per capability and channel in the range. */
  capabilityTotals(
    range: DayRange,
  ): Promise<
    { capability: string; channel: PortalChannel; requests: number }[]
  >;
  /** Requests and distinct users per team and channel in the range (teams only). */
  teamTotals(range: DayRange): Promise<
    {
      teamRef: string;
      channel: PortalChannel;
      requests: number;
      users: number;
    }[]
  >;
  /** Distinct users per channel in the range. */
  channelUsers(
    range: DayRange,
  ): Promise<{ channel: PortalChannel; users: number }[]>;
  /** Deletes the aggregates of days before `before`; returns the rows deleted. */
  pruneChannels(before: string): Promise<number>;
}
