// Feedback submission under load on PostgreSQL, and durability under SIGKILL.
//
//   bash bench/feedback-load.sh
//
// Starts the real backend (app-config.yaml + a PostgreSQL overlay, port 7207)
// on a fresh database, then:
//  1. latency: WRITERS concurrent writers each POST REQUESTS reports, first at
//     one report per writer per second, then back to back (saturation);
//     prints p50/p95/p99 and throughput (target p95 < 50 ms at 100 writers);
//     then how long the platform team's notifications (sent after the 201
//     from the feedback_outbox table) take to catch up;
//  2. durability: the writers keep posting while the backend is killed with
//     SIGKILL; after a restart every acknowledged (201) report must be there.
import { backendMode, benchBackend, pct, sleep } from './lib/backend.mjs';

const backend = benchBackend({ name: 'feedback', port: 7207 });
const BASE = backend.base;
const WRITERS = Number(process.env.WRITERS ?? 100);
const REQUESTS = Number(process.env.REQUESTS ?? 20);
const USERS = [
  'priya.sharma',
  'marco.rossi',
  'sam.okafor',
  'lena.fischer',
  'guest',
];
const ENTITIES = [
  'component:default/user-auth-service',
  'component:default/payment-routing-service',
  'component:default/ledger-service',
];
const CATEGORIES = ['docs', 'ci-cd', 'deployment', 'provisioning', 'tooling'];

// Users exist once the catalog has ingested them, a little after start.
async function token(user) {
  for (let i = 0; ; i++) {
    const res = await fetch(`${BASE}/api/auth/demo/refresh`, {
      headers: { 'x-portal-demo-user': user },
    });
    if (res.ok) return (await res.json()).backstageIdentity.token;
    if (i > 240) throw new Error(`sign-in ${user}: ${res.status}`);
    await sleep(500);
  }
}

async function waitForCatalog(tok) {
  for (let i = 0; i < 240; i++) {
    const found = await Promise.all(
      ENTITIES.map(ref => {
        const [kind, rest] = ref.split(':');
        return fetch(`${BASE}/api/catalog/entities/by-name/${kind}/${rest}`, {
          headers: { Authorization: `Bearer ${tok}` },
        }).then(r => r.ok);
      }),
    );
    if (found.every(Boolean)) return;
    await sleep(500);
  }
  throw new Error('catalog not ingested');
}

let seq = 0;
async function postReport(tok) {
  const n = seq++;
  const started = performance.now();
  const res = await fetch(`${BASE}/api/feedback/reports`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${tok}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      entityRef: ENTITIES[n % ENTITIES.length],
      category: CATEGORIES[n % CATEGORIES.length],
      severity: 'medium',
      text: `Bench report ${n}: the pipeline waits for a runner for minutes`,
      anonymous: n % 4 === 0,
    }),
  });
  const ms = performance.now() - started;
  const body = res.status === 201 ? await res.json() : await res.text();
  return {
    status: res.status,
    ms,
    id: res.status === 201 ? body.id : undefined,
  };
}

async function main() {
  console.log(`Backend: ${backendMode}`);
  // WRITERS people share five demo users: above the per-person write limit.
  await backend.open({
    portal: { rateLimit: { feedback: { limit: 1_000_000 } } },
  });
  const tokens = await Promise.all(USERS.map(token));
  await waitForCatalog(tokens[0]);
  // Warm up the connection pools and code paths.
  await Promise.all(tokens.map(t => postReport(t)));

  // 1a. Latency: WRITERS people writing at once, each submitting a report
  // every PACE_MS (about 100 reports/s for 100 writers).
  // What the backend does with no request at all (the catalog's processing
  // loop, scheduled tasks), to read the CPU a report costs against.
  const idle0 = backend.cpuSeconds();
  await sleep(10_000);
  console.log(
    `Idle backend: ${((backend.cpuSeconds() - idle0) * 10).toFixed(
      0,
    )}% of a core`,
  );
  let cpu0 = backend.cpuSeconds();
  const report = (label, latencies, errors, seconds) => {
    latencies.sort((a, b) => a - b);
    const cpu = backend.cpuSeconds();
    const cpuPerReport = ((cpu - cpu0) * 1000) / Math.max(1, latencies.length);
    cpu0 = cpu;
    console.log(
      `${label}: ${latencies.length} reports (${errors} errors), ` +
        `p50 ${pct(latencies, 50).toFixed(1)} ms, p95 ${pct(
          latencies,
          95,
        ).toFixed(1)} ms, ` +
        `p99 ${pct(latencies, 99).toFixed(1)} ms, ${(
          latencies.length / seconds
        ).toFixed(0)} reports/s, backend CPU ${cpuPerReport.toFixed(
          1,
        )} ms a report`,
    );
  };
  const PACE_MS = Number(process.env.PACE_MS ?? 1000);
  let latencies = [];
  let errors = 0;
  let t0 = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      await sleep(Math.random() * PACE_MS);
      for (let i = 0; i < REQUESTS; i++) {
        const r = await postReport(tokens[w % tokens.length]);
        if (r.status === 201) latencies.push(r.ms);
        else errors++;
        await sleep(Math.max(0, PACE_MS - r.ms));
      }
    }),
  );
  report(
    `${WRITERS} concurrent writers, one report each per ${PACE_MS} ms`,
    latencies,
    errors,
    (performance.now() - t0) / 1000,
  );

  // LATENCY_ONLY=1: stop here (e.g. to let a profiler write its profile on a
  // clean exit).
  if (process.env.LATENCY_ONLY) return;

  // 1b. Saturation: the same writers with no pause at all.
  latencies = [];
  errors = 0;
  t0 = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; i < REQUESTS; i++) {
        const r = await postReport(tokens[w % tokens.length]);
        if (r.status === 201) latencies.push(r.ms);
        else errors++;
      }
    }),
  );
  report(
    `${WRITERS} concurrent writers, back to back (saturation)`,
    latencies,
    errors,
    (performance.now() - t0) / 1000,
  );

  // The platform team's notifications follow the 201 (feedback_outbox).
  const drainStart = performance.now();
  const drainCpu = backend.cpuSeconds();
  let waiting = Infinity;
  while (waiting > 0 && performance.now() - drainStart < 120_000) {
    [{ waiting }] = await backend.sql(
      'select count(*)::int as waiting from feedback.feedback_outbox',
    );
    if (waiting > 0) await sleep(250);
  }
  console.log(
    waiting > 0
      ? `Notifications: ${waiting} still waiting after 120 s`
      : `Notifications: outbox empty ${(
          (performance.now() - drainStart) /
          1000
        ).toFixed(1)} s after the last report (backend CPU meanwhile ${(
          backend.cpuSeconds() - drainCpu
        ).toFixed(1)} s)`,
  );

  // 2. SIGKILL during the same load; every 201 must survive.
  const acknowledged = [];
  let stop = false;
  const writers = Array.from({ length: WRITERS }, async (_, w) => {
    while (!stop) {
      const r = await postReport(tokens[w % tokens.length]).catch(
        () => undefined,
      );
      if (r?.status === 201) acknowledged.push(r.id);
      if (!r) await sleep(50);
    }
  });
  await sleep(3000);
  backend.kill('SIGKILL');
  await sleep(1000);
  stop = true;
  await Promise.all(writers);
  await backend.start();
  const tok = await token('guest');
  let lost = 0;
  for (let i = 0; i < acknowledged.length; i += 50) {
    const results = await Promise.all(
      acknowledged.slice(i, i + 50).map(id =>
        fetch(`${BASE}/api/feedback/reports/${id}`, {
          headers: { Authorization: `Bearer ${tok}` },
        }).then(r => r.status),
      ),
    );
    lost += results.filter(s => s !== 200).length;
  }
  console.log(
    `SIGKILL during load: ${acknowledged.length} reports acknowledged before the kill, ${lost} lost after restart`,
  );
}

main()
  .catch(e => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => backend.close());
