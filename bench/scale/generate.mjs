// Generates a large organisation as catalog files under data/scale/ (or
// OUT): 10,000 components, 1,000 APIs, 1,000 systems in 20 domains, 500
// teams in 20 departments and 5,000 users by default. Deterministic: the
// same sizes always give the same files. Each system is one repository's
// catalog-info.yaml (the System, its API and its components); the teams
// and people are two files the scale config overlay allows Groups and
// Users from (bench/scale/app-config.scale.yaml).
//
//   node bench/scale/generate.mjs [--components 10000] [--out data/scale]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : process.env[name.toUpperCase()] ?? def;
};
export const sizes = components => ({
  components,
  systems: Math.max(1, Math.round(components / 10)),
  teams: Math.max(1, Math.round(components / 20)),
  users: Math.max(1, Math.round(components / 2)),
  departments: 20,
  domains: 20,
});

const pad = (n, w) => String(n).padStart(w, '0');
export const names = {
  team: i => `scale-team-${pad(i, 4)}`,
  user: i => `scale.user${pad(i, 5)}`,
  system: i => `scale-system-${pad(i, 4)}`,
  api: i => `scale-api-${pad(i, 4)}`,
  component: i => `scale-svc-${pad(i, 5)}`,
};

// A small deterministic PRNG (mulberry32).
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

const PATHS = [
  {
    ref: 'template:default/nodejs-api',
    type: 'service',
    tags: ['nodejs', 'typescript'],
    versions: ['2.1.0', '2.0.0', '1.4.0', '1.3.1', '1.3.0', '1.2.0', '1.1.0'],
  },
  {
    ref: 'template:default/python-data-pipeline',
    type: 'data-pipeline',
    tags: ['python'],
    versions: ['2.3.0', '2.2.0', '2.1.0', '2.0.3', '1.9.0'],
  },
  {
    ref: 'template:default/react-frontend',
    type: 'website',
    tags: ['react', 'typescript'],
    versions: ['1.4.0', '1.3.1', '1.3.0', '1.2.0', '1.1.0'],
  },
];
const LIFECYCLES = [
  'production',
  'production',
  'production',
  'experimental',
  'deprecated',
];
const TIERS = ['tier-1', 'tier-2', 'tier-2', 'tier-3'];

const yaml = docs =>
  docs
    .map(
      d =>
        `---\n${JSON.stringify(d, null, 1).replace(/^ +/gm, m =>
          '  '.repeat(m.length),
        )}\n`,
    )
    .join('');

export function generate({ components, out }) {
  const s = sizes(components);
  const r = rng(20261205);
  const pick = list => list[Math.floor(r() * list.length)];
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, 'org'), { recursive: true });

  const groups = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: {
        name: 'scale-org',
        title: 'Scale Org',
        description: 'The generated organisation.',
      },
      spec: { type: 'organization', children: [] },
    },
  ];
  for (let d = 0; d < s.departments; d++) {
    groups.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `scale-dept-${pad(d, 2)}`, title: `Department ${d}` },
      spec: { type: 'department', parent: 'scale-org', children: [] },
    });
  }
  for (let t = 0; t < s.teams; t++) {
    groups.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: names.team(t), title: `Team ${t}` },
      spec: {
        type: 'team',
        parent: `scale-dept-${pad(t % s.departments, 2)}`,
        profile: {
          displayName: `Team ${t}`,
          email: `${names.team(t)}@scale.example`,
        },
        children: [],
      },
    });
  }
  fs.writeFileSync(path.join(out, 'org/groups.yaml'), yaml(groups));

  const users = [];
  for (let u = 0; u < s.users; u++) {
    users.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: names.user(u) },
      spec: {
        profile: {
          displayName: `User ${u}`,
          email: `${names.user(u)}@scale.example`,
        },
        memberOf: [names.team(u % s.teams)],
      },
    });
  }
  fs.writeFileSync(path.join(out, 'org/users.yaml'), yaml(users));

  const domains = [];
  for (let d = 0; d < s.domains; d++) {
    domains.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: { name: `scale-domain-${pad(d, 2)}`, title: `Domain ${d}` },
      spec: { owner: names.team(d % s.teams) },
    });
  }
  fs.writeFileSync(path.join(out, 'domains.yaml'), yaml(domains));

  const targets = ['./domains.yaml'];
  const perSystem = Math.ceil(components / s.systems);
  let c = 0;
  for (let sys = 0; sys < s.systems; sys++) {
    const team = names.team(sys % s.teams);
    const docs = [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: {
          name: names.system(sys),
          title: `System ${sys}`,
          description: `Generated system ${sys}.`,
        },
        spec: {
          owner: team,
          domain: `scale-domain-${pad(sys % s.domains, 2)}`,
        },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'API',
        metadata: {
          name: names.api(sys),
          description: `API of system ${sys}.`,
          tags: [pick(TIERS)],
        },
        spec: {
          type: 'openapi',
          lifecycle: pick(LIFECYCLES),
          owner: team,
          system: names.system(sys),
          definition: `openapi: 3.0.3\ninfo:\n  title: ${names.api(
            sys,
          )}\n  version: 1.0.0\npaths:\n  /health:\n    get:\n      responses:\n        '200':\n          description: OK\n`,
        },
      },
    ];
    for (let k = 0; k < perSystem && c < components; k++, c++) {
      const golden = r() < 0.7 ? pick(PATHS) : undefined;
      const created = new Date(
        Date.UTC(2024, 0, 1) + Math.floor(r() * 700) * 86400000,
      );
      const annotations = {
        'fintech-fast.example/ci-sources': 'demo-ci, demo-ci-scorecards',
        'fintech-fast.example/created-at': created
          .toISOString()
          .replace('.000', ''),
        'github.com/project-slug': `scale/${names.component(c)}`,
      };
      if (golden) {
        annotations['backstage.io/source-template'] = golden.ref;
        annotations['fintech-fast.example/template-version'] = pick(
          golden.versions,
        );
      }
      const consumes =
        r() < 0.5 ? [names.api(Math.floor(r() * s.systems))] : [];
      docs.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: names.component(c),
          description: `Generated component ${c} of system ${sys}.`,
          annotations,
          tags: [...(golden?.tags ?? ['java']), pick(TIERS)],
        },
        spec: {
          type: golden?.type ?? pick(['service', 'library', 'service']),
          lifecycle: pick(LIFECYCLES),
          owner: team,
          system: names.system(sys),
          ...(k === 0 ? { providesApis: [names.api(sys)] } : {}),
          ...(consumes.length ? { consumesApis: consumes } : {}),
        },
      });
    }
    const file = `systems/${names.system(sys)}/catalog-info.yaml`;
    fs.mkdirSync(path.join(out, path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(out, file), yaml(docs));
    targets.push(`./${file}`);
  }
  fs.writeFileSync(
    path.join(out, 'all.yaml'),
    yaml([
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Location',
        metadata: {
          name: 'scale-org',
          description: 'The generated organisation.',
        },
        spec: { type: 'file', targets },
      },
    ]),
  );
  fs.writeFileSync(path.join(out, 'sizes.json'), JSON.stringify(s, null, 2));
  return s;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const components = Number(arg('components', 10000));
  const out = path.resolve(ROOT, arg('out', 'data/scale'));
  const t0 = Date.now();
  const s = generate({ components, out });
  console.log(
    `generated ${JSON.stringify(s)} in ${out} (${Date.now() - t0} ms)`,
  );
}
