// p95 of each page's calls as the app makes them, against a running scale
// bench backend (bench/scale/run.sh), signed in through demo sign-in.
// A "page" is its calls sent together, as the browser does, then the calls
// it sends once those answered (`then`); its time is until the last one
// answered.
//
//   node bench/scale/measure.mjs [--runs 40] [--only catalog,feedback]
import { BASE, pct, userToken } from './lib.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const RUNS = Number(arg('runs', process.env.RUNS ?? 40));
const ONLY = arg('only', '')?.split(',').filter(Boolean);

const q = params => new URLSearchParams(params).toString();
const by = (filters, extra = {}) => {
  const p = new URLSearchParams();
  for (const f of filters) p.append('filter', f);
  for (const [k, v] of Object.entries(extra)) p.append(k, String(v));
  return `/api/catalog/entities/by-query?${p}`;
};
const facet = (name, filter) =>
  `/api/catalog/entity-facets?${q({
    facet: name,
    ...(filter ? { filter } : {}),
  })}`;

let failures = 0;
async function time(path, token) {
  const t0 = performance.now();
  const res = await fetch(`${BASE}${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const body = await res.text();
  if (!res.ok) {
    // Counted and shown, not fatal: a shared database may refuse a
    // connection now and then.
    failures += 1;
    console.error(`GET ${path}: ${res.status} ${body.slice(0, 200)}`);
  }
  return performance.now() - t0;
}

async function main() {
  const dev = await userToken('priya.sharma');
  const platform = await userToken('sam.okafor');
  // priya.sharma's ownership refs, as the catalog page's "Owned" filter sends them.
  const me = await fetch(`${BASE}/api/auth/demo/refresh`, {
    headers: { 'x-portal-demo-user': 'priya.sharma' },
  }).then(r => r.json());
  const owned = me.backstageIdentity.identity.ownershipEntityRefs;
  const ownedFilter = `kind=component,${owned
    .map(r => `relations.ownedBy=${r.toLowerCase()}`)
    .join(',')}`;
  const component = 'component:default/scale-svc-04242';
  const ownerOf = 'group:default/scale-team-0012';

  const pages = [
    {
      name: 'catalog list (Owned, first page, counts, pickers)',
      target: 1000,
      token: dev,
      calls: [
        by([ownedFilter], {
          orderField: 'metadata.name,asc',
          limit: 20,
          totalItems: 'exclude',
        }),
        by([ownedFilter], { orderField: 'metadata.name,asc', limit: 0 }),
        by(['kind=component'], { limit: 0 }),
        facet('kind'),
        facet('spec.type', 'kind=component'),
        facet('spec.lifecycle', 'kind=component'),
        facet('metadata.tags', 'kind=component'),
        facet('metadata.namespace', 'kind=component'),
        facet('relations.ownedBy', 'kind=component'),
      ],
    },
    {
      name: 'catalog list (All, first page)',
      target: 1000,
      token: dev,
      calls: [
        by(['kind=component'], {
          orderField: 'metadata.name,asc',
          limit: 20,
          totalItems: 'exclude',
        }),
        by(['kind=component'], { orderField: 'metadata.name,asc', limit: 0 }),
        by([ownedFilter], { limit: 0 }),
      ],
    },
    {
      name: 'golden paths: paths, drift, usage',
      target: 300,
      token: dev,
      calls: ['/api/golden-paths/paths', '/api/golden-paths/usage?weeks=26'],
      // Each path's drift table reads its first page once the paths came.
      then: ['nodejs-api', 'python-data-pipeline', 'react-frontend'].map(
        name =>
          `/api/golden-paths/drift?${q({
            templateRef: `template:default/${name}`,
            offset: 0,
            limit: 10,
          })}`,
      ),
    },
    {
      name: 'platform metrics teams (30 days)',
      target: 300,
      token: platform,
      calls: ['/api/platform-metrics/teams?window=30'],
    },
    {
      name: 'feedback backlog (open statuses)',
      target: 100,
      token: platform,
      calls: ['new', 'triaged', 'planned', 'in-progress'].map(
        s => `/api/feedback/reports?status=${s}`,
      ),
    },
    {
      name: "component's DORA tab (30 days)",
      target: 50,
      token: dev,
      calls: [
        `/api/platform-metrics/dora?${q({
          entityRef: component,
          window: 30,
          granularity: 'day',
        })}`,
      ],
    },
    {
      name: "component's scorecard tab",
      target: 50,
      token: dev,
      calls: [`/api/scorecards/entity?${q({ entityRef: component })}`],
    },
    {
      name: 'organisation scorecards (365 days)',
      target: 300,
      token: dev,
      calls: ['/api/scorecards/summary?days=365'],
    },
    {
      name: "a team's scorecards",
      target: 300,
      token: dev,
      calls: [`/api/scorecards/summary?${q({ ownerRef: ownerOf })}`],
    },
  ].filter(p => !ONLY?.length || ONLY.some(o => p.name.includes(o)));

  const rows = [];
  for (const page of pages) {
    const all = [...page.calls, ...(page.then ?? [])];
    const load = async () => [
      ...(await Promise.all(page.calls.map(c => time(c, page.token)))),
      ...(await Promise.all((page.then ?? []).map(c => time(c, page.token)))),
    ];
    // One warm-up, as a person opening the page after someone else did.
    await load();
    const totals = [];
    const per = all.map(() => []);
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const ms = await load();
      totals.push(performance.now() - t0);
      ms.forEach((m, k) => per[k].push(m));
    }
    totals.sort((a, b) => a - b);
    const slowest = per
      .map((m, k) => ({
        call: all[k],
        p95: pct(
          m.sort((a, b) => a - b),
          95,
        ),
      }))
      .sort((a, b) => b.p95 - a.p95)[0];
    const p95 = pct(totals, 95);
    rows.push({
      page: page.name,
      p50: pct(totals, 50).toFixed(0),
      p95: p95.toFixed(0),
      target: page.target,
      ok: p95 <= page.target ? 'yes' : 'NO',
      slowest: `${slowest.call
        .replace(/^\/api\//, '')
        .slice(0, 70)} ${slowest.p95.toFixed(0)}`,
    });
    console.log(
      `${page.name}: p50 ${rows.at(-1).p50} ms, p95 ${
        rows.at(-1).p95
      } ms (target ${page.target})`,
    );
  }
  console.log(
    `\n${RUNS} runs per page against ${BASE}; ms; failed calls: ${failures}\n`,
  );
  console.log('| page | p50 | p95 | target | met | slowest call (p95) |');
  console.log('| --- | --: | --: | --: | --- | --- |');
  for (const r of rows)
    console.log(
      `| ${r.page} | ${r.p50} | ${r.p95} | ${r.target} | ${r.ok} | ${r.slowest} |`,
    );
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
