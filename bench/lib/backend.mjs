// The real backend on a fresh PostgreSQL database, for the benches.
//
// BACKEND_ENTRY (set by the .sh wrappers in MODE=production): the built
// backend, run by plain node; otherwise the dev runner of `yarn start`.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

export const sleep = ms => new Promise(r => setTimeout(r, ms));

/** The p-th percentile of an ascending array. */
export const pct = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export const backendMode = ENTRY
  ? 'built bundle, node, NODE_ENV=production'
  : 'backstage-cli package start, NODE_ENV=development';

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
 * database of its own; `open(config)` adds `config` on top.
 */
export function benchBackend({ name, port }) {
  const url = new URL(PG_URL);
  const dbName = `portal_bench_${name}_${Date.now()}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `portal-bench-${name}-`));
  const base = `http://localhost:${port}`;
  const configFile = path.join(dir, 'app-config.bench.json');
  let child;

  function kill(signal) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
  }

  async function start() {
    const args = [
      '--config',
      path.join(ROOT, 'app-config.yaml'),
      '--config',
      path.join(ROOT, 'app-config.demo.yaml'),
      '--config',
      configFile,
    ];
    child = spawn(
      process.execPath,
      ENTRY
        ? [ENTRY, ...args]
        : [
            require.resolve('@backstage/cli/bin/backstage-cli'),
            'package',
            'start',
            ...args,
          ],
      {
        // Relative paths in app-config.yaml are relative to packages/backend.
        cwd: BACKEND_DIR,
        env: {
          ...process.env,
          NODE_ENV: ENTRY ? 'production' : 'development',
          // PROFILE_DIR=<dir>: a V8 CPU profile of the backend, written when
          // it exits cleanly.
          ...(process.env.PROFILE_DIR
            ? {
                NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.PROFILE_DIR}`,
              }
            : {}),
        },
        detached: true,
        stdio: process.env.BENCH_BACKEND_LOG ? 'inherit' : 'ignore',
      },
    );
    for (let i = 0; i < 600; i++) {
      const ok = await fetch(`${base}/.backstage/health/v1/readiness`)
        .then(r => r.ok)
        .catch(() => false);
      if (ok) return;
      await sleep(500);
    }
    throw new Error('backend did not start');
  }

  return {
    base,
    dir,
    /** Runs SQL in the backend's database. */
    sql: query => admin(query, dbName),
    start,
    kill,
    /** Creates the database and the config, then starts the backend. */
    async open(config = {}) {
      await admin(`CREATE DATABASE ${dbName}`);
      fs.writeFileSync(
        configFile,
        JSON.stringify({
          ...config,
          backend: {
            baseUrl: base,
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
        }),
      );
      await start();
    },
    async close() {
      kill('SIGTERM');
      await sleep(3000);
      kill('SIGKILL');
      await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(
        () => {},
      );
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
