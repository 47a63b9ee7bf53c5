// Faults and scaling of the cluster of scripts/cluster.sh (docs/operations.md).
//
//   bash bench/cluster-faults.sh        starts a 3-replica cluster, runs this
//
// Against the running cluster (haproxy on CLUSTER_PORT, its admin socket and
// statistics, replicas' pids in data/cluster/), under a mixed load of page
// reads, feedback submissions and delivery events (plus one scaffolder run):
//  1. scaling: submissions and delivery events with 1, 2 and 3 replicas in
//     haproxy's rotation: throughput, p95, CPU of the replicas, memory;
//  2. replica SIGKILL: time until haproxy routes around it, requests failed
//     in between, every acknowledged write in the database, the replica
//     back in rotation after its restart;
//  3. PostgreSQL restarted under load (PG_RESTART=0 skips it);
//  4. Redis stopped under load, then started again (REDIS_STOP=0 skips it).
// Every loop is bounded in time; only loopback addresses are used.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'packages/backend/package.json'));
const { Client } = require('pg');

const PORT = Number(process.env.CLUSTER_PORT ?? 7560);
// The demo sign-in answers for the portal's own host name only.
const BASE = `http://localhost:${PORT}`;
const STATS = `http://127.0.0.1:${PORT + 19}/stats;csv`;
const STATE = path.join(ROOT, 'data/cluster');
const PREFIX = process.env.CLUSTER_DB_PREFIX ?? 'cluster_';
const REPLICAS = Number(process.env.CLUSTER_REPLICAS ?? 3);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const SECONDS = Number(process.env.SECONDS_PER_STEP ?? 20);
const CI_TOKEN = 'demo-only-ci-token-0123456789abcdef';
const USERS = ['priya.sharma', 'marco.rossi', 'lena.fischer', 'guest'];
const ENTITY = 'component:default/payment-routing-service';
// Delivery events come from the CI of a dozen services, as in a company;
// all to one service would make each rollup read every earlier event of
// that service and day.
const SERVICES = [
  'payment-routing-service',
  'checkout-gateway',
  'ledger-service',
  'payouts-service',
  'fraud-scoring-service',
  'user-auth-service',
  'card-tokenization-service',
  'chargeback-service',
  'mfa-service',
  'web-bff',
  'fx-rates-poller',
  'feature-flag-service',
];
const PG_CLUSTER = process.env.PG_CLUSTER ?? '';

const sleep = ms => new Promise(r => setTimeout(r, ms));
const pct = (sorted, p) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
    : NaN;
const log = (...a) => console.log(...a);

// haproxy ---------------------------------------------------------------

function haproxy(command) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(path.join(STATE, 'haproxy.sock'));
    let out = '';
    socket.on('data', d => (out += d));
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
    socket.write(`${command}\n`);
  });
}

async function serverStatus() {
  const csv = await fetch(STATS).then(r => r.text());
  const out = {};
  for (const line of csv.split('\n')) {
    const f = line.split(',');
    if (f[0] === 'replicas' && f[1]?.startsWith('replica')) out[f[1]] = f[17];
  }
  return out;
}

async function inRotation(n) {
  for (let i = 1; i <= REPLICAS; i++) {
    await haproxy(
      `${i <= n ? 'enable' : 'disable'} server replicas/replica${i}`,
    );
  }
}

const pidOf = n =>
  Number(fs.readFileSync(path.join(STATE, `replica-${n}.pid`), 'utf8'));

function cpuTicks(pid) {
  const f = fs
    .readFileSync(`/proc/${pid}/stat`, 'utf8')
    .split(') ')[1]
    .split(' ');
  return Number(f[11]) + Number(f[12]); // utime + stime
}
const rssMb = pid =>
  Number(
    /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1],
  ) / 1024;

// the portal ------------------------------------------------------------

const tokens = {};
async function signIn() {
  for (const user of USERS) {
    for (let i = 0; ; i++) {
      const res = await fetch(`${BASE}/api/auth/demo/refresh`, {
        headers: { 'x-portal-demo-user': user },
      }).catch(() => undefined);
      if (res?.ok) {
        tokens[user] = (await res.json()).backstageIdentity.token;
        break;
      }
      if (i > 300) throw new Error(`sign-in ${user}: ${res?.status}`);
      await sleep(1000);
    }
  }
  for (let i = 0; i < 300; i++) {
    const res = await fetch(
      `${BASE}/api/catalog/entities/by-name/component/default/payment-routing-service`,
      { headers: { Authorization: `Bearer ${tokens.guest}` } },
    );
    if (res.ok) return;
    await sleep(1000);
  }
  throw new Error('catalog not ingested');
}

let seq = 0;
const run = `${Date.now().toString(36)}`;
/** One request of the mix; returns what was acknowledged, if anything. */
async function request(kind) {
  const n = seq++;
  const user = USERS[n % USERS.length];
  if (kind === 'read') {
    const url =
      n % 2 ? '/' : '/api/catalog/entities?limit=20&fields=metadata.name';
    const res = await fetch(`${BASE}${url}`, {
      headers: { Authorization: `Bearer ${tokens[user]}` },
    });
    await res.arrayBuffer();
    return { ok: res.ok, status: res.status };
  }
  if (kind === 'feedback') {
    const res = await fetch(`${BASE}/api/feedback/reports`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${tokens[user]}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        entityRef: ENTITY,
        category: 'ci-cd',
        severity: 'low',
        text: `Cluster bench ${run}-${n}: the pipeline waits for a runner`,
      }),
    });
    const body = await res.json().catch(() => ({}));
    return {
      ok: res.status === 201,
      status: res.status,
      ack: res.status === 201 ? body.id : undefined,
    };
  }
  const id = `cluster-${run}-${n}`;
  const res = await fetch(`${BASE}/api/platform-metrics/events/deployments`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${CI_TOKEN}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      id,
      repository: `fintech-fast/${SERVICES[n % SERVICES.length]}`,
      environment: 'production',
      status: 'success',
      deployedAt: new Date().toISOString(),
      commitShas: [
        (n.toString(16) + run)
          .padEnd(40, '0')
          .slice(0, 40)
          .replace(/[^0-9a-f]/g, 'a'),
      ],
    }),
  });
  const body = await res.text();
  if (!res.ok) firstFailure(`delivery ${res.status}`, body);
  return { ok: res.ok, status: res.status, ack: res.ok ? id : undefined };
}

const failuresSeen = new Set();
/** Prints the first answer of each kind of failure, to say what failed. */
function firstFailure(what, body) {
  if (failuresSeen.has(what)) return;
  failuresSeen.add(what);
  log(`${what}: ${body.slice(0, 200)}`);
}

/**
 * Waits until the catalog serves every service the delivery events name
 * (a cluster just started may still be reading its locations).
 */
async function catalogReady() {
  const until = Date.now() + 300_000;
  for (const name of SERVICES) {
    for (;;) {
      const res = await fetch(
        `${BASE}/api/catalog/entities/by-name/component/default/${name}`,
        { headers: { Authorization: `Bearer ${tokens['priya.sharma']}` } },
      );
      await res.arrayBuffer();
      if (res.ok) break;
      if (Date.now() > until) throw new Error(`${name} not in the catalog`);
      await sleep(1000);
    }
  }
}

/**
 * CONCURRENCY workers, each sending `kinds` round robin for `ms`; every
 * outcome recorded with its time.
 */
async function load(kinds, ms, results = []) {
  const until = Date.now() + ms;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      for (let i = w; Date.now() < until; i++) {
        const kind = kinds[i % kinds.length];
        const started = performance.now();
        let outcome;
        try {
          outcome = await request(kind);
        } catch (error) {
          outcome = { ok: false, status: String(error.cause?.code ?? error) };
        }
        results.push({
          kind,
          at: Date.now(),
          ms: performance.now() - started,
          ...outcome,
        });
      }
    }),
  );
  return results;
}

async function db(plugin, sql, params) {
  const c = new Client({
    host: '127.0.0.1',
    user: 'postgres',
    password: 'postgres',
    database: `${PREFIX}${plugin}`,
  });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows;
  } finally {
    await c.end();
  }
}

/** Acknowledged writes missing from the database. */
async function lost(results) {
  const reports = results
    .filter(r => r.kind === 'feedback' && r.ack)
    .map(r => r.ack);
  const deployments = results
    .filter(r => r.kind === 'delivery' && r.ack)
    .map(r => r.ack);
  const foundReports = reports.length
    ? (
        await db('feedback', 'select id from reports where id = any($1)', [
          reports,
        ])
      ).length
    : 0;
  const foundDeployments = deployments.length
    ? (
        await db(
          'platform-metrics',
          "select external_id from pm_deployments where source = 'demo-ci' and external_id = any($1)",
          [deployments],
        )
      ).length
    : 0;
  return {
    acknowledged: reports.length + deployments.length,
    missing:
      reports.length - foundReports + deployments.length - foundDeployments,
  };
}

function summary(results, kind) {
  const mine = results.filter(r => r.kind === kind);
  const ok = mine.filter(r => r.ok);
  const ms = ok.map(r => r.ms).sort((a, b) => a - b);
  return { n: mine.length, ok: ok.length, p95: pct(ms, 95) };
}

// the scaffolder run ------------------------------------------------------

async function scaffolderRun() {
  const res = await fetch(`${BASE}/api/scaffolder/v2/tasks`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${tokens['priya.sharma']}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      templateRef: 'template:default/redis-cache',
      values: process.env.SCAFFOLDER_VALUES
        ? JSON.parse(process.env.SCAFFOLDER_VALUES)
        : {
            size: 'small',
            version: '7.4',
            environment: 'staging',
            component: ENTITY,
          },
    }),
  }).catch(e => ({ ok: false, status: String(e), text: async () => '' }));
  if (!res.ok)
    return {
      started: false,
      status: res.status,
      detail: (await res.text()).slice(0, 300),
    };
  const { id } = await res.json();
  return { started: true, id };
}

async function scaffolderOutcome(id) {
  for (let i = 0; i < 120; i++) {
    const res = await fetch(`${BASE}/api/scaffolder/v2/tasks/${id}`, {
      headers: { Authorization: `Bearer ${tokens['priya.sharma']}` },
    }).catch(() => undefined);
    if (res?.ok) {
      const task = await res.json();
      if (!['open', 'processing'].includes(task.status)) {
        const events = await fetch(
          `${BASE}/api/scaffolder/v2/tasks/${id}/events`,
          {
            headers: { Authorization: `Bearer ${tokens['priya.sharma']}` },
          },
        ).then(r => r.json());
        return {
          status: task.status,
          logLines: events.filter(e => e.type === 'log').length,
        };
      }
    }
    await sleep(1000);
  }
  return { status: 'still running after 2 minutes' };
}

// the steps -----------------------------------------------------------------

const MIX = ['read', 'feedback', 'delivery', 'read'];
const report = {
  replicas: REPLICAS,
  concurrency: CONCURRENCY,
  secondsPerStep: SECONDS,
};

async function scaling() {
  report.scaling = [];
  for (let n = 1; n <= REPLICAS; n++) {
    await inRotation(n);
    await sleep(2000);
    const pids = Array.from({ length: REPLICAS }, (_, i) => pidOf(i + 1));
    const before = pids.map(cpuTicks);
    const started = Date.now();
    const results = await load(['feedback', 'delivery'], SECONDS * 1000);
    const seconds = (Date.now() - started) / 1000;
    const cpu = pids.map((p, i) => (cpuTicks(p) - before[i]) / 100 / seconds);
    const f = summary(results, 'feedback');
    const d = summary(results, 'delivery');
    const row = {
      replicas: n,
      feedbackPerSecond: +(f.ok / seconds).toFixed(1),
      feedbackP95ms: +f.p95.toFixed(1),
      deliveryPerSecond: +(d.ok / seconds).toFixed(1),
      deliveryP95ms: +d.p95.toFixed(1),
      failed: results.filter(r => !r.ok).length,
      cpuCoresPerReplica: cpu.map(c => +c.toFixed(2)),
      rssMbPerReplica: pids.map(p => Math.round(rssMb(p))),
    };
    log('scaling', JSON.stringify(row));
    report.scaling.push(row);
  }
  await inRotation(REPLICAS);
}

/** Times of haproxy's status changes of one server, polled every 100 ms. */
async function waitStatus(server, wanted, timeoutMs) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const status = (await serverStatus().catch(() => ({})))[server] ?? '';
    if (status.startsWith(wanted)) return Date.now();
    await sleep(100);
  }
  return undefined;
}

async function killReplica() {
  await sleep(3000);
  const results = [];
  const loading = load(MIX, 40_000, results);
  const task = await scaffolderRun();
  await sleep(5000);
  const victim = pidOf(1);
  const killedAt = Date.now();
  process.kill(victim, 'SIGKILL');
  const downAt = await waitStatus('replica1', 'DOWN', 30_000);
  const failedBetween = results.filter(
    r => !r.ok && r.at >= killedAt && r.at <= (downAt ?? Date.now()),
  );
  await sleep(5000);
  // Back: the replica restarted as scripts/cluster.sh does.
  const restartedAt = Date.now();
  const child = spawn(
    'bash',
    [path.join(ROOT, 'scripts/cluster.sh'), 'replica', '1'],
    {
      detached: true,
      stdio: 'ignore',
      env: process.env,
    },
  );
  child.unref();
  const rejoinS = Number(process.env.REJOIN_TIMEOUT_S ?? 300);
  const upAt = await waitStatus('replica1', 'UP', rejoinS * 1000);
  await loading;
  const after = results.filter(r => r.at > killedAt);
  report.kill = {
    msUntilRoutedAround: downAt ? downAt - killedAt : 'not within 30 s',
    failedUntilRoutedAround: failedBetween.length,
    failedStatuses: [...new Set(failedBetween.map(r => r.status))],
    failedAfterKill: after.filter(r => !r.ok).length,
    requestsAfterKill: after.length,
    secondsUntilRejoined: upAt
      ? +((upAt - restartedAt) / 1000).toFixed(1)
      : 'not within 300 s',
    ...(await lost(results)),
    scaffolder: task.started ? await scaffolderOutcome(task.id) : task,
  };
  log('kill', JSON.stringify(report.kill));
}

async function restartPostgres() {
  if (process.env.PG_RESTART === '0') return;
  const cluster = PG_CLUSTER || fs.readdirSync('/etc/postgresql')[0];
  const results = [];
  const loading = load(MIX, 30_000, results);
  await sleep(5000);
  const at = Date.now();
  execFileSync('pg_ctlcluster', [
    '--skip-systemctl-redirect',
    cluster,
    'main',
    'restart',
  ]);
  const restartMs = Date.now() - at;
  await loading;
  const after = results.filter(r => r.at > at).sort((a, b) => a.at - b.at);
  const firstFailure = after.find(r => !r.ok);
  const lastFailure = [...after].reverse().find(r => !r.ok);
  report.postgres = {
    restartMs,
    failed: after.filter(r => !r.ok).length,
    requestsAfterRestart: after.length,
    msUntilLastFailure: lastFailure ? lastFailure.at - at : 0,
    firstFailureStatus: firstFailure?.status,
    okInLast10s: after.filter(r => r.at > Date.now() - 10_000 && r.ok).length,
    failedInLast10s: after.filter(r => r.at > Date.now() - 10_000 && !r.ok)
      .length,
    ...(await lost(results)),
  };
  log('postgres', JSON.stringify(report.postgres));
}

async function stopRedis() {
  if (process.env.REDIS_STOP === '0') return;
  const results = [];
  const loading = load(MIX, 25_000, results);
  await sleep(5000);
  const at = Date.now();
  execFileSync('redis-cli', ['-h', '127.0.0.1', 'shutdown', 'nosave']);
  await sleep(15_000);
  // Started again as the machine starts it.
  execFileSync('sh', [
    '-c',
    'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
  ]);
  const backAt = Date.now();
  await loading;
  const down = results.filter(r => r.at > at && r.at < backAt);
  report.redis = {
    secondsDown: +((backAt - at) / 1000).toFixed(1),
    requestsWhileDown: down.length,
    failedWhileDown: down.filter(r => !r.ok).length,
    byKindWhileDown: Object.fromEntries(
      ['read', 'feedback', 'delivery'].map(k => [k, summary(down, k)]),
    ),
    ...(await lost(results)),
  };
  log('redis', JSON.stringify(report.redis));
}

await signIn();
await catalogReady();
log(
  `cluster of ${REPLICAS} on ${BASE}; ${CONCURRENCY} clients, ${SECONDS} s a step`,
);
for (const step of (process.env.STEPS ?? 'scaling,kill,postgres,redis').split(
  ',',
)) {
  await {
    scaling,
    kill: killReplica,
    postgres: restartPostgres,
    redis: stopRedis,
  }[step]();
}
fs.writeFileSync(
  path.join(STATE, 'faults.json'),
  JSON.stringify(report, null, 2),
);
log(JSON.stringify(report, null, 2));
