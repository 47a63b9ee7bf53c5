// Platform metrics at organisation scale on PostgreSQL.
//
//   bash bench/platform-metrics.sh
//
// Starts the real backend (port 7208) on a fresh database with a generated
// catalog of COMPONENTS components (1,000) in 50 teams, then:
//  1. ingestion: a year of history (about 200,000 deployments, 500,000
//     changes, 5,000 incidents) posted through the event API in batches of
//     BATCH, CONCURRENCY requests in flight; prints events/s (target > 1,000);
//  2. reads: the organisation-wide dashboard calls (GET /dora and GET /teams
//     without an entity, 30 days; GET /adoption, 90 days) and single
//     components' GET /dora, REPEAT times each; prints p50/p95 (targets:
//     organisation p95 < 200 ms, component p95 < 50 ms).
import fs from 'node:fs';
import path from 'node:path';
import { backendMode, benchBackend, pct, sleep } from './lib/backend.mjs';

const COMPONENTS = Number(process.env.COMPONENTS ?? 1000);
const DAYS = Number(process.env.DAYS ?? 365);
const BATCH = Number(process.env.BATCH ?? 1000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 4);
const REPEAT = Number(process.env.REPEAT ?? 200);
const TEAMS = 50;
const TOKEN = 'bench-platform-metrics-static-token';
const DAY_MS = 86_400_000;

const backend = benchBackend({ name: 'metrics', port: 7208 });
const BASE = `${backend.base}/api/platform-metrics`;
const headers = {
  Authorization: `Bearer ${TOKEN}`,
  'content-type': 'application/json',
};

// Deterministic pseudo-random numbers (mulberry32), so runs compare.
let seed = 20261122;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = n => Math.floor(random() * n);
const name = i => `svc-${String(i).padStart(4, '0')}`;
const sha = () =>
  Array.from({ length: 40 }, () => '0123456789abcdef'[pick(16)]).join('');

function catalogYaml() {
  const docs = [];
  for (let d = 0; d < 10; d++) {
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: dept-${d} }
spec: { type: department, children: [] }`);
  }
  for (let t = 0; t < TEAMS; t++) {
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-${t} }
spec: { type: team, parent: dept-${t % 10}, children: [] }`);
  }
  for (let s = 0; s < 100; s++) {
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: system-${s} }
spec: { owner: team-${s % TEAMS} }`);
  }
  for (let i = 0; i < COMPONENTS; i++) {
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name(i)}
  annotations:
    github.com/project-slug: bench-org/${name(i)}
spec:
  type: service
  lifecycle: production
  owner: team-${i % TEAMS}
  system: system-${i % 100}`);
  }
  return `${docs.join('\n---\n')}\n`;
}

async function post(kind, events) {
  const res = await fetch(`${BASE}/events/${kind}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ events }),
  });
  if (!res.ok) {
    throw new Error(`POST /events/${kind}: ${res.status} ${await res.text()}`);
  }
}

async function waitForCatalog() {
  for (let i = 0; i < 600; i++) {
    const res = await fetch(
      `${BASE}/dora?entityRef=component:default/${name(COMPONENTS - 1)}`,
      { headers },
    ).catch(() => ({ ok: false, json: async () => ({}) }));
    const body = await res.json().catch(() => ({}));
    const teams = await fetch(`${BASE}/teams`, { headers })
      .then(r => r.json())
      .catch(() => ({ teams: [] }));
    const services = teams.teams?.reduce((n, t) => n + t.services, 0) ?? 0;
    if (res.ok && body.scope && services >= COMPONENTS) return;
    await sleep(1000);
  }
  throw new Error('catalog not ingested');
}

/**
 * A year of delivery, oldest day first: per component about 200 deployments
 * (5% failed, 3% rollbacks or hotfixes) of 2.5 commits each and 5 incidents,
 * a third of them caused by a deployment. Calls `flush` per full batch.
 */
async function ingestHistory(flush) {
  const now = Date.now();
  const start = now - DAYS * DAY_MS;
  const pending = { changes: [], deployments: [], incidents: [] };
  const counts = { changes: 0, deployments: 0, incidents: 0 };
  const deploysPerDay = (200 * COMPONENTS) / 365;
  const incidentsPerDay = (5 * COMPONENTS) / 365;
  let n = 0;
  const push = async (kind, event) => {
    pending[kind].push(event);
    counts[kind] += 1;
    if (pending[kind].length >= BATCH)
      await flush(kind, pending[kind].splice(0));
  };
  for (let day = 0; day < DAYS; day++) {
    const dayStart = start + day * DAY_MS;
    const deployIds = [];
    for (let k = 0; k < deploysPerDay; k++) {
      const c = pick(COMPONENTS);
      const deployedAt = dayStart + pick(DAY_MS);
      const shas = [];
      // 2.5 commits per deployment on average, authored 10 min to 3 days before.
      const commits = 1 + pick(4);
      for (let j = 0; j < commits; j++) {
        const s = sha();
        shas.push(s);
        await push('changes', {
          sha: s,
          repository: `bench-org/${name(c)}`,
          authoredAt: new Date(
            deployedAt - 600_000 - pick(3 * DAY_MS),
          ).toISOString(),
        });
      }
      const id = `bench-deploy-${(n += 1)}`;
      deployIds.push({ id, c, deployedAt });
      const r = random();
      await push('deployments', {
        id,
        repository: `bench-org/${name(c)}`,
        environment: r < 0.1 ? 'staging' : 'production',
        status: r > 0.95 ? 'failure' : 'success',
        deployedAt: new Date(deployedAt).toISOString(),
        commitShas: shas,
        rollback: r > 0.985,
        hotfix: r > 0.97 && r <= 0.985,
      });
    }
    for (let k = 0; k < incidentsPerDay; k++) {
      const cause = random() < 0.33 ? deployIds[pick(deployIds.length)] : null;
      const c = cause?.c ?? pick(COMPONENTS);
      const createdAt = cause
        ? cause.deployedAt + pick(3_600_000)
        : dayStart + pick(DAY_MS);
      await push('incidents', {
        id: `bench-incident-${(n += 1)}`,
        repository: `bench-org/${name(c)}`,
        createdAt: new Date(createdAt).toISOString(),
        resolvedAt: new Date(
          Math.min(now, createdAt + 300_000 + pick(2 * DAY_MS)),
        ).toISOString(),
        ...(cause ? { causeDeploymentId: cause.id } : {}),
      });
    }
  }
  for (const kind of Object.keys(pending)) {
    if (pending[kind].length) await flush(kind, pending[kind].splice(0));
  }
  return counts;
}

async function latencies(label, urls) {
  const ms = [];
  for (let i = 0; i < REPEAT; i++) {
    const url = urls[i % urls.length];
    const t0 = performance.now();
    const res = await fetch(`${BASE}${url}`, { headers });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  console.log(
    `${label}: p50 ${pct(ms, 50).toFixed(1)} ms, p95 ${pct(ms, 95).toFixed(
      1,
    )} ms, max ${ms[ms.length - 1].toFixed(1)} ms (${REPEAT} calls)`,
  );
}

async function main() {
  console.log(`Backend: ${backendMode}, PostgreSQL`);
  const catalogFile = path.join(backend.dir, 'catalog-bench.yaml');
  fs.writeFileSync(catalogFile, catalogYaml());
  await backend.open({
    backend: {
      auth: {
        externalAccess: [
          { type: 'static', options: { token: TOKEN, subject: 'bench-ci' } },
        ],
      },
    },
    // Only the generated organisation (Groups come only from locations
    // that allow them by name, app-config.yaml).
    catalog: {
      locations: [
        {
          type: 'file',
          target: catalogFile,
          rules: [{ allow: ['Component', 'System', 'Group', 'User'] }],
        },
      ],
    },
    platformMetrics: { demoData: false, catalogCacheSeconds: 5 },
    // A year of history as fast as it goes: above the CI rate limit.
    portal: { rateLimit: { 'platform-metrics': { limit: 1_000_000 } } },
  });
  await waitForCatalog();
  console.log(`Catalog: ${COMPONENTS} components, ${TEAMS} teams`);

  // PostgreSQL keeps its planner statistics fresh with autovacuum. Where it
  // is off (as on the development machine), analyse as it would, every 100
  // batches; the time it takes counts against ingestion.
  const [{ autovacuum }] = await backend.sql('show autovacuum');
  const analyse = autovacuum === 'off';
  if (analyse) console.log('autovacuum is off: ANALYZE every 100 batches');
  let batches = 0;

  // 1. Ingestion through the API.
  const inFlight = new Set();
  let events = 0;
  const t0 = performance.now();
  const counts = await ingestHistory(async (kind, batch) => {
    while (inFlight.size >= CONCURRENCY) await Promise.race(inFlight);
    if (analyse && ++batches % 100 === 0) {
      await Promise.all(inFlight);
      await backend.sql('ANALYZE');
    }
    const p = post(kind, batch).then(() => {
      events += batch.length;
      inFlight.delete(p);
    });
    inFlight.add(p);
  });
  await Promise.all(inFlight);
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `Ingestion: ${counts.deployments} deployments, ${counts.changes} changes, ` +
      `${counts.incidents} incidents = ${events} events in ${seconds.toFixed(
        1,
      )} s: ${(events / seconds).toFixed(0)} events/s ` +
      `(batches of ${BATCH}, ${CONCURRENCY} in flight)`,
  );

  // 2. Reads, after one warm-up call each.
  const components = Array.from(
    { length: 50 },
    (_, i) => `component:default/${name((i * 37) % COMPONENTS)}`,
  );
  for (const url of ['/dora?window=30', '/teams?window=30']) {
    await fetch(`${BASE}${url}`, { headers });
  }
  await latencies('Organisation GET /dora, 30 days', ['/dora?window=30']);
  await latencies('Organisation GET /teams, 30 days', ['/teams?window=30']);
  await latencies('Organisation GET /adoption, 90 days', [
    '/adoption?window=90',
  ]);
  await latencies(
    'Component GET /dora, 30 days',
    components.map(c => `/dora?entityRef=${c}&window=30`),
  );
  await latencies('Organisation GET /dora, 365 days', ['/dora?window=365']);
  await latencies(
    'Component GET /dora, 365 days',
    components.map(c => `/dora?entityRef=${c}&window=365`),
  );
}

main()
  .catch(e => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => backend.close());
