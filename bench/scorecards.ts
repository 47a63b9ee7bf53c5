// Scorecards at organisation scale on PostgreSQL.
//
//   bash bench/scorecards.sh            (COMPONENTS=1000,10000 by default)
//
// In-process: the plugin's own store, service and router on a fresh
// PostgreSQL database, with a generated catalog of COMPONENTS components in
// 50 teams. The catalog and the three plugins read over HTTP (golden-paths
// drift, platform-metrics DORA, feedback reports) are fakes that answer
// after a delay like the real calls (DORA_MS per component, 3 ms by
// default; drift 20 ms and reports 50 ms once per evaluation), so the figures
// are the engine, its database and the calls' latency, not the other
// plugins' own speed (bench/platform-metrics.* measures that).
//
// Measures, for each size:
//  1. evaluation of every check of both scorecards for all components (the
//     scheduled task), median of RUNS (3) runs; target < 30 s at 1,000;
//  2. GET /entity (one component's scorecards) over HTTP, REPEAT (200)
//     times: p50/p95, target p95 < 50 ms;
//  3. GET /summary (the organisation page, a year of daily snapshots):
//     p50/p95, target p95 < 300 ms.
import {
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createScorecardStores } from '@internal/plugin-scorecards-backend/src/database/createScorecardStores';
import { loadScorecards } from '@internal/plugin-scorecards-backend/src/engine/definitions';
import { createRouter } from '@internal/plugin-scorecards-backend/src/service/router';
import { createScorecardsServices } from '@internal/plugin-scorecards-backend/src/service/createServices';
import { PluginFacts } from '@internal/plugin-scorecards-backend/src/service/pluginFacts';
import express from 'express';
import knexFactory from 'knex';
import { AddressInfo } from 'node:net';
import path from 'node:path';

const SIZES = (process.env.COMPONENTS ?? '1000,10000').split(',').map(Number);
const RUNS = Number(process.env.RUNS ?? 3);
const REPEAT = Number(process.env.REPEAT ?? 200);
const DORA_MS = Number(process.env.DORA_MS ?? 3);
const TEAMS = 50;
const PG_URL =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:5432';
const ROOT = path.resolve(__dirname, '..');

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

let seed = 20261126;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function catalog(n: number): Entity[] {
  const groups: Entity[] = Array.from({ length: TEAMS }, (_, t) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: `team-${t}`, namespace: 'default' },
    spec: { type: 'team', children: [] },
  }));
  const components: Entity[] = Array.from({ length: n }, (_, i) => {
    const annotations: Record<string, string> = {};
    if (random() < 0.7) annotations['pagerduty.com/service-id'] = `P${i}`;
    if (random() < 0.3) annotations['backstage.io/techdocs-ref'] = 'dir:.';
    if (random() < 0.6) {
      annotations['backstage.io/source-template'] =
        'template:default/nodejs-api';
    }
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `svc-${String(i).padStart(5, '0')}`,
        namespace: 'default',
        annotations,
        tags: random() < 0.3 ? ['tier-1'] : [],
      },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `team-${i % TEAMS}`,
        system: random() < 0.9 ? `system-${i % 100}` : undefined,
        providesApis: random() < 0.5 ? [`api-${i}`] : undefined,
      },
      relations: [
        { type: 'ownedBy', targetRef: `group:default/team-${i % TEAMS}` },
      ],
    };
  });
  return [...groups, ...components];
}

function fakeCatalog(entities: Entity[]): CatalogService {
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const matching = (request: any) => {
    const filters = [request?.filter ?? []].flat();
    const kinds = filters.map((f: any) => String(f.kind).toLowerCase());
    return entities.filter(e => kinds.includes(e.kind.toLowerCase()));
  };
  return {
    async getEntities(request: any) {
      return { items: matching(request) };
    },
    async *streamEntities(request: any) {
      const items = matching(request);
      const size = request?.pageSize ?? 500;
      for (let i = 0; i < items.length; i += size) {
        yield items.slice(i, i + size);
      }
    },
    async getEntityByRef(ref: any) {
      return byRef.get(String(ref));
    },
  } as unknown as CatalogService;
}

const pluginFacts: PluginFacts = {
  async drift() {
    await sleep(20);
    return new Map();
  },
  async doraBand() {
    await sleep(DORA_MS);
    return (['low', 'medium', 'high', 'elite', 'none'] as const)[
      Math.floor(random() * 5)
    ];
  },
  async openReports() {
    await sleep(50);
    return new Map();
  },
};

const logger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return logger;
  },
} as unknown as LoggerService;

async function bench(n: number) {
  const dbName = `scorecards_bench_${n}_${Date.now()}`;
  const admin = knexFactory({ client: 'pg', connection: PG_URL });
  await admin.raw(`CREATE DATABASE ${dbName}`);
  const url = new URL(PG_URL);
  url.pathname = `/${dbName}`;
  const knex = knexFactory({
    client: 'pg',
    connection: url.toString(),
    pool: { min: 1, max: 10 },
  });
  try {
    const stores = await createScorecardStores({
      database: { getClient: async () => knex },
    });
    const entities = catalog(n);
    const components = entities.filter(e => e.kind === 'Component');
    const now = new Date();
    // CI facts for 90% of the components.
    for (const e of components) {
      if (random() < 0.1) continue;
      const ref = stringifyEntityRef(e);
      await stores.facts.putFact({
        entityRef: ref,
        name: 'testCoverage',
        value: Math.round(50 + random() * 50),
        measuredAt: now.toISOString(),
        source: 'bench',
      });
      await stores.facts.putFact({
        entityRef: ref,
        name: 'vulnerabilities',
        value:
          random() < 0.2
            ? [
                {
                  id: 'CVE-1',
                  severity: 'critical',
                  foundAt: new Date(now.getTime() - 10 * 864e5).toISOString(),
                },
              ]
            : [],
        measuredAt: now.toISOString(),
        source: 'bench',
      });
    }
    const scorecards = loadScorecards(
      [
        'scorecards/production-readiness.yaml',
        'scorecards/golden-path-health.yaml',
      ],
      ROOT,
    );
    const services = createScorecardsServices({
      stores,
      catalog: fakeCatalog(entities),
      auth: {
        async getOwnServiceCredentials() {
          return {} as BackstageCredentials;
        },
      } as unknown as AuthService,
      logger,
      pluginFacts,
      scorecards,
      permissions: {} as PermissionsService,
      platformTeamRef: 'group:default/platform-team',
    });

    // 1. Full evaluation.
    const runs: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      await services.evaluation.evaluate();
      runs.push(performance.now() - t0);
    }
    runs.sort((a, b) => a - b);

    // A year of daily snapshots (every component, both scorecards).
    await knex.raw(
      `insert into snapshots (day, entity_ref, scorecard_id, owner_ref, level_index)
       select to_char(current_date - d, 'YYYY-MM-DD'), r.entity_ref, r.scorecard_id, r.owner_ref,
              greatest(0, r.level_index - (d % 3))
       from results r, generate_series(1, 365) d`,
    );
    await stores.snapshots.recount('0000-01-01', '9999-12-31');
    await knex.raw('analyze snapshots');
    await knex.raw('analyze snapshot_counts');
    await services.snapshots.snapshot();

    // 2 and 3 over HTTP through the real router.
    const app = express();
    app.use(
      '/api/scorecards',
      await createRouter({
        services,
        logger,
        httpAuth: {
          async credentials() {
            return {
              $$type: '@backstage/BackstageCredentials',
              principal: { type: 'user', userEntityRef: 'user:default/bench' },
            };
          },
        } as unknown as HttpAuthService,
        permissions: {} as PermissionsService,
      }),
    );
    const server = app.listen(0);
    const base = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/scorecards`;
    async function time(pathFor: () => string) {
      // Warm-up (JIT, connection pool), not counted.
      for (let i = 0; i < 20; i++) {
        await (await fetch(`${base}${pathFor()}`)).arrayBuffer();
      }
      const times: number[] = [];
      for (let i = 0; i < REPEAT; i++) {
        const t0 = performance.now();
        const res = await fetch(`${base}${pathFor()}`);
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${pathFor()}: ${res.status}`);
        times.push(performance.now() - t0);
      }
      return times.sort((a, b) => a - b);
    }
    const entity = await time(
      () =>
        `/entity?entityRef=${encodeURIComponent(
          stringifyEntityRef(
            components[Math.floor(random() * components.length)],
          ),
        )}`,
    );
    const org = await time(() => '/summary?days=365');
    server.close();
    const f = (v: number) => `${Math.round(v)} ms`;
    console.log(
      [
        `components: ${n} (${n * 2} scorecard evaluations, 12 checks)`,
        `  evaluate all: median ${f(
          runs[Math.floor(runs.length / 2)],
        )} (runs: ${runs.map(f).join(', ')})`,
        `  GET /entity: p50 ${f(pct(entity, 50))}, p95 ${f(pct(entity, 95))}`,
        `  GET /summary (365 days of snapshots): p50 ${f(
          pct(org, 50),
        )}, p95 ${f(pct(org, 95))}`,
      ].join('\n'),
    );
  } finally {
    await knex.destroy();
    await admin.raw(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.destroy();
  }
}

(async () => {
  console.log(
    `scorecards bench on PostgreSQL; DORA calls ${DORA_MS} ms each, 8 in flight`,
  );
  for (const n of SIZES) await bench(n);
})().catch(e => {
  console.error(e);
  process.exit(1);
});
