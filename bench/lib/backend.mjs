// The real backend on a fresh PostgreSQL database, for the benches.
//
// BACKEND_ENTRY (set by the .sh wrappers in MODE=production): the built
// backend, run by plain node; otherwise the sources as `yarn start` runs
// them but without its restarts on file changes (others' edits would restart
// the backend mid-run); BENCH_WATCH=1 uses the development runner itself.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import launcher from '../../packages/backend/src/testing/launchBackend.js';

const { BackendProcess } = launcher;

export const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const BACKEND_DIR = path.join(ROOT, 'packages/backend');
export const require = createRequire(path.join(BACKEND_DIR, 'package.json'));
const { Client } = require('pg');

const PG_URL =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:5432';
const ENTRY = process.env.BACKEND_ENTRY;

export const sleep = launcher.sleep;

/** The p-th percentile of an ascending array. */
export const pct = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export const backendMode = ENTRY
  ? 'built bundle, node, NODE_ENV=production'
  : process.env.BENCH_WATCH === '1'
  ? 'backstage-cli package start, NODE_ENV=development'
  : 'sources as yarn start runs them (no restart on file changes), NODE_ENV=development';

async function admin(sql, database) {
  const url = new URL(PG_URL);
  if (database) url.pathname = `/${database}`;
  const c = new Client({ connectionString: url.toString() });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

/**
 * A backend on `port` with the demo config plus a PostgreSQL connection to a
 * database of its own; `open(config)` adds `config` on top. Started by the
 * launcher the integration tests use (packages/backend/src/testing/launchBackend.js).
 */
export function benchBackend({ name, port }) {
  const url = new URL(PG_URL);
  const dbName = `portal_bench_${name}_${Date.now()}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `portal-bench-${name}-`));
  const backend = new BackendProcess({
    port,
    dir,
    entry: ENTRY,
    watch: process.env.BENCH_WATCH === '1',
    inheritOutput: Boolean(process.env.BENCH_BACKEND_LOG),
    env: {
      ...process.env,
      // PROFILE_DIR=<dir>: a V8 CPU profile of the backend, written when it
      // exits cleanly.
      ...(process.env.PROFILE_DIR
        ? {
            NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.PROFILE_DIR}`,
          }
        : {}),
    },
  });
  const start = () => backend.start(300_000);

  return {
    base: backend.baseUrl,
    dir,
    /** Runs SQL in the backend's database. */
    sql: query => admin(query, dbName),
    start,
    kill: signal => backend.kill(signal),
    /**
     * CPU seconds (user + system) used so far by the backend's processes
     * (its process group), from /proc: unlike latency, barely moved by
     * other work on the machine.
     */
    cpuSeconds() {
      const group = backend.child?.pid;
      let ticks = 0;
      for (const pid of fs.readdirSync('/proc').filter(d => /^\d+$/.test(d))) {
        try {
          const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
          const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          // Fields after the name: state, ppid, pgrp, ..., utime (12), stime (13).
          if (Number(f[2]) === group) ticks += Number(f[11]) + Number(f[12]);
        } catch {
          /* gone meanwhile */
        }
      }
      return ticks / 100;
    },
    /** Creates the database and the config, then starts the backend. */
    async open(config = {}) {
      await admin(`CREATE DATABASE ${dbName}`);
      backend.setOverlay({
        ...config,
        backend: {
          baseUrl: backend.baseUrl,
          listen: { port },
          database: {
            client: 'pg',
            pluginDivisionMode: 'schema',
            connection: {
              host: url.hostname,
              port: Number(url.port || 5432),
              user: decodeURIComponent(url.username),
              password: decodeURIComponent(url.password),
              database: dbName,
            },
          },
          ...config.backend,
        },
        techdocs: { builder: 'external' },
      });
      await start();
    },
    async close() {
      await backend.stop().catch(() => backend.kill('SIGKILL'));
      await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(
        () => {},
      );
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
