import {
  ChannelUsageResponse,
  PORTAL_CHANNELS,
  PortalChannel,
} from '@internal/plugin-portal-analytics-common';
import { tooFewToShow } from '@internal/plugin-portal-node';
import { ChannelCount, ChannelUser } from '../database/ChannelUsageStore';
import { periodsOf } from './rules';

/** A counted request with its caller known (userRef null: a service). */
export interface AttributedHit {
  at: number;
  channel: PortalChannel;
  capability: string;
  userRef: string | null;
  teamRef: string | null;
}

/** Daily aggregates of attributed requests, in the portal's time zone. */
export function aggregateHits(
  hits: AttributedHit[],
  timeZone: string,
): { counts: ChannelCount[]; users: ChannelUser[] } {
  const counts = new Map<string, ChannelCount>();
  const users = new Map<string, ChannelUser>();
  for (const hit of hits) {
    const { day } = periodsOf(new Date(hit.at).toISOString(), timeZone);
    const countKey = [day, hit.channel, hit.capability, hit.teamRef].join(
      '\u0000',
    );
    const count = counts.get(countKey);
    if (count) count.requests += 1;
    else {
      counts.set(countKey, {
        day,
        channel: hit.channel,
        capability: hit.capability,
        teamRef: hit.teamRef,
        requests: 1,
      });
    }
    if (hit.userRef) {
      const userKey = [day, hit.channel, hit.teamRef, hit.userRef].join(
        '\u0000',
      );
      users.set(userKey, {
        day,
        channel: hit.channel,
        teamRef: hit.teamRef,
        userRef: hit.userRef,
      });
    }
  }
  return { counts: [...counts.values()], users: [...users.values()] };
}

const zero = (): Record<PortalChannel, number> => ({
  browser: 0,
  cli: 0,
  mcp: 0,
});

/**
 * The usage page's table: requests per capability and channel (busiest
 * first), and per team and channel, where a team's cell is withheld (null)
 * unless at least MIN_GROUP_SIZE people of the team used that channel in
 * the window; teams with every cell withheld are left out and counted.
 */
export function channelReport(input: {
  from: string;
  to: string;
  capabilities: {
    capability: string;
    channel: PortalChannel;
    requests: number;
  }[];
  teams: {
    teamRef: string;
    channel: PortalChannel;
    requests: number;
    users: number;
  }[];
  people: { channel: PortalChannel; users: number }[];
}): ChannelUsageResponse {
  const totals = zero();
  const byCapability = new Map<string, Record<PortalChannel, number>>();
  for (const c of input.capabilities) {
    totals[c.channel] += c.requests;
    const row = byCapability.get(c.capability) ?? zero();
    row[c.channel] += c.requests;
    byCapability.set(c.capability, row);
  }
  const people = zero();
  for (const p of input.people) people[p.channel] = p.users;
  const byTeam = new Map<string, Record<PortalChannel, number | null>>();
  for (const t of input.teams) {
    const row = byTeam.get(t.teamRef) ?? {
      browser: null,
      cli: null,
      mcp: null,
    };
    row[t.channel] = tooFewToShow(t.users) ? null : t.requests;
    byTeam.set(t.teamRef, row);
  }
  const sum = (r: Record<PortalChannel, number | null>) =>
    PORTAL_CHANNELS.reduce((n, c) => n + (r[c] ?? 0), 0);
  const teams = [...byTeam]
    .filter(([, r]) => PORTAL_CHANNELS.some(c => r[c] !== null))
    .map(([teamRef, requests]) => ({ teamRef, requests }))
    .sort(
      (a, b) =>
        sum(b.requests) - sum(a.requests) || a.teamRef.localeCompare(b.teamRef),
    );
  return {
    from: input.from,
    to: input.to,
    channels: [...PORTAL_CHANNELS],
    totals,
    people,
    capabilities: [...byCapability]
      .map(([capability, requests]) => ({
        capability,
        requests,
        total: PORTAL_CHANNELS.reduce((n, c) => n + requests[c], 0),
      }))
      .sort(
        (a, b) => b.total - a.total || a.capability.localeCompare(b.capability),
      ),
    teams,
    teamsTooFewToShow: byTeam.size - teams.length,
  };
}
