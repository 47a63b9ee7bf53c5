/**
 * Bench (not part of the normal test run): `bash bench/portal-analytics.sh`.
 *
 * On PostgreSQL, through the real plugin and its HTTP API:
 *  1. ingestion: BENCH_INGEST events (default 60,000) posted by users in
 *     batches of 500, 4 requests in flight; prints events/s (target 2,000);
 *  2. reads: 90 days of usage from 1,000 users in 50 teams (about 2 million
 *     raw events, written with SQL in bulk and aggregated exactly as the
 *     store does), then GET /usage/summary and /usage/top for 7, 30 and 90
 *     days, BENCH_REPEAT times (default 100); prints p50/p95 (target p95
 *     under 300 ms).
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { portalAnalyticsPlugin } from './plugin';

const RUN = process.env.PORTAL_ANALYTICS_BENCH === '1';
const USERS = 1000;
const TEAMS = 50;
const DAYS = 90;
const INGEST = Number(process.env.BENCH_INGEST ?? 60_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 100);

jest.setTimeout(1_800_000);

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

(RUN ? describe : describe.skip)('portal-analytics bench', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

  it('ingests and reads at scale on PostgreSQL', async () => {
    const knex = await databases.init('POSTGRES_15');
    const entities: Entity[] = Array.from({ length: USERS }, (_, u) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: `u${u}`, namespace: 'default' },
      spec: {},
      relations: [
        { type: 'memberOf', targetRef: `group:default/team-${u % TEAMS}` },
      ],
    }));
    const { server } = await startTestBackend({
      features: [
        portalAnalyticsPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootLogger.factory({ level: 'warn' }),
        catalogServiceMock.factory({ entities }),
        createServiceFactory({
          service: coreServices.userInfo,
          deps: {},
          factory: () => ({
            async getUserInfo(credentials: any) {
              const ref = credentials.principal.userEntityRef as string;
              const u = Number(ref.replace(/\D/g, '')) || 0;
              return {
                userEntityRef: ref,
                ownershipEntityRefs: [
                  ref,
                  `group:default/team-${u % TEAMS}`,
                  ...(u === 0 ? ['group:default/platform-team'] : []),
                ],
              };
            },
          }),
        }),
      ],
    });

    // 1. Ingestion through POST /events.
    const batches = Math.ceil(INGEST / 500);
    const actions = ['navigate', 'navigate', 'navigate', 'search', 'create'];
    const batch = (b: number) => ({
      events: Array.from({ length: 500 }, (_, i) => ({
        action: actions[i % actions.length],
        subject:
          i % 5 === 3
            ? `term-${(b * 7 + i) % 300}`
            : `/catalog/default/component/svc-${i % 200}`,
        pluginId: 'catalog',
        value: i % 5 === 3 ? i % 4 : undefined,
        timestamp: new Date().toISOString(),
      })),
    });
    const bodies = Array.from({ length: Math.min(batches, 40) }, (_, b) =>
      batch(b),
    );
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < batches) {
          const b = next++;
          const res = await request(server)
            .post('/api/portal-analytics/events')
            .set(
              'authorization',
              mockCredentials.user.header(`user:default/u${b % USERS}`),
            )
            .send(bodies[b % bodies.length]);
          expect(res.status).toBe(202);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const rate = (batches * 500) / seconds;
    // eslint-disable-next-line no-console
    console.log(
      `ingestion: ${batches * 500} events in ${seconds.toFixed(
        1,
      )} s = ${Math.round(rate)} events/s (target 2000)`,
    );

    // 2. 90 days of usage from 1,000 users, generated in SQL.
    await knex.raw(
      'TRUNCATE usage_events, usage_daily_users, usage_daily_counts',
    );
    const g0 = performance.now();
    await knex.raw(`
      INSERT INTO usage_events (occurred_at, day, user_ref, team_ref, action, subject, plugin_id, entity_ref, value)
      SELECT to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), to_char(t, 'YYYY-MM-DD'),
             'user:default/u' || u, 'group:default/team-' || (u % ${TEAMS}),
             CASE WHEN k % 10 = 0 THEN 'search' WHEN k % 50 = 1 THEN 'create' ELSE 'navigate' END,
             CASE WHEN k % 10 = 0 THEN 'term-' || ((u * 31 + k * 7 + d) % 2000)
                  WHEN k % 50 = 1 THEN 'template-' || (u % 12)
                  WHEN k % 3 = 0 THEN '/docs/default/component/svc-' || ((u + k) % 400) || '/index'
                  ELSE '/catalog/default/component/svc-' || ((u * 7 + k) % 1000) END,
             CASE WHEN k % 3 = 0 THEN 'techdocs' ELSE 'catalog' END,
             NULL,
             CASE WHEN k % 10 = 0 THEN ((u + k + d) % 6) ELSE NULL END
      FROM generate_series(0, ${DAYS - 1}) d
      CROSS JOIN generate_series(0, ${USERS - 1}) u
      CROSS JOIN LATERAL (SELECT (now() AT TIME ZONE 'UTC') - d * interval '1 day' - (u % 600) * interval '1 minute' AS base) b
      CROSS JOIN LATERAL generate_series(0, 2 + (u * 13 + d * 7) % 90) k
      CROSS JOIN LATERAL (SELECT base - k * interval '10 seconds' AS t) tt
      WHERE (u * 17 + d * 29) % 10 < 6`);
    await knex.raw(`
      INSERT INTO usage_daily_users (day, week, month, user_ref, team_ref, events)
      SELECT day, to_char(date_trunc('week', day::date), 'YYYY-MM-DD'), substr(day, 1, 7),
             user_ref, min(team_ref), count(*)
      FROM usage_events GROUP BY day, user_ref`);
    await knex.raw(`
      INSERT INTO usage_daily_counts (day, kind, key, count)
      SELECT day, kind, key, count(*) FROM (
        SELECT day, 'page' AS kind, subject AS key FROM usage_events WHERE action = 'navigate'
        UNION ALL SELECT day, 'plugin', plugin_id FROM usage_events WHERE action = 'navigate'
        UNION ALL SELECT day, 'entity', 'component:default/' || split_part(subject, '/', 5) FROM usage_events WHERE subject LIKE '/catalog/%'
        UNION ALL SELECT day, 'doc', 'component:default/' || split_part(subject, '/', 5) FROM usage_events WHERE subject LIKE '/docs/%'
        UNION ALL SELECT day, 'search', subject FROM usage_events WHERE action = 'search'
        UNION ALL SELECT day, 'searchNoResults', subject FROM usage_events WHERE action = 'search' AND value = 0
        UNION ALL SELECT day, 'template', subject FROM usage_events WHERE action = 'create'
      ) x GROUP BY day, kind, key`);
    await knex.raw('ANALYZE');
    const rows = await knex('usage_events').count({ n: '*' }).first();
    // eslint-disable-next-line no-console
    console.log(
      `generated ${Number(
        rows?.n,
      )} raw events (${DAYS} days, ${USERS} users) in ${(
        (performance.now() - g0) /
        1000
      ).toFixed(0)} s`,
    );

    const platform = mockCredentials.user.header('user:default/u0');
    for (const path of ['/usage/summary', '/usage/top']) {
      const ms: number[] = [];
      for (let i = 0; i < REPEAT; i++) {
        const days = [7, 30, 90][i % 3];
        const s = performance.now();
        const res = await request(server)
          .get(`/api/portal-analytics${path}?days=${days}`)
          .set('authorization', platform);
        expect(res.status).toBe(200);
        ms.push(performance.now() - s);
      }
      ms.sort((a, b) => a - b);
      // eslint-disable-next-line no-console
      console.log(
        `GET ${path} (7/30/90 days): p50 ${pct(ms, 50).toFixed(
          1,
        )} ms, p95 ${pct(ms, 95).toFixed(1)} ms (target p95 < 300 ms)`,
      );
    }
  });
});
