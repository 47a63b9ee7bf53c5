import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { PortalChannel } from '@internal/plugin-portal-common';
import { chunks } from '@internal/plugin-portal-node';
import { Knex } from 'knex';
import {
  ChannelCount,
  ChannelUsageStore,
  ChannelUser,
} from './ChannelUsageStore';
import { DayRange } from './UsageStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-portal-analytics-backend',
  'migrations',
);

const CHUNK = 100;
/** No team is stored as the empty string (the column is part of the key). */
const NO_TEAM = '';
const num = (v: unknown) => Number(v ?? 0);

/** A grouped row as the drivers return it (sums and counts may be text). */
type Grouped = {
  capability?: string;
  channel: string;
  team_ref?: string;
  requests?: unknown;
  users?: unknown;
};

/** Channel usage on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseChannelUsageStore implements ChannelUsageStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseChannelUsageStore> {
    const client = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseChannelUsageStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async recordChannels(
    counts: ChannelCount[],
    users: ChannelUser[],
  ): Promise<void> {
    if (!counts.length && !users.length) return;
    await this.db.transaction(async tx => {
      for (const chunk of chunks(counts, CHUNK)) {
        await tx('usage_channel_daily')
          .insert(
            chunk.map(c => ({
              day: c.day,
              channel: c.channel,
              capability: c.capability,
              team_ref: c.teamRef ?? NO_TEAM,
              requests: c.requests,
            })),
          )
          .onConflict(['day', 'channel', 'capability', 'team_ref'])
          .merge({
            requests: tx.raw('?? + ??', [
              'usage_channel_daily.requests',
              'excluded.requests',
            ]),
          });
      }
      for (const chunk of chunks(users, CHUNK)) {
        await tx('usage_channel_daily_users')
          .insert(
            chunk.map(u => ({
              day: u.day,
              channel: u.channel,
              team_ref: u.teamRef ?? NO_TEAM,
              user_ref: u.userRef,
            })),
          )
          .onConflict(['day', 'channel', 'team_ref', 'user_ref'])
          .ignore();
      }
    });
  }

  async capabilityTotals(range: DayRange) {
    const rows = (await this.db('usage_channel_daily')
      .whereBetween('day', [range.from, range.to])
      .select('capability', 'channel')
      .sum({ requests: 'requests' })
      .groupBy('capability', 'channel')) as unknown as Grouped[];
    return rows.map(r => ({
      capability: String(r.capability),
      channel: r.channel as PortalChannel,
      requests: num(r.requests),
    }));
  }

  async teamTotals(range: DayRange) {
    const [requests, users] = (await Promise.all([
      this.db('usage_channel_daily')
        .whereBetween('day', [range.from, range.to])
        .whereNot('team_ref', NO_TEAM)
        .select('team_ref', 'channel')
        .sum({ requests: 'requests' })
        .groupBy('team_ref', 'channel'),
      this.db('usage_channel_daily_users')
        .whereBetween('day', [range.from, range.to])
        .whereNot('team_ref', NO_TEAM)
        .select('team_ref', 'channel')
        .countDistinct({ users: 'user_ref' })
        .groupBy('team_ref', 'channel'),
    ])) as unknown as [Grouped[], Grouped[]];
    const people = new Map(
      users.map(u => [`${u.team_ref}\u0000${u.channel}`, num(u.users)]),
    );
    return requests.map(r => ({
      teamRef: String(r.team_ref),
      channel: r.channel as PortalChannel,
      requests: num(r.requests),
      users: people.get(`${r.team_ref}\u0000${r.channel}`) ?? 0,
    }));
  }

  async channelUsers(range: DayRange) {
    const rows = (await this.db('usage_channel_daily_users')
      .whereBetween('day', [range.from, range.to])
      .select('channel')
      .countDistinct({ users: 'user_ref' })
      .groupBy('channel')) as unknown as Grouped[];
    return rows.map(r => ({
      channel: r.channel as PortalChannel,
      users: num(r.users),
    }));
  }

  async pruneChannels(before: string): Promise<number> {
    const counts = await this.db('usage_channel_daily')
      .where('day', '<', before)
      .delete();
    const users = await this.db('usage_channel_daily_users')
      .where('day', '<', before)
      .delete();
    return counts + users;
  }
}
