// The scale bench's backend: one backend process on PostgreSQL with the
// generated organisation (bench/scale/generate.mjs) registered as file
// locations (bench/scale/app-config.scale.yaml). See bench/README.md.
//
// Phase 1 (a fresh database, or FRESH=1): start, wait until the catalog
// served every generated entity (ingestion time), seed delivery events,
// scorecard facts and feedback through the public APIs, stop.
// Phase 2: start again on the same database and time the search index's
// rebuild of the whole catalog (the collator runs 3 s after start).
// Then it keeps serving on PORT (7580) for bench/scale/measure.mjs until
// stopped, unless EXIT=1.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import launcher from '../../packages/backend/src/testing/launchBackend.js';
import { generate } from './generate.mjs';
import { seed } from './seed.mjs';
import { BASE, PORT, groupRssMb, sleep } from './lib.mjs';

const { BackendProcess, REPO_ROOT, DEMO_CONFIG_FILES } = launcher;
const require = createRequire(
  path.join(REPO_ROOT, 'packages/backend/package.json'),
);
const { Client } = require('pg');

const COMPONENTS = Number(process.env.COMPONENTS ?? 10000);
const DB = process.env.SCALE_DB ?? 'scale_bench';
const PG_URL =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:5432';
const DATA = path.join(REPO_ROOT, 'data/scale');
const log = (...a) =>
  console.log(`[scale ${new Date().toISOString().slice(11, 19)}]`, ...a);

async function admin(sql, database) {
  const u = new URL(PG_URL);
  if (database) u.pathname = `/${database}`;
  const c = new Client({ connectionString: u.toString() });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

function ensureData() {
  const file = path.join(DATA, 'sizes.json');
  const have = fs.existsSync(file)
    ? JSON.parse(fs.readFileSync(file, 'utf8'))
    : undefined;
  if (have?.components === COMPONENTS) return have;
  const t0 = Date.now();
  const s = generate({ components: COMPONENTS, out: DATA });
  log(`generated ${JSON.stringify(s)} in ${Date.now() - t0} ms`);
  return s;
}

const url = new URL(PG_URL);
const dir = fs.mkdtempSync(path.join('/tmp', 'portal-scale-'));
const backend = new BackendProcess({
  port: PORT,
  dir,
  watch: false,
  configFiles: [
    ...DEMO_CONFIG_FILES,
    path.join(REPO_ROOT, 'bench/scale/app-config.scale.yaml'),
  ],
  overlay: {
    backend: {
      baseUrl: BASE,
      listen: { port: PORT },
      database: {
        client: 'pg',
        pluginDivisionMode: 'schema',
        connection: {
          host: url.hostname,
          port: Number(url.port || 5432),
          user: decodeURIComponent(url.username),
          password: decodeURIComponent(url.password),
          database: DB,
        },
      },
    },
    techdocs: { builder: 'external' },
    // SEARCH=0: no index rebuild at start (for timing pages only).
    ...(process.env.SEARCH === '0'
      ? {
          search: {
            collators: {
              catalog: {
                schedule: {
                  frequency: { hours: 24 },
                  timeout: { minutes: 15 },
                  initialDelay: { hours: 24 },
                },
              },
            },
          },
        }
      : {}),
  },
});

const lines = [];
let onLine = () => {};
async function start() {
  const started = backend.start(600_000);
  let rest = '';
  const take = chunk => {
    rest += chunk.toString();
    const parts = rest.split('\n');
    rest = parts.pop();
    for (const line of parts) {
      if (process.env.BENCH_BACKEND_LOG) process.stdout.write(`${line}\n`);
      onLine(line, Date.now());
    }
  };
  backend.child.stdout.on('data', take);
  backend.child.stderr.on('data', take);
  await started;
}
const rss = () => groupRssMb(fs, backend.child.pid);

/** Stitched entities per kind, and whether `ref` has its relations yet. */
async function counts(ref) {
  const rows = await admin(
    `SELECT split_part(r.entity_ref, ':', 1) AS kind, count(*)::int AS n
       FROM catalog.refresh_state r JOIN catalog.final_entities f ON f.entity_id = r.entity_id
      WHERE f.final_entity IS NOT NULL GROUP BY 1`,
    DB,
  );
  const c = Object.fromEntries(rows.map(r => [r.kind, r.n]));
  const [last] = await admin(
    `SELECT f.final_entity::jsonb -> 'relations' AS relations
       FROM catalog.refresh_state r JOIN catalog.final_entities f ON f.entity_id = r.entity_id
      WHERE r.entity_ref = '${ref}'`,
    DB,
  );
  const types = new Set((last?.relations ?? []).map(x => x.type));
  return {
    components: c.component ?? 0,
    users: c.user ?? 0,
    systems: c.system ?? 0,
    lastStitched: types.has('ownedBy') && types.has('partOf'),
  };
}

async function main() {
  const sizes = ensureData();
  const exists =
    (await admin(`SELECT 1 FROM pg_database WHERE datname = '${DB}'`)).length >
    0;
  const fresh = process.env.FRESH === '1' || !exists;
  if (fresh) {
    await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${DB}`);
  }
  const stop = async () => {
    await backend.stop().catch(() => backend.kill('SIGKILL'));
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  if (fresh) {
    log(
      `phase 1: ingest ${sizes.components} components into ${DB} on :${PORT}`,
    );
    const t0 = Date.now();
    await start();
    const ready = Date.now();
    log(
      `backend ready in ${((ready - t0) / 1000).toFixed(1)} s, RSS ${rss()} MB`,
    );
    const lastRef = `component:default/scale-svc-${String(
      sizes.components - 1,
    ).padStart(5, '0')}`;
    let last = '';
    let peak = 0;
    for (;;) {
      const c = await counts(lastRef).catch(() => undefined);
      peak = Math.max(peak, rss());
      const now = JSON.stringify(c);
      if (now !== last) log(`catalog: ${now}`);
      last = now;
      // The demo's own entities come on top of the generated ones.
      if (
        c &&
        c.components >= sizes.components &&
        c.users >= sizes.users &&
        c.systems >= sizes.systems &&
        c.lastStitched
      )
        break;
      await sleep(2000);
    }
    const ingest = (Date.now() - ready) / 1000;
    log(
      `INGESTION ${ingest.toFixed(0)} s after ready (${(
        (Date.now() - t0) /
        1000
      ).toFixed(0)} s from start); RSS ${rss()} MB, peak seen ${Math.max(
        peak,
        rss(),
      )} MB`,
    );
    const t1 = Date.now();
    await seed({ sizes, log }).catch(e =>
      log(`SEEDING FAILED (node bench/scale/seed.mjs repeats it): ${e}`),
    );
    log(
      `seeded in ${((Date.now() - t1) / 1000).toFixed(0)} s; RSS ${rss()} MB`,
    );
    await backend.stop();
  }

  log('phase 2: restart on the same database, time the search index rebuild');
  let via;
  let done;
  onLine = (line, at) => {
    if (/Collating documents for software-catalog via/.test(line)) via = at;
    if (
      /Collating documents for software-catalog (succeeded|failed)/.test(line)
    )
      done = { at, line };
  };
  // The rebuild is due now, not at the end of the cadence the first phase's
  // run started.
  if (process.env.SEARCH !== '0') {
    await admin(
      `UPDATE search.backstage_backend_tasks__tasks SET next_run_start_at = now()
        WHERE id = 'search_index_software_catalog'`,
      DB,
    ).catch(() => undefined);
  }
  const t2 = Date.now();
  await start();
  log(
    `backend ready in ${((Date.now() - t2) / 1000).toFixed(
      1,
    )} s, RSS ${rss()} MB`,
  );
  let peak = 0;
  while (!done && process.env.SEARCH !== '0') {
    peak = Math.max(peak, rss());
    await sleep(1000);
  }
  if (done)
    log(
      `SEARCH INDEX ${((done.at - (via ?? t2)) / 1000).toFixed(1)} s (${
        /failed/.test(done.line) ? 'FAILED' : 'ok'
      }); RSS ${rss()} MB, peak seen ${peak} MB`,
    );
  await sleep(5000);
  log(`RSS settled ${rss()} MB`);
  if (process.env.EXIT === '1') {
    await stop();
  }
  log(`serving on ${BASE} (Ctrl-C to stop)`);
  setInterval(() => {}, 1 << 30);
}

main().catch(async e => {
  console.error(e);
  console.error(backend.log.slice(-5000));
  await backend.stop().catch(() => backend.kill('SIGKILL'));
  process.exit(1);
});
