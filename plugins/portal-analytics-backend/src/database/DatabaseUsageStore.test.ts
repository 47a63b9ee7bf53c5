import { DatabaseUsageStore } from './DatabaseUsageStore';
import { templateRunOf } from '../service/templateRuns';
import { recorded } from './testEvents';
import { bothDatabases } from '@internal/test-utils';

jest.setTimeout(60_000);

const databases = bothDatabases();

const ann = { user: 'user:default/ann', team: 'group:default/payments' };
const bob = { user: 'user:default/bob', team: 'group:default/payments' };
const cat = { user: 'user:default/cat', team: 'group:default/platform' };
const dan = { user: 'user:default/dan', team: null };

describe.each(databases.eachSupportedId())('DatabaseUsageStore on %p', id => {
  async function makeStore() {
    const knex = await databases.init(id);
    const store = await DatabaseUsageStore.create({
      database: { getClient: async () => knex },
    });
    return { knex, store };
  }

  it('counts active users per day, ISO week and month in the time zone', async () => {
    const { store } = await makeStore();
    const tz = 'Europe/Paris';
    await store.record([
      // Sunday 22 Nov 23:30 UTC = Monday 23 Nov in Paris (new week).
      recorded({ timestamp: '2026-11-22T23:30:00Z' }, ann, tz),
      // Sunday 22 Nov 22:00 UTC = Sunday 23:00 in Paris.
      recorded({ timestamp: '2026-11-22T22:00:00Z' }, bob, tz),
      recorded({ timestamp: '2026-11-22T21:00:00Z' }, bob, tz),
      // 30 Nov 23:30 UTC = 1 Dec in Paris (new month).
      recorded({ timestamp: '2026-11-30T23:30:00Z' }, cat, tz),
      recorded({ timestamp: '2026-11-23T08:00:00Z' }, dan, tz),
    ]);
    const all = await store.activeUsers({
      from: '2026-11-01',
      to: '2026-12-31',
    });
    expect(all.total).toBe(4);
    expect(all.daily).toEqual([
      { period: '2026-11-22', users: 1 },
      { period: '2026-11-23', users: 2 },
      { period: '2026-12-01', users: 1 },
    ]);
    expect(all.weekly).toEqual([
      { period: '2026-11-16', users: 1 },
      { period: '2026-11-23', users: 2 },
      { period: '2026-11-30', users: 1 },
    ]);
    expect(all.monthly).toEqual([
      { period: '2026-11', users: 3 },
      { period: '2026-12', users: 1 },
    ]);
    // Team attribution; users without a team are in the total only.
    expect(all.perTeam).toEqual(
      new Map([
        ['group:default/payments', 2],
        ['group:default/platform', 1],
      ]),
    );
    // Window edges are inclusive on both ends.
    expect(
      await store.countActiveUsers({ from: '2026-11-23', to: '2026-11-23' }),
    ).toBe(2);
    expect(
      await store.countActiveUsers({ from: '2026-11-23', to: '2026-12-01' }),
    ).toBe(3);
    expect(
      await store.countActiveUsers({ from: '2026-11-24', to: '2026-11-30' }),
    ).toBe(0);
  });

  it('adds up a user seen in several batches once per day', async () => {
    const { knex, store } = await makeStore();
    await store.record([recorded({ timestamp: '2026-11-20T10:00:00Z' }, ann)]);
    await store.record([
      recorded({ timestamp: '2026-11-20T11:00:00Z' }, ann),
      recorded({ timestamp: '2026-11-20T12:00:00Z' }, ann),
    ]);
    const rows = await knex('usage_daily_users').select('day', 'events');
    expect(rows.map(r => [r.day, Number(r.events)])).toEqual([
      ['2026-11-20', 3],
    ]);
    expect(
      await store.countActiveUsers({ from: '2026-11-20', to: '2026-11-20' }),
    ).toBe(1);
  });

  it('ranks searches, zero-result searches, pages, plugins, entities, docs and templates', async () => {
    const { store } = await makeStore();
    const t = '2026-11-20T10:00:00Z';
    await store.record([
      recorded(
        { timestamp: t, action: 'search', subject: 'kafka', value: 0 },
        ann,
      ),
      recorded(
        { timestamp: t, action: 'search', subject: 'Kafka', value: 0 },
        bob,
      ),
      recorded(
        { timestamp: t, action: 'search', subject: 'kafka', value: 2 },
        cat,
      ),
      recorded(
        { timestamp: t, action: 'search', subject: 'payments', value: 5 },
        ann,
      ),
      recorded(
        { timestamp: t, action: 'search', subject: 'nothing-here', value: 0 },
        ann,
      ),
      recorded(
        {
          timestamp: t,
          subject: '/catalog/default/component/svc',
          pluginId: 'catalog',
        },
        ann,
      ),
      recorded(
        {
          timestamp: t,
          subject: '/catalog/default/component/svc?tab=x',
          pluginId: 'catalog',
        },
        bob,
      ),
      recorded(
        {
          timestamp: t,
          subject: '/docs/default/component/svc/a',
          pluginId: 'techdocs',
        },
        bob,
      ),
      // A template run, as the scaffolder's task event is recorded.
      templateRunOf(
        {
          id: 'task-1',
          status: 'open',
          createdBy: ann.user,
          spec: { templateInfo: { entityRef: 'template:default/node' } },
        },
        new Date(t),
        'UTC',
      )!,
    ]);
    // Next day, outside a one-day window.
    await store.record([
      recorded(
        {
          timestamp: '2026-11-21T10:00:00Z',
          action: 'search',
          subject: 'x',
          value: 0,
        },
        ann,
      ),
    ]);
    const day = { from: '2026-11-20', to: '2026-11-20' };
    expect(await store.top('search', day, 10)).toEqual([
      { key: 'kafka', count: 3 },
      { key: 'nothing-here', count: 1 },
      { key: 'payments', count: 1 },
    ]);
    expect(await store.top('searchNoResults', day, 10)).toEqual([
      { key: 'kafka', count: 2 },
      { key: 'nothing-here', count: 1 },
    ]);
    expect(await store.top('searchNoResults', day, 1)).toEqual([
      { key: 'kafka', count: 2 },
    ]);
    expect(await store.top('page', day, 10)).toEqual([
      { key: '/catalog/default/component/svc', count: 2 },
      { key: '/docs/default/component/svc/a', count: 1 },
    ]);
    expect(await store.top('plugin', day, 10)).toEqual([
      { key: 'catalog', count: 2 },
      { key: 'techdocs', count: 1 },
    ]);
    expect(await store.top('entity', day, 10)).toEqual([
      { key: 'component:default/svc', count: 2 },
    ]);
    expect(await store.top('doc', day, 10)).toEqual([
      { key: 'component:default/svc', count: 1 },
    ]);
    expect(await store.top('template', day, 10)).toEqual([
      { key: 'template:default/node', count: 1 },
    ]);
    expect(
      await store.top(
        'searchNoResults',
        { from: '2026-11-20', to: '2026-11-21' },
        10,
      ),
    ).toEqual([
      { key: 'kafka', count: 2 },
      { key: 'nothing-here', count: 1 },
      { key: 'x', count: 1 },
    ]);
  });

  it('filters ranked keys by a literal, case-insensitive text', async () => {
    const { store } = await makeStore();
    const t = '2026-11-20T10:00:00Z';
    const search = (subject: string) =>
      recorded({ timestamp: t, action: 'search', subject, value: 0 }, ann);
    await store.record([
      search('kafka topics'),
      search('kafka topics'),
      search('100% uptime'),
      search('100x uptime'),
      search('snake_case'),
      search('snakeXcase'),
    ]);
    const day = { from: '2026-11-20', to: '2026-11-20' };
    expect(await store.top('searchNoResults', day, 10, 'KAFKA')).toEqual([
      { key: 'kafka topics', count: 2 },
    ]);
    // % and _ are not wildcards.
    expect(await store.top('searchNoResults', day, 10, '0%')).toEqual([
      { key: '100% uptime', count: 1 },
    ]);
    expect(await store.top('searchNoResults', day, 10, 'e_c')).toEqual([
      { key: 'snake_case', count: 1 },
    ]);
    expect(await store.top('searchNoResults', day, 10, 'nothing')).toEqual([]);
  });

  it('prunes raw events and aggregates at their own retention', async () => {
    const { knex, store } = await makeStore();
    await store.record([
      recorded(
        {
          timestamp: '2026-01-10T10:00:00Z',
          action: 'search',
          subject: 'a',
          value: 0,
        },
        ann,
      ),
      recorded(
        {
          timestamp: '2026-06-10T10:00:00Z',
          action: 'search',
          subject: 'b',
          value: 0,
        },
        ann,
      ),
      recorded(
        {
          timestamp: '2026-11-10T10:00:00Z',
          action: 'search',
          subject: 'c',
          value: 0,
        },
        ann,
      ),
    ]);
    const pruned = await store.prune({
      rawBefore: '2026-11-01',
      aggregatesBefore: '2026-02-01',
    });
    expect(pruned.raw).toBe(2);
    const raw = await knex('usage_events').select('day');
    expect(raw.map(r => r.day)).toEqual(['2026-11-10']);
    // Aggregates of June remain after its raw events are gone.
    expect(
      await store.top(
        'searchNoResults',
        { from: '2026-01-01', to: '2026-12-31' },
        10,
      ),
    ).toEqual([
      { key: 'b', count: 1 },
      { key: 'c', count: 1 },
    ]);
  });
});
