// Renders every template in templates/ with the scaffolder's dry-run
// (POST /api/scaffolder/v2/dry-run, as the template editor does), writes the
// rendered files to a temporary folder and runs the generated project's own
// checks: npm install + lint + test for Node.js and React projects, flake8 +
// pytest for Python ones, manifest and catalog checks for infrastructure.
//
//   node templates/check.mjs [--only a,b] [--render-only] [--keep]
//                            [--backend-url http://localhost:3000] [--repeat N]
//
// For each service it then runs the workflow's own steps that report to the
// portal's scorecards (.github/scripts/report-facts.sh) with the service's CI
// token against the backend, and checks the service reached its level.
//
// Without --backend-url it starts the portal backend itself (app-config.yaml
// plus an overlay: its own port, a fresh SQLite folder and the check's static
// tokens) and stops it after. A backend given by --backend-url needs those
// tokens too (see startBackend), or --render-only.
// Prints per-template timings and ends with "templates: N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import launcher from '../packages/backend/src/testing/launchBackend.js';

const { BackendProcess } = launcher;

const TEMPLATES_DIR = path.dirname(fileURLToPath(import.meta.url));
const CHECK_USER = 'sam.okafor';
/**
 * The check registers the generated Resource as a template run would. A
 * person may not register a file claiming a golden-path origin
 * (packages/backend/src/modules/registrationClaims), so it does so with a
 * static token of its own backend, as operators' tooling would.
 */
const CATALOG_TOKEN = 'templates-check-only-catalog-token-0123456789';
/**
 * The static token of a created service's CI, subject `ci-<name>` (the
 * service's `fintech-fast.example/ci-sources`), for the scorecards only: what
 * templates/README.md tells the platform team to give a new service.
 */
const ciToken = entityName => `templates-check-ci-${entityName}-0123456789`;

/**
 * Per template: the form values a person would enter, and what the rendered
 * entity must then say (name, owner, system, on-call); `providesApi`: the
 * service registers its API too; `level`: the production-readiness level the
 * service reaches once its CI has reported coverage and a clean scan.
 */
const SAMPLES = {
  'nodejs-api': {
    values: {
      name: 'check-orders-api',
      description: 'Takes orders: validates, prices and stores them.',
      owner: 'group:default/checkout-core-team',
      system: 'system:default/payment-system',
      pagerdutyServiceId: 'PCHK0A1',
    },
    entityName: 'check-orders-api',
    providesApi: true,
    level: 'Gold',
  },
  'python-data-pipeline': {
    values: {
      name: 'check-settlements-pipeline',
      description: 'Aggregates daily settlements per merchant.',
      owner: 'group:default/data-platform-team',
      system: 'system:default/data-platform',
      schedule: '15 2 * * *',
      pagerdutyServiceId: 'PCHK0B2',
    },
    entityName: 'check-settlements-pipeline',
    level: 'Silver',
  },
  'react-frontend': {
    values: {
      name: 'check-merchant-portal',
      description: 'The merchants\u2019 self-service web app.',
      owner: 'group:default/checkout-core-team',
      system: 'system:default/payment-system',
      pagerdutyServiceId: 'PCHK0C3',
    },
    entityName: 'check-merchant-portal',
    level: 'Silver',
  },
  'postgresql-database': {
    values: {
      size: 'small',
      version: '16',
      environment: 'development',
      component: 'component:default/payment-routing-service',
    },
    entityName: 'payment-routing-service-development-postgres',
  },
  'redis-cache': {
    values: {
      size: 'medium',
      version: '7.4',
      environment: 'staging',
      component: 'component:default/payment-routing-service',
    },
    entityName: 'payment-routing-service-staging-redis',
  },
};
// The owner and system the infrastructure samples inherit from their component.
const COMPONENT_OWNERS = {
  'component:default/payment-routing-service': {
    owner: 'group:default/checkout-core-team',
    system: 'system:default/payment-system',
  },
};

const CUSTOM_ACTIONS = [
  'golden-paths:validate',
  'golden-paths:publish',
  'golden-paths:register',
];

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    'render-only': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'backend-url': { type: 'string' },
    repeat: { type: 'string', default: '1' },
    quiet: { type: 'boolean', default: false },
  },
});

const log = (...a) => console.error('[templates]', ...a);
const sleep = ms => new Promise(r => setTimeout(r, ms));
const now = () => performance.now();
const secs = ms => (ms / 1000).toFixed(1);

// ---------------------------------------------------------------- backend --

/**
 * The portal backend on SQLite in a temporary directory, started by the
 * launcher the integration tests and benches use
 * (packages/backend/src/testing/launchBackend.js).
 */
async function startBackend(port) {
  const dir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'templates-check-backend-'),
  );
  const backend = new BackendProcess({
    port,
    dir,
    // No restart when a file changes meanwhile (it would fail the check).
    watch: false,
    overlay: {
      backend: {
        baseUrl: `http://localhost:${port}`,
        listen: { port },
        database: {
          client: 'better-sqlite3',
          connection: { directory: path.join(dir, 'sqlite') },
        },
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: CATALOG_TOKEN, subject: 'templates-check' },
              accessRestrictions: [{ plugin: 'catalog' }],
            },
            ...Object.values(SAMPLES)
              .filter(s => s.level)
              .map(s => ({
                type: 'static',
                options: {
                  token: ciToken(s.entityName),
                  subject: `ci-${s.entityName}`,
                },
                accessRestrictions: [{ plugin: 'scorecards' }],
              })),
          ],
        },
      },
      // No docs build after start: it would compete for the CPU.
      techdocs: {
        builder: 'external',
        publisher: { local: { publishDirectory: path.join(dir, 'techdocs') } },
      },
      // Dry-runs publish nothing; should a step ever write, it writes here.
      goldenPaths: { publish: { localDir: path.join(dir, 'git') } },
    },
  });
  await backend.start(240_000);
  return {
    baseUrl: backend.baseUrl,
    log: () => backend.log,
    async stop() {
      await backend.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function signIn(baseUrl) {
  // The catalog ingests the demo organisation in the background after start;
  // the demo sign-in works once the User entity is there.
  const deadline = Date.now() + 180_000;
  let last = '';
  while (Date.now() < deadline) {
    const res = await fetch(`${baseUrl}/api/auth/demo/refresh`, {
      headers: { 'x-portal-demo-user': CHECK_USER },
    }).catch(e => ({ ok: false, status: 0, text: async () => String(e) }));
    if (res.ok) return (await res.json()).backstageIdentity.token;
    last = `${res.status} ${await res.text()}`;
    await sleep(1000);
  }
  throw new Error(`demo sign-in as ${CHECK_USER} failed: ${last}`);
}

async function api(baseUrl, token, urlPath, init = {}) {
  const request = () =>
    fetch(`${baseUrl}${urlPath}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      },
    });
  // One retry on a network error: a kept-alive socket may have been closed
  // by the server while the previous project's checks ran.
  const res = await request().catch(() => sleep(500).then(request));
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

/** Waits until the catalog knows the entities the sample values refer to. */
async function waitForCatalog(baseUrl, token, refs) {
  const deadline = Date.now() + 180_000;
  for (const ref of refs) {
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    for (;;) {
      const { status } = await api(
        baseUrl,
        token,
        `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
      );
      if (status === 200) break;
      if (Date.now() > deadline) throw new Error(`catalog has no ${ref}`);
      await sleep(1000);
    }
  }
}

// --------------------------------------------------------------- dry run --

function listFiles(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      return e.name === 'node_modules' ? [] : listFiles(p, base);
    }
    return [path.relative(base, p)];
  });
}

/**
 * Only for working on templates before the golden-paths backend is wired:
 * replaces the custom steps with debug:log and their outputs with plausible
 * values. Never used by CI (it needs GOLDEN_PATHS_STUB_ACTIONS=1).
 */
function stubCustomActions(template, values) {
  const inherited = COMPONENT_OWNERS[values.component] ?? values;
  const version =
    template.metadata.annotations?.['fintech-fast.example/template-version'];
  const stubs = {
    'steps.validate.output.templateRef': `template:default/${template.metadata.name}`,
    'steps.validate.output.templateVersion': version,
    'steps.validate.output.createdAt': new Date().toISOString(),
    'steps.validate.output.ownerRef': inherited.owner,
    'steps.validate.output.systemRef': inherited.system,
  };
  let text = JSON.stringify(template);
  for (const [expr, value] of Object.entries(stubs)) {
    text = text.split(expr).join(`'${value}'`);
  }
  const t = JSON.parse(text);
  t.spec.steps = t.spec.steps.map(step =>
    CUSTOM_ACTIONS.includes(step.action)
      ? {
          id: step.id,
          name: step.name,
          action: 'debug:log',
          input: { message: `stub of ${step.action}` },
        }
      : step,
  );
  t.spec.output = {};
  return t;
}

async function dryRun(baseUrl, token, name, values, stub) {
  const dir = path.join(TEMPLATES_DIR, name);
  let template = YAML.parse(
    fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'),
  );
  if (stub) template = stubCustomActions(template, values);
  const directoryContents = listFiles(dir).map(p => ({
    path: p.split(path.sep).join('/'),
    base64Content: fs.readFileSync(path.join(dir, p)).toString('base64'),
  }));
  const { status, body } = await api(
    baseUrl,
    token,
    '/api/scaffolder/v2/dry-run',
    {
      method: 'POST',
      body: JSON.stringify({ template, values, directoryContents }),
    },
  );
  if (status !== 200) {
    throw new Error(
      `dry-run answered ${status}: ${JSON.stringify(body).slice(0, 2000)}`,
    );
  }
  const failed = body.log.filter(l => l.body.status === 'failed');
  if (failed.length) {
    throw new Error(
      `dry-run step failed: ${failed.map(l => l.body.message).join('\n')}`,
    );
  }
  return { template, result: body };
}

function writeContents(outDir, directoryContents) {
  for (const file of directoryContents) {
    const target = path.join(outDir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, Buffer.from(file.base64Content, 'base64'));
    if (file.executable) fs.chmodSync(target, 0o755);
  }
}

// -------------------------------------------------- the rendered project --

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** What every rendered project must satisfy, whatever its kind. */
function checkRendered(outDir, template, sample) {
  const { entityName, values } = sample;
  const files = listFiles(outDir);
  assert(files.length > 0, 'the dry-run produced no files');
  for (const file of files) {
    const text = fs.readFileSync(path.join(outDir, file), 'utf8');
    // (GitHub Actions has its own steps.* expressions.)
    const leftover = file.startsWith('.github/workflows/')
      ? /\$\{\{\s*(values|parameters)\./
      : /\$\{\{\s*(values|parameters|steps)\./;
    assert(!leftover.test(text), `${file} still holds a template expression`);
    if (file.startsWith('.github/workflows/')) {
      // Workflows are copied verbatim: their ${{ }} are GitHub's.
      assert(
        /\$\{\{ github\./.test(text),
        `${file} lost its GitHub expressions`,
      );
    }
    if (/\.ya?ml$/.test(file) && !file.includes('templates/')) {
      YAML.parseAllDocuments(text).forEach(d => {
        assert(!d.errors.length, `${file} is not valid YAML: ${d.errors[0]}`);
      });
    }
  }
  const version =
    template.metadata.annotations['fintech-fast.example/template-version'];
  const entities = files
    .filter(f => path.basename(f) === 'catalog-info.yaml')
    .flatMap(f =>
      YAML.parseAllDocuments(fs.readFileSync(path.join(outDir, f), 'utf8')).map(
        d => d.toJS(),
      ),
    );
  assert(entities.length > 0, 'no catalog-info.yaml rendered');
  for (const entity of entities) {
    assert(
      entity.metadata.name === entityName,
      `entity name ${entity.metadata.name}, expected ${entityName}`,
    );
    assert(entity.spec?.owner?.startsWith('group:'), 'owner is not a group');
  }
  // The Component or Resource: where it came from, and who is on call.
  const main = entities.filter(e => ['Component', 'Resource'].includes(e.kind));
  assert(
    main.length === 1,
    `expected one Component or Resource, found ${main.length}`,
  );
  const a = main[0].metadata.annotations ?? {};
  assert(
    /^template:[^/]+\/[-a-z0-9]+$/.test(a['backstage.io/source-template']),
    'catalog-info.yaml lacks backstage.io/source-template',
  );
  assert(
    a['fintech-fast.example/template-version'] === version,
    `template-version annotation is ${a['fintech-fast.example/template-version']}, the template is ${version}`,
  );
  assert(
    !Number.isNaN(Date.parse(a['fintech-fast.example/created-at'])),
    'created-at annotation is not a date',
  );
  // A service or job has an on-call from the start (production readiness).
  if (template.metadata.goldenPath?.category === 'service') {
    assert(
      values.pagerdutyServiceId &&
        a['pagerduty.com/service-id'] === values.pagerdutyServiceId,
      `pagerduty.com/service-id is ${a['pagerduty.com/service-id']}, the form said ${values.pagerdutyServiceId}`,
    );
  }
  checkProvidedApi(outDir, main[0], entities, sample);
  return { files, entities };
}

/**
 * A service path that promises an API registers it: an API entity of the
 * service's name, owner and system, whose OpenAPI definition is a file of
 * the project, listed in the component's spec.providesApis. Nothing else
 * holds an API or claims to provide one.
 */
function checkProvidedApi(outDir, component, entities, sample) {
  const apis = entities.filter(e => e.kind === 'API');
  const provides = component.spec?.providesApis ?? [];
  if (!sample.providesApi) {
    assert(
      apis.length === 0 && provides.length === 0,
      'an API entity or spec.providesApis the sample does not expect',
    );
    return;
  }
  assert(apis.length === 1, `expected one API entity, found ${apis.length}`);
  const [api] = apis;
  assert(
    provides.includes(api.metadata.name),
    `spec.providesApis is ${JSON.stringify(provides)}, not the API ${
      api.metadata.name
    }`,
  );
  for (const field of ['owner', 'system']) {
    assert(
      api.spec[field] === component.spec[field],
      `the API's ${field} ${api.spec[field]} is not the component's ${component.spec[field]}`,
    );
  }
  assert(api.spec.type === 'openapi', `API type ${api.spec.type}`);
  const ref = api.spec.definition?.$text;
  assert(
    typeof ref === 'string' && !path.isAbsolute(ref),
    'the API definition is not a $text placeholder of a project file',
  );
  const file = path.join(outDir, ref);
  assert(fs.existsSync(file), `the API definition ${ref} was not rendered`);
  const definition = YAML.parse(fs.readFileSync(file, 'utf8'));
  assert(
    /^3\./.test(String(definition?.openapi)),
    `${ref} is not an OpenAPI 3 document`,
  );
  assert(
    Object.keys(definition.paths ?? {}).length > 0,
    `${ref} defines no paths`,
  );
}

function run(cmd, cmdArgs, cwd, env = {}) {
  const t0 = now();
  const res = spawnSync(cmd, cmdArgs, {
    cwd,
    env: { ...process.env, CI: 'true', ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = now() - t0;
  if (res.status !== 0) {
    throw new Error(
      `${cmd} ${cmdArgs.join(' ')} failed (${res.status ?? res.error}):\n${
        (res.stdout ?? '') + (res.stderr ?? '')
      }`.slice(-6000),
    );
  }
  return ms;
}

const PYTHON = fs.existsSync('/usr/bin/python3')
  ? '/usr/bin/python3'
  : 'python3';

function projectChecks(outDir, timings) {
  if (fs.existsSync(path.join(outDir, 'package.json'))) {
    timings.install = run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--loglevel=error'],
      outDir,
    );
    timings.lint = run('npm', ['run', 'lint'], outDir);
    timings.test = run('npm', ['test'], outDir);
  } else if (fs.existsSync(path.join(outDir, 'pyproject.toml'))) {
    timings.lint = run(PYTHON, ['-m', 'flake8'], outDir);
    // As the project's CI runs them: under coverage.py, then its JSON report.
    timings.test = run(
      PYTHON,
      ['-m', 'coverage', 'run', '-m', 'pytest', '-q', '-p', 'no:cacheprovider'],
      outDir,
      {
        PYTHONDONTWRITEBYTECODE: '1',
      },
    );
    timings.test += run(PYTHON, ['-m', 'coverage', 'report'], outDir);
    timings.test += run(
      PYTHON,
      ['-m', 'coverage', 'json', '-o', 'coverage.json'],
      outDir,
    );
  }
}

/** Infrastructure templates: a Crossplane claim and a Resource wired with dependencyOf. */
function infraChecks(outDir, values, entities) {
  const claims = listFiles(outDir).filter(f => /claim\.ya?ml$/.test(f));
  assert(claims.length === 1, `expected one claim, found ${claims.length}`);
  const claim = YAML.parse(
    fs.readFileSync(path.join(outDir, claims[0]), 'utf8'),
  );
  assert(
    /\.platform\.fintech-fast\.example\//.test(claim.apiVersion),
    `claim apiVersion ${claim.apiVersion}`,
  );
  assert(claim.metadata.name === values.name, 'claim name');
  const componentName = values.component.split('/').pop();
  assert(
    claim.metadata.namespace === componentName,
    `claim namespace ${claim.metadata.namespace}, expected the component's ${componentName}`,
  );
  assert(
    claim.metadata.labels['fintech-fast.example/environment'] ===
      values.environment,
    'claim environment label',
  );
  assert(claim.spec.parameters.size === values.size, 'claim size');
  assert(claim.spec.parameters.version === values.version, 'claim version');
  const resource = entities.find(e => e.kind === 'Resource');
  assert(resource, 'no Resource entity');
  assert(
    resource.spec.dependencyOf?.includes(values.component),
    `Resource is not a dependencyOf ${values.component}`,
  );
}

/** The catalog serves the template (app-config.yaml lists it) with the same version. */
async function checkInCatalog(baseUrl, token, template) {
  const ref = `/api/catalog/entities/by-name/template/default/${template.metadata.name}`;
  const want =
    template.metadata.annotations['fintech-fast.example/template-version'];
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { status, body } = await api(baseUrl, token, ref);
    const version =
      body?.metadata?.annotations?.['fintech-fast.example/template-version'];
    if (status === 200 && version === want) return;
    assert(
      Date.now() < deadline,
      `the catalog does not serve ${template.metadata.name} v${want} (${status}, ${version})`,
    );
    await sleep(1000);
  }
}

/**
 * Bad input is refused before anything is created: an invalid name, and a
 * missing or malformed on-call PagerDuty service, by the form's JSON schema
 * (400 from the dry-run endpoint), an unknown owner by golden-paths:validate
 * (a failed step with a message naming the owner).
 */
async function checkRefusals(baseUrl, token, name, values, stub) {
  const refusal = input =>
    dryRun(baseUrl, token, name, input, stub).then(
      () => undefined,
      e => e.message,
    );
  const res = await refusal({ ...values, name: 'Orders_API' });
  assert(
    res?.includes('dry-run answered 400') &&
      res.includes('does not match pattern'),
    `an invalid name was not refused by the form schema: ${res ?? 'accepted'}`,
  );
  if (values.pagerdutyServiceId) {
    const { pagerdutyServiceId, ...withoutOnCall } = values;
    const missing = await refusal(withoutOnCall);
    assert(
      missing?.includes('dry-run answered 400') &&
        missing.includes('pagerdutyServiceId'),
      `a service without its on-call was not refused: ${missing ?? 'accepted'}`,
    );
    const malformed = await refusal({
      ...values,
      pagerdutyServiceId: pagerdutyServiceId.toLowerCase(),
    });
    assert(
      malformed?.includes('dry-run answered 400') &&
        malformed.includes('does not match pattern'),
      `a malformed PagerDuty service id was not refused: ${
        malformed ?? 'accepted'
      }`,
    );
  }
  if (stub) return;
  const owner = 'group:default/no-such-team';
  const res2 = await dryRun(
    baseUrl,
    token,
    name,
    { ...values, owner },
    stub,
  ).then(
    () => undefined,
    e => e.message,
  );
  assert(
    res2?.includes('no-such-team'),
    `an unknown owner was not refused with a message naming it: ${
      res2 ?? 'accepted'
    }`,
  );
}

/**
 * Registers a rendered catalog file (a file location) as a template run
 * would; returns the location's id for `unregister`.
 */
async function register(baseUrl, target) {
  const created = await api(baseUrl, CATALOG_TOKEN, '/api/catalog/locations', {
    method: 'POST',
    body: JSON.stringify({ type: 'file', target }),
  });
  assert(
    created.status === 201,
    `registering ${path.basename(target)}: ${created.status} ${JSON.stringify(
      created.body,
    )}`,
  );
  return created.body.location.id;
}

async function unregister(baseUrl, locationId) {
  await api(baseUrl, CATALOG_TOKEN, `/api/catalog/locations/${locationId}`, {
    method: 'DELETE',
  });
}

/**
 * Registers the rendered Resource in the catalog (a file location) and waits
 * until the requesting component shows the dependsOn relation the catalog
 * derives from the Resource's dependencyOf; then unregisters it again.
 */
async function verifyDependsOn(baseUrl, token, outDir, values, entityName) {
  const target = path.join(outDir, 'catalog-info.yaml');
  const [kind, rest] = values.component.split(':');
  const [namespace, name] = rest.split('/');
  const want = `resource:default/${entityName}`;
  const hasRelation = async () => {
    const { body } = await api(
      baseUrl,
      token,
      `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
    );
    return body?.relations?.some(
      rel => rel.type === 'dependsOn' && rel.targetRef === want,
    );
  };
  // A relation left from an earlier run on a reused backend must not count.
  for (let i = 0; (await hasRelation()) && i < 30; i++) await sleep(1000);
  assert(
    !(await hasRelation()),
    `${values.component} already depends on ${want}`,
  );
  const locationId = await register(baseUrl, target);
  try {
    const deadline = Date.now() + 60_000;
    while (!(await hasRelation())) {
      assert(
        Date.now() < deadline,
        `${values.component} has no dependsOn ${want} after 60 s`,
      );
      await sleep(1000);
    }
  } finally {
    await unregister(baseUrl, locationId);
  }
}

// ------------------------------------------------ reports to the portal --

const REPORT_SCRIPT = '.github/scripts/report-facts.sh';
/** What a report step takes from GitHub: the portal's address and the CI token. */
const PORTAL_ENV = {
  PORTAL_URL: '${{ vars.PORTAL_URL }}',
  PORTAL_CI_TOKEN: '${{ secrets.PORTAL_CI_TOKEN }}',
};
const MAIN_ONLY = "github.ref == 'refs/heads/main'";

/**
 * The steps of the rendered ci.yaml that report to the portal: one for the
 * coverage after the tests, one for the scan between the Trivy step (JSON to
 * the file it reports) and the step that fails the job on CRITICAL. Each runs
 * on main only, with the variable and the secret as its environment, and
 * never blocks the workflow.
 */
function reportSteps(outDir) {
  const file = '.github/workflows/ci.yaml';
  const workflow = YAML.parse(fs.readFileSync(path.join(outDir, file), 'utf8'));
  const found = {};
  for (const [jobId, job] of Object.entries(workflow.jobs ?? {})) {
    const steps = job.steps ?? [];
    steps.forEach((step, index) => {
      const m = /\breport-facts\.sh\s+(coverage|scan)\s+(\S+)/.exec(
        step.run ?? '',
      );
      if (!m) return;
      const [, kind, reported] = m;
      assert(!found[kind], `${file} reports the ${kind} twice`);
      found[kind] = { jobId, steps, index, step, file: reported };
    });
  }
  for (const kind of ['coverage', 'scan']) {
    const r = found[kind];
    assert(r, `${file} has no step running ${REPORT_SCRIPT} ${kind} FILE`);
    const where = `${file}, job ${r.jobId}: the ${kind} report`;
    assert(
      r.step.run.includes(`bash ${REPORT_SCRIPT} `),
      `${where} does not run ${REPORT_SCRIPT}`,
    );
    assert(
      r.step.if?.includes(MAIN_ONLY),
      `${where} does not run on main only: if: ${r.step.if}`,
    );
    assert(
      JSON.stringify(r.step.env) === JSON.stringify(PORTAL_ENV),
      `${where} takes ${JSON.stringify(r.step.env)}, not ${JSON.stringify(
        PORTAL_ENV,
      )}`,
    );
    assert(
      r.step['continue-on-error'] === true,
      `${where} may block the workflow`,
    );
    assert(!r.step.run.includes('${{'), `${where} holds a GitHub expression`);
  }
  const cov = found.coverage;
  assert(
    cov.steps
      .slice(0, cov.index)
      .some(st => /\bnpm test\b|coverage run -m pytest/.test(st.run ?? '')),
    `${file}: the coverage report does not follow the tests of job ${cov.jobId}`,
  );
  const scan = found.scan;
  const trivy = scan.steps
    .slice(0, scan.index)
    .find(st => st.uses?.startsWith('aquasecurity/trivy-action@'));
  assert(
    trivy?.with?.format === 'json' && trivy.with.output === scan.file,
    `${file}: the scan report does not follow a Trivy step writing JSON to ${scan.file}`,
  );
  const failing = scan.steps
    .slice(scan.index + 1)
    .find(st => st.run?.includes(scan.file));
  assert(
    failing && !failing.if,
    `${file}: no step after the scan report fails the job on ${scan.file}`,
  );
  scan.failStep = failing;
  return found;
}

/**
 * Runs a workflow step's script as a runner would (bash -eo pipefail), in the
 * project, with only the environment the step gets from GitHub.
 */
function runStep(outDir, step, env) {
  const res = spawnSync(
    'bash',
    ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run],
    {
      cwd: outDir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  return {
    status: res.status,
    output: `${res.stdout ?? ''}${res.stderr ?? ''}${res.error ?? ''}`,
  };
}

/** A Trivy JSON report (schema 2) of the image, as the Trivy step writes it. */
function trivyReport(vulnerabilities) {
  return {
    SchemaVersion: 2,
    CreatedAt: new Date().toISOString(),
    ArtifactName: 'ghcr.io/fintech-fast/service:0123456789ab',
    ArtifactType: 'container_image',
    Results: [
      {
        Target: 'ghcr.io/fintech-fast/service:0123456789ab (debian 12.8)',
        Class: 'os-pkgs',
        Type: 'debian',
        ...(vulnerabilities.length ? { Vulnerabilities: vulnerabilities } : {}),
      },
    ],
  };
}

const daysAgo = days => new Date(Date.now() - days * 86_400_000).toISOString();

/** A critical vulnerability published a month ago, a fix available. */
const OLD_CRITICAL = {
  VulnerabilityID: 'CVE-2026-41001',
  PkgName: 'libssl3',
  InstalledVersion: '3.0.15-1~deb12u1',
  FixedVersion: '3.0.16-1~deb12u1',
  Severity: 'CRITICAL',
  Title: 'openssl: buffer overflow in certificate parsing',
  PublishedDate: daysAgo(30),
  LastModifiedDate: daysAgo(2),
};

/** The service's production-readiness scorecard, re-evaluated now. */
async function readiness(baseUrl, token, entityRef) {
  const { status, body } = await api(
    baseUrl,
    token,
    '/api/scorecards/recheck',
    {
      method: 'POST',
      body: JSON.stringify({ entityRef }),
    },
  );
  assert(
    status === 200,
    `re-checking ${entityRef}: ${status} ${JSON.stringify(body)}`,
  );
  const card = body.scorecards?.find(
    c => c.scorecardId === 'production-readiness',
  );
  assert(card, `${entityRef} has no production-readiness scorecard`);
  const check = id => card.checks.find(c => c.id === id) ?? {};
  return {
    level: card.level,
    coverage: check('coverage'),
    vulnerabilities: check('vulnerabilities'),
  };
}

/**
 * The service as its CI would report it: the workflow's own report steps
 * (and the step failing the job on CRITICAL) run against the backend with
 * the service's CI token. Without the variable and secret they report
 * nothing and pass; a token the portal does not know fails the step; an old
 * critical fails the job and the vulnerability check; the coverage the tests
 * wrote and a clean scan bring the service to its level.
 */
async function checkCiReports(baseUrl, userToken, outDir, sample, steps) {
  const ref = `component:default/${sample.entityName}`;
  const subject = `ci-${sample.entityName}`;
  // Unset variables and secrets are empty strings in GitHub's expressions.
  const unset = { PORTAL_URL: '', PORTAL_CI_TOKEN: '' };
  const portal = {
    PORTAL_URL: baseUrl,
    PORTAL_CI_TOKEN: ciToken(sample.entityName),
  };
  const stepFailed = (what, res) =>
    `${what} (exit ${res.status}):\n${res.output}`;

  const skipped = runStep(outDir, steps.coverage.step, unset);
  assert(
    skipped.status === 0 && skipped.output.includes('::notice'),
    stepFailed(
      'without PORTAL_URL and PORTAL_CI_TOKEN the coverage report does not pass with a notice',
      skipped,
    ),
  );
  const coverageFile = path.join(outDir, steps.coverage.file);
  assert(
    fs.existsSync(coverageFile),
    `the tests wrote no ${steps.coverage.file}, which CI reports`,
  );
  const summary = JSON.parse(fs.readFileSync(coverageFile, 'utf8'));
  const percent = summary.total?.lines?.pct ?? summary.totals?.percent_covered;
  assert(
    typeof percent === 'number',
    `${steps.coverage.file} holds no line coverage`,
  );
  const reported = Math.round(percent * 100) / 100;

  const locationId = await register(
    baseUrl,
    path.join(outDir, 'catalog-info.yaml'),
  );
  try {
    await waitForCatalog(baseUrl, userToken, [ref]);
    const refused = runStep(outDir, steps.coverage.step, {
      ...portal,
      PORTAL_CI_TOKEN: 'not-a-token-of-this-portal',
    });
    assert(
      refused.status !== 0 &&
        refused.output.includes('::error title=Portal report failed'),
      stepFailed(
        'a token the portal does not know did not fail the coverage report',
        refused,
      ),
    );
    const coverage = runStep(outDir, steps.coverage.step, portal);
    assert(
      coverage.status === 0,
      stepFailed('the coverage report failed', coverage),
    );

    // A month-old critical: reported, then the job fails on it.
    const trivyFile = path.join(outDir, steps.scan.file);
    fs.writeFileSync(trivyFile, JSON.stringify(trivyReport([OLD_CRITICAL])));
    const oldScan = runStep(outDir, steps.scan.step, portal);
    assert(oldScan.status === 0, stepFailed('the scan report failed', oldScan));
    const failed = runStep(outDir, steps.scan.failStep, {});
    assert(
      failed.status !== 0 &&
        failed.output.includes(`::error title=${OLD_CRITICAL.VulnerabilityID}`),
      stepFailed(
        `the job did not fail naming ${OLD_CRITICAL.VulnerabilityID}`,
        failed,
      ),
    );
    const before = await readiness(baseUrl, userToken, ref);
    assert(
      before.vulnerabilities.status === 'failed' &&
        before.vulnerabilities.fact?.includes(OLD_CRITICAL.VulnerabilityID),
      `after a scan with a month-old critical, the vulnerability check says ${JSON.stringify(
        before.vulnerabilities,
      )}`,
    );
    assert(
      before.coverage.status === 'passed' &&
        before.coverage.fact?.startsWith(`coverage ${reported}% `) &&
        before.coverage.source === subject,
      `the coverage check says ${JSON.stringify(
        before.coverage,
      )}, the tests measured ${reported}%`,
    );

    // A clean scan: the job goes on, and the service reaches its level.
    fs.writeFileSync(trivyFile, JSON.stringify(trivyReport([])));
    const cleanScan = runStep(outDir, steps.scan.step, portal);
    assert(
      cleanScan.status === 0,
      stepFailed('the clean scan report failed', cleanScan),
    );
    const passed = runStep(outDir, steps.scan.failStep, {});
    assert(
      passed.status === 0,
      stepFailed('a clean scan failed the job', passed),
    );
    const after = await readiness(baseUrl, userToken, ref);
    assert(
      after.vulnerabilities.status === 'passed' &&
        after.vulnerabilities.source === subject,
      `after a clean scan, the vulnerability check says ${JSON.stringify(
        after.vulnerabilities,
      )}`,
    );
    assert(
      after.level === sample.level,
      `with its CI's reports the service is ${after.level}, its path promises ${sample.level}`,
    );
  } finally {
    await unregister(baseUrl, locationId);
  }
}

// ------------------------------------------------------------------- main --

/** The templates to check: every directory with a template.yaml, or --only. */
function templateNames() {
  const names = fs
    .readdirSync(TEMPLATES_DIR, { withFileTypes: true })
    .filter(
      e =>
        e.isDirectory() &&
        fs.existsSync(path.join(TEMPLATES_DIR, e.name, 'template.yaml')),
    )
    .map(e => e.name)
    .filter(n => !args.only || args.only.split(',').includes(n))
    .sort();
  const missing = names.filter(n => !SAMPLES[n]);
  if (missing.length) throw new Error(`no sample values for ${missing}`);
  return names;
}

/**
 * Signs in once the catalog has what the samples name; `stub` when the
 * golden-paths actions are missing (allowed with GOLDEN_PATHS_STUB_ACTIONS=1).
 */
async function prepare(baseUrl, names) {
  const token = await signIn(baseUrl);
  const refs = new Set();
  for (const n of names) {
    for (const k of ['owner', 'system', 'component']) {
      if (SAMPLES[n].values[k]) refs.add(SAMPLES[n].values[k]);
    }
  }
  await waitForCatalog(baseUrl, token, [...refs]);
  const { body: actions } = await api(
    baseUrl,
    token,
    '/api/scaffolder/v2/actions',
  );
  const ids = new Set(actions.map(a => a.id));
  const absent = CUSTOM_ACTIONS.filter(id => !ids.has(id));
  const stub = absent.length > 0;
  if (stub) {
    if (process.env.GOLDEN_PATHS_STUB_ACTIONS !== '1') {
      throw new Error(
        `the backend has no ${absent.join(
          ', ',
        )} (plugins/golden-paths-backend); set GOLDEN_PATHS_STUB_ACTIONS=1 to check rendering only`,
      );
    }
    log(
      `WARNING: ${absent.join(', ')} missing: stubbed (rendering checked only)`,
    );
  }
  return { token, stub };
}

/** Dry-runs one template (--repeat times) and checks what it renders. */
async function checkTemplate(ctx, name, outRoot) {
  const { baseUrl, token, stub } = ctx;
  const { values, entityName } = SAMPLES[name];
  const r = { name, ok: true, timings: { dryRun: [] } };
  try {
    let rendered;
    for (let i = 0; i < Number(args.repeat); i++) {
      const t = now();
      rendered = await dryRun(baseUrl, token, name, values, stub);
      r.timings.dryRun.push(now() - t);
    }
    await checkInCatalog(baseUrl, token, rendered.template);
    r.outDir = path.join(outRoot, name);
    writeContents(r.outDir, rendered.result.directoryContents);
    const { entities } = checkRendered(
      r.outDir,
      rendered.template,
      SAMPLES[name],
    );
    r.infrastructure =
      rendered.template.metadata.goldenPath?.category === 'infrastructure';
    // A service's workflow reports to the portal (run in the second phase).
    if (SAMPLES[name].level) r.reportSteps = reportSteps(r.outDir);
    if (values.owner) {
      await checkRefusals(baseUrl, token, name, values, stub);
    }
    if (r.infrastructure) {
      infraChecks(r.outDir, { ...values, name: entityName }, entities);
      if (!args['render-only']) {
        const t = now();
        await verifyDependsOn(baseUrl, token, r.outDir, values, entityName);
        r.timings.test = now() - t;
      }
    }
  } catch (e) {
    Object.assign(r, { ok: false, error: e.message });
  }
  return r;
}

const report = r =>
  log(`${r.ok ? 'PASS' : 'FAIL'} ${r.name}${r.ok ? '' : `\n${r.error}`}`);

/**
 * First every dry-run (timed together: the bench figure), then the generated
 * projects' own checks.
 */
async function checkAll(baseUrl, names, t0) {
  const { token, stub } = await prepare(baseUrl, names);
  log(`backend ready in ${secs(now() - t0)} s`);
  const outRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'templates-check-'));
  const results = [];
  for (const name of names) {
    const r = await checkTemplate({ baseUrl, token, stub }, name, outRoot);
    results.push(r);
    if (!r.ok || r.infrastructure || args['render-only']) report(r);
  }
  for (const r of results) {
    if (!r.ok || r.infrastructure || args['render-only']) continue;
    try {
      projectChecks(r.outDir, r.timings);
      const sample = SAMPLES[r.name];
      if (sample.level) {
        const t = now();
        await checkCiReports(baseUrl, token, r.outDir, sample, r.reportSteps);
        r.timings.report = now() - t;
      }
    } catch (e) {
      Object.assign(r, { ok: false, error: e.message });
    }
    report(r);
  }
  if (!args.keep) fs.rmSync(outRoot, { recursive: true, force: true });
  else log(`rendered projects kept in ${outRoot}`);
  return results;
}

/** The table of timings and results, and the exit code. */
function printResults(results) {
  const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const cell = ms => (ms === undefined ? '-' : `${secs(ms)} s`);
  // Dry-runs take a fraction of a second: milliseconds.
  console.log('');
  console.log(
    'template               dry-run   install   lint      test      report    result',
  );
  for (const r of results) {
    const t = r.timings;
    console.log(
      [
        r.name.padEnd(22),
        (t.dryRun.length ? `${Math.round(median(t.dryRun))} ms` : '-').padEnd(
          9,
        ),
        cell(t.install).padEnd(9),
        cell(t.lint).padEnd(9),
        cell(t.test).padEnd(9),
        cell(t.report).padEnd(9),
        r.ok ? 'ok' : 'FAILED',
      ].join(' '),
    );
  }
  const allDry = results.flatMap(r =>
    r.timings.dryRun.length ? [median(r.timings.dryRun)] : [],
  );
  const total = allDry.reduce((a, b) => a + b, 0);
  console.log(
    `time to dry-run every template (${results.length}): ${Math.round(
      total,
    )} ms (sum of per-template medians over ${args.repeat} run(s))`,
  );
  const passed = results.filter(r => r.ok).length;
  console.log(`templates: ${passed} passed, ${results.length - passed} failed`);
  process.exitCode = passed === results.length ? 0 : 1;
}

async function main() {
  const names = templateNames();
  let backend;
  let baseUrl = args['backend-url'];
  const t0 = now();
  if (!baseUrl) {
    const port = Number(process.env.TEMPLATES_CHECK_PORT ?? 7109);
    log(`starting the portal backend on :${port}`);
    backend = await startBackend(port);
    baseUrl = backend.baseUrl;
  }
  let results;
  try {
    results = await checkAll(baseUrl, names, t0);
  } finally {
    await backend?.stop();
  }
  printResults(results);
}

main().catch(e => {
  console.error(e.stack ?? e);
  process.exitCode = 1;
});
