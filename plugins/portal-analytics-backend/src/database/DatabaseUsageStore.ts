import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  RankedKey,
  UsageRanking,
} from '@internal/plugin-portal-analytics-common';
import { chunks } from '@internal/plugin-portal-node';
import { Knex } from 'knex';
import { ActiveUsers, DayRange, RecordedEvent, UsageStore } from './UsageStore';
import { activity, ActivityTuple } from '../service/rules';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-portal-analytics-backend',
  'migrations',
);

/** Rows per statement: well under SQLite's bound-parameter limit. */
const CHUNK = 100;

const num = (v: unknown) => Number(v ?? 0);

/** Usage analytics on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseUsageStore implements UsageStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseUsageStore> {
    const client = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseUsageStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async record(events: RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const users = new Map<
      string,
      {
        day: string;
        week: string;
        month: string;
        user_ref: string;
        team_ref: string | null;
        events: number;
      }
    >();
    const counts = new Map<
      string,
      { day: string; kind: string; key: string; count: number }
    >();
    for (const e of events) {
      const userKey = `${e.day}\u0000${e.userRef}`;
      const user = users.get(userKey);
      if (user) user.events += 1;
      else {
        users.set(userKey, {
          day: e.day,
          week: e.week,
          month: e.month,
          user_ref: e.userRef,
          team_ref: e.teamRef,
          events: 1,
        });
      }
      for (const c of e.counters) {
        const countKey = `${e.day}\u0000${c.kind}\u0000${c.key}`;
        const count = counts.get(countKey);
        if (count) count.count += 1;
        else counts.set(countKey, { day: e.day, ...c, count: 1 });
      }
    }
    await this.db.transaction(async tx => {
      for (const chunk of chunks(events, CHUNK)) {
        await tx('usage_events').insert(
          chunk.map(e => ({
            occurred_at: e.occurredAt,
            day: e.day,
            user_ref: e.userRef,
            team_ref: e.teamRef,
            action: e.action,
            subject: e.subject,
            plugin_id: e.pluginId,
            entity_ref: e.entityRef,
            value: e.value,
          })),
        );
      }
      for (const chunk of chunks([...users.values()], CHUNK)) {
        await tx('usage_daily_users')
          .insert(chunk)
          .onConflict(['day', 'user_ref'])
          .merge({
            events: tx.raw('?? + ??', [
              'usage_daily_users.events',
              'excluded.events',
            ]),
          });
      }
      for (const chunk of chunks([...counts.values()], CHUNK)) {
        await tx('usage_daily_counts')
          .insert(chunk)
          .onConflict(['day', 'kind', 'key'])
          .merge({
            count: tx.raw('?? + ??', [
              'usage_daily_counts.count',
              'excluded.count',
            ]),
          });
      }
    });
  }

  private users(range: DayRange) {
    return this.db('usage_daily_users').whereBetween('day', [
      range.from,
      range.to,
    ]);
  }

  async countActiveUsers(range: DayRange): Promise<number> {
    const row = await this.users(range)
      .countDistinct({ users: 'user_ref' })
      .first();
    return num(row?.users);
  }

  async activeUsers(range: DayRange): Promise<ActiveUsers> {
    // Per day, (day, user) is unique: a plain count. Weeks, months, teams
    // and the total come from one read of distinct (week, month, team, user).
    const [daily, tuples] = await Promise.all([
      this.users(range)
        .select({ period: 'day' })
        .count({ users: '*' })
        .groupBy('day')
        .orderBy('day') as unknown as Promise<
        { period: string; users: unknown }[]
      >,
      this.users(range)
        .select({
          week: 'week',
          month: 'month',
          team: 'team_ref',
          user: 'user_ref',
        })
        .groupBy('week', 'month', 'team_ref', 'user_ref') as unknown as Promise<
        ActivityTuple[]
      >,
    ]);
    return {
      ...activity(tuples),
      daily: daily.map(r => ({ period: r.period, users: num(r.users) })),
    };
  }

  async top(
    kind: UsageRanking,
    range: DayRange,
    limit: number,
    filter?: string,
  ): Promise<RankedKey[]> {
    const rows = (await this.db('usage_daily_counts')
      .where('kind', kind)
      .whereBetween('day', [range.from, range.to])
      .modify(q => {
        if (filter) {
          // LIKE with its wildcards escaped: the filter matches literally.
          const escaped = filter
            .toLocaleLowerCase('en-US')
            .replace(/[\\%_]/g, c => `\\${c}`);
          q.whereRaw("lower(key) like ? escape '\\'", [`%${escaped}%`]);
        }
      })
      .select('key')
      .sum({ count: 'count' })
      .groupBy('key')
      .orderBy([
        { column: 'count', order: 'desc' },
        { column: 'key', order: 'asc' },
      ])
      .limit(limit)) as unknown as { key: string; count: unknown }[];
    return rows.map(r => ({ key: r.key, count: num(r.count) }));
  }

  async forgetUsers(before: Date): Promise<number> {
    return this.db('usage_events')
      .where('occurred_at', '<', before.toISOString())
      .whereNotNull('user_ref')
      .update({ user_ref: null, team_ref: null });
  }

  async prune(options: {
    rawBefore: string;
    aggregatesBefore: string;
  }): Promise<{ raw: number; aggregates: number }> {
    const raw = await this.db('usage_events')
      .where('day', '<', options.rawBefore)
      .delete();
    const users = await this.db('usage_daily_users')
      .where('day', '<', options.aggregatesBefore)
      .delete();
    const counts = await this.db('usage_daily_counts')
      .where('day', '<', options.aggregatesBefore)
      .delete();
    return { raw, aggregates: users + counts };
  }
}
