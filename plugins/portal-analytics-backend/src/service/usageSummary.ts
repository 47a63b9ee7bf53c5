import { UsageSummaryResponse } from '@internal/plugin-portal-analytics-common';
import { tooFewToShow } from '@internal/plugin-portal-node';
import { UsageStore } from '../database/UsageStore';
import { UserDirectory } from './directory';
import { windowStart } from './rules';

/**
 * The portal's usage over a window (days `from`..`to` in the portal's time
 * zone): distinct users per day, week and month, and per team, a team shown
 * only from 5 active people on. What `GET /usage/summary` answers and the
 * usage action returns.
 */
export async function usageSummary(
  deps: { store: UsageStore; directory: UserDirectory; timeZone: string },
  range: { from: string; to: string },
): Promise<UsageSummaryResponse> {
  const { store, directory, timeZone } = deps;
  const { from, to } = range;
  const [active, dau, wau, mau, users] = await Promise.all([
    store.activeUsers({ from, to }),
    store.countActiveUsers({ from: to, to }),
    store.countActiveUsers({ from: windowStart(to, 7), to }),
    store.countActiveUsers({ from: windowStart(to, 30), to }),
    directory.counts(),
  ]);
  const teamRefs = new Set([...active.perTeam.keys(), ...users.members.keys()]);
  const teams = [...teamRefs].map(teamRef => ({
    teamRef,
    activeUsers: active.perTeam.get(teamRef) ?? 0,
    members: users.members.get(teamRef) ?? 0,
  }));
  // A team's figure is about its people: shown from 5 active people on.
  const shown = teams.filter(t => !tooFewToShow(t.activeUsers));
  return {
    from,
    to,
    timeZone,
    totalUsers: users.total,
    dau,
    wau,
    mau,
    activeUsers: active.total,
    daily: active.daily,
    weekly: active.weekly,
    monthly: active.monthly,
    teams: shown.sort(
      (a, b) =>
        b.activeUsers - a.activeUsers || a.teamRef.localeCompare(b.teamRef),
    ),
    teamsTooFewToShow: teams.length - shown.length,
  };
}
