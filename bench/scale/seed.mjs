// Seeds the scale bench's pages with data through the public APIs, as CI
// systems and people would: 90 days of delivery events, scorecard facts
// for every generated component and feedback reports from a tenth of the
// people. Deterministic.
import { names } from './generate.mjs';
import { postJson, userToken } from './lib.mjs';

const CI = 'demo-only-ci-token-0123456789abcdef';
const SCORECARDS_CI = 'demo-only-scorecards-ci-token-0123456789';
const DAY = 86_400_000;

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `fn` over `items` with at most `n` at a time. */
async function pool(items, n, fn) {
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < items.length) await fn(items[i++]);
    }),
  );
}

export async function seed({
  sizes,
  log,
  days = 90,
  deploysPerComponent = Number(process.env.DEPLOYS ?? 10),
}) {
  const r = rng(42);
  const pick = n => Math.floor(r() * n);
  const now = Date.now();
  const hex = () =>
    Array.from({ length: 40 }, () => '0123456789abcdef'[pick(16)]).join('');

  // Delivery events, in batches of 1,000 per kind.
  const batches = [];
  const pending = { changes: [], deployments: [], incidents: [] };
  const push = (kind, e) => {
    pending[kind].push(e);
    if (pending[kind].length === 1000)
      batches.push([kind, pending[kind].splice(0)]);
  };
  let n = 0;
  for (let c = 0; c < sizes.components; c++) {
    const repository = `scale/${names.component(c)}`;
    const deploys = [];
    for (let k = 0; k < deploysPerComponent; k++) {
      const at = now - pick(days * DAY);
      const shas = Array.from({ length: 1 + pick(3) }, hex);
      for (const sha of shas) {
        push('changes', {
          sha,
          repository,
          authoredAt: new Date(at - 600_000 - pick(2 * DAY)).toISOString(),
        });
      }
      const id = `scale-deploy-${(n += 1)}`;
      deploys.push({ id, at });
      const x = r();
      push('deployments', {
        id,
        repository,
        environment: 'production',
        status: x > 0.93 ? 'failure' : 'success',
        deployedAt: new Date(at).toISOString(),
        commitShas: shas,
        rollback: x > 0.985,
      });
    }
    if (r() < 0.3) {
      const cause = deploys[pick(deploys.length)];
      // Never in the future (a deployment of the last hour), so the
      // resolution can come after it.
      const createdAt = Math.min(now - 300_000, cause.at + pick(3_600_000));
      push('incidents', {
        id: `scale-incident-${(n += 1)}`,
        repository,
        createdAt: new Date(createdAt).toISOString(),
        resolvedAt: new Date(
          Math.min(now, createdAt + 300_000 + pick(DAY)),
        ).toISOString(),
        causeDeploymentId: cause.id,
      });
    }
  }
  for (const kind of Object.keys(pending)) {
    if (pending[kind].length) batches.push([kind, pending[kind].splice(0)]);
  }
  // Changes before the deployments naming them.
  const order = { changes: 0, deployments: 1, incidents: 2 };
  batches.sort((a, b) => order[a[0]] - order[b[0]]);
  let t0 = Date.now();
  let events = 0;
  // SKIP_DELIVERY=1: facts and feedback only (the delivery events are
  // there); DELIVERY=incidents: those kinds only.
  const kinds =
    process.env.SKIP_DELIVERY === '1'
      ? []
      : (process.env.DELIVERY ?? 'changes,deployments,incidents').split(',');
  for (const kind of kinds) {
    await pool(
      batches.filter(b => b[0] === kind),
      4,
      async ([k, events_]) => {
        await postJson(`/api/platform-metrics/events/${k}`, CI, {
          events: events_,
        });
        events += events_.length;
      },
    );
  }
  log(
    `delivery: ${events} events in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );

  // Scorecard facts: coverage and a scan for every generated component.
  t0 = Date.now();
  const comps = Array.from({ length: sizes.components }, (_, c) => c);
  // SKIP_FACTS=1: feedback only.
  await pool(process.env.SKIP_FACTS === '1' ? [] : comps, 8, async c => {
    const vulns =
      r() < 0.2
        ? [
            {
              id: `CVE-2026-${1000 + c}`,
              severity: r() < 0.3 ? 'critical' : 'high',
              foundAt: new Date(now - pick(60) * DAY).toISOString(),
            },
          ]
        : [];
    await postJson('/api/scorecards/facts', SCORECARDS_CI, {
      entityRef: `component:default/${names.component(c)}`,
      testCoverage: Math.round(r() * 1000) / 10,
      vulnerabilities: vulns,
    });
  });
  log(
    `scorecard facts: ${sizes.components} posts in ${(
      (Date.now() - t0) /
      1000
    ).toFixed(0)} s`,
  );

  // Feedback: a tenth of the people report 3 issues each on components.
  t0 = Date.now();
  const CATEGORIES = ['docs', 'ci-cd', 'deployment'];
  const reporters = Array.from(
    { length: Math.max(1, Math.round(sizes.users / 10)) },
    (_, i) => i * 10,
  );
  let reports = 0;
  await pool(reporters, 8, async u => {
    const token = await userToken(names.user(u));
    for (let k = 0; k < 3; k++) {
      await postJson('/api/feedback/reports', token, {
        entityRef: `component:default/${names.component(
          pick(sizes.components),
        )}`,
        category: CATEGORIES[pick(CATEGORIES.length)],
        severity: ['low', 'medium', 'high'][pick(3)],
        text: `Generated report ${u}-${k}: the build of this service fails now and then.`,
      });
      reports += 1;
    }
  });
  log(
    `feedback: ${reports} reports in ${((Date.now() - t0) / 1000).toFixed(
      0,
    )} s`,
  );
}

// As a command: seeds a running scale bench backend (PORT) again.
if (
  process.argv[1] &&
  import.meta.url.endsWith(process.argv[1].split('/').pop())
) {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const root = path.resolve(
    path.dirname(fileURLToPath(import.meta.url)),
    '../..',
  );
  const sizes = JSON.parse(
    fs.readFileSync(path.join(root, 'data/scale/sizes.json'), 'utf8'),
  );
  await seed({ sizes, log: (...a) => console.log('[seed]', ...a) });
}
