// Wall time of `portal status <service>` (the CLI as a person runs it: a new
// node process, sign-in read from disk, the plugins' APIs in parallel)
// against the demo portal. Uses PORTAL_URL when given, otherwise starts the
// demo backend on SQLite on PORT (7552) through the launcher the tests use.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import launcher from '../packages/backend/src/testing/launchBackend.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'packages/cli/bin/portal');
const runs = Number(process.env.RUNS ?? 10);
const service = process.env.SERVICE ?? 'payment-routing-service';
const port = Number(process.env.PORT ?? 7552);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-cli-bench-'));

let backend;
let url = process.env.PORTAL_URL;
if (!url) {
  backend = new launcher.BackendProcess({
    port,
    dir,
    watch: false,
    overlay: {
      backend: {
        baseUrl: `http://localhost:${port}`,
        listen: { port },
        database: {
          client: 'better-sqlite3',
          connection: { directory: path.join(dir, 'sqlite') },
        },
      },
      techdocs: { builder: 'external' },
    },
  });
  fs.mkdirSync(path.join(dir, 'sqlite'));
  await backend.start(300_000);
  url = backend.baseUrl;
}
const env = {
  ...process.env,
  XDG_CONFIG_HOME: path.join(dir, 'config'),
  PORTAL_URL: url,
};
const portal = (...args) =>
  execFileSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });

try {
  // The demo catalog (the User to sign in as, the service) and its
  // metrics must be there before timing.
  await launcher.waitUntil(async () => {
    try {
      portal('login', '--user', 'priya.sharma');
      return portal('status', service, '--json').includes('"dora"');
    } catch {
      return false;
    }
  }, 180_000);
  // Wall time, and the CLI process's own CPU time (user + system, from
  // /usr/bin/time), which other work on the machine barely moves.
  const cpuFile = path.join(dir, 'cpu');
  const time = (...args) => {
    const start = performance.now();
    execFileSync(
      '/usr/bin/time',
      ['-f', '%U %S', '-o', cpuFile, process.execPath, BIN, ...args],
      { env, encoding: 'utf8' },
    );
    const wall = performance.now() - start;
    const [user, sys] = fs
      .readFileSync(cpuFile, 'utf8')
      .trim()
      .split(/\s+/)
      .slice(-2);
    return { wall, cpu: (Number(user) + Number(sys)) * 1000 };
  };
  const stats = values => {
    const t = [...values].sort((a, b) => a - b);
    return {
      median: t[Math.floor(t.length / 2)],
      p95: t[Math.min(t.length - 1, Math.floor(0.95 * t.length))],
    };
  };
  const measure = args => {
    time(...args); // warm the disk cache and the backend's caches
    const t = [];
    for (let i = 0; i < runs; i++) t.push(time(...args));
    return { ...stats(t.map(x => x.wall)), cpu: stats(t.map(x => x.cpu)) };
  };
  const status = measure(['status', service]);
  const help = measure(['--help']);
  const ms = v => `${Math.round(v)} ms`;
  console.log(
    `portal status ${service}: median ${ms(status.median)}, p95 ${ms(
      status.p95,
    )} (${runs} runs); CLI CPU median ${ms(status.cpu.median)}`,
  );
  console.log(
    `portal --help (start-up alone): median ${ms(help.median)}, p95 ${ms(
      help.p95,
    )}; CLI CPU median ${ms(help.cpu.median)}`,
  );
  console.log(
    `load average: ${os
      .loadavg()
      .map(l => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  await backend?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
