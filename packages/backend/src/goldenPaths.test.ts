import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { PortalBackend, waitUntil } from './testing/portalBackend';
import { setupTestBackend } from './testing/testDatabase';

/**
 * The golden paths end to end in the real backend, on SQLite and on
 * PostgreSQL: the Node.js API template run through the scaffolder API with
 * the golden-paths actions (validate, publish to a real bare git repository,
 * register), then the golden-paths API; the service reaching the
 * production-readiness level the path promises; bad input refused; a
 * failing step leaving nothing in the catalog.
 */

jest.setTimeout(120_000);

type Task = { status: string; log: string };

describe.each([
  ['SQLite', 7117],
  ['PostgreSQL', 7118],
] as const)('golden paths in the portal backend on %s', (dbKind, port) => {
  let dir: string;
  let gitDir: string;
  let backend: PortalBackend;

  const json = async (user: string, urlPath: string, init?: RequestInit) => {
    const res = await backend.request(user, urlPath, init);
    return { status: res.status, body: await res.json().catch(() => null) };
  };
  const getEntity = async (ref: string) => {
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    const res = await json(
      'priya.sharma',
      `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
    );
    return res.status === 200 ? (res.body as Entity) : undefined;
  };
  const create = (values: Record<string, string>) =>
    json('priya.sharma', '/api/scaffolder/v2/tasks', {
      method: 'POST',
      body: JSON.stringify({
        templateRef: 'template:default/nodejs-api',
        values,
      }),
    });
  const finished = async (id: string): Promise<Task> => {
    const status = await waitUntil(async () => {
      const { body } = await json(
        'priya.sharma',
        `/api/scaffolder/v2/tasks/${id}`,
      );
      return ['completed', 'failed'].includes(body.status) && body.status;
    }, 90_000);
    const { body: events } = await json(
      'priya.sharma',
      `/api/scaffolder/v2/tasks/${id}/events`,
    );
    return {
      status,
      log: (events as Array<{ body: { message?: string; stepId?: string } }>)
        .map(e => `${e.body.stepId ?? '-'}: ${e.body.message ?? ''}`)
        .join('\n'),
    };
  };
  // priya.sharma is in checkout-core-team: she creates for her own team.
  const values = {
    owner: 'group:default/checkout-core-team',
    system: 'system:default/payment-system',
    description: 'Orders',
    pagerdutyServiceId: 'PORD3R5',
  };
  // The CI of orders-api, as the portal's operators would give it a token.
  const CI_TOKEN = 'orders-api-ci-only-token-0123456789abcdef';

  setupTestBackend(dbKind, 'golden_paths_it', db => {
    dir = db.dir;
    gitDir = path.join(dir, 'git');
    backend = new PortalBackend({
      port,
      database: db.config,
      extraConfig: { goldenPaths: { publish: { localDir: gitDir } } },
      extraExternalAccess: [
        { token: CI_TOKEN, subject: 'ci-orders-api', plugin: 'scorecards' },
      ],
    });
    return {
      backend,
      ready: async () =>
        (await getEntity('template:default/nodejs-api')) &&
        (await getEntity('group:default/checkout-core-team')) &&
        (await getEntity('user:default/priya.sharma')) &&
        (await getEntity('template:default/postgresql-database')) &&
        (await getEntity('component:default/payouts-service')) &&
        (await getEntity('system:default/payment-system')),
    };
  });

  it('creates a Node.js API: a real repository, an entity in the catalog, usage', async () => {
    const name = 'orders-api';
    const res = await create({ ...values, name });
    expect(res.status).toBe(201);
    const task = await finished(res.body.id);
    expect(task.status).toBe('completed');

    // As soon as the task is done, the entity is there, with its path.
    const entity = await getEntity(`component:default/${name}`);
    expect(entity?.spec).toMatchObject({
      owner: 'group:default/checkout-core-team',
      system: 'system:default/payment-system',
    });
    const annotations = entity!.metadata.annotations!;
    expect(annotations['backstage.io/source-template']).toBe(
      'template:default/nodejs-api',
    );
    expect(annotations['fintech-fast.example/template-version']).toBe('2.2.0');
    expect(
      Date.now() - Date.parse(annotations['fintech-fast.example/created-at']),
    ).toBeLessThan(120_000);

    // A real bare repository with one commit on main holding the project.
    const bare = path.join(gitDir, `${name}.git`);
    const git = (...args: string[]) =>
      execFileSync('git', ['--git-dir', bare, ...args])
        .toString()
        .trim();
    expect(git('rev-list', '--count', 'main')).toBe('1');
    expect(git('ls-tree', '-r', '--name-only', 'main').split('\n')).toEqual(
      expect.arrayContaining([
        'catalog-info.yaml',
        'Dockerfile',
        'package.json',
        '.github/workflows/ci.yaml',
      ]),
    );

    // The golden-paths API counts it, up to date, in this week.
    const { body: paths } = await json('sam.okafor', '/api/golden-paths/paths');
    const nodePath = paths.items.find((p: any) => p.name === 'nodejs-api');
    expect(nodePath.currentVersion).toBe('2.2.0');
    expect(nodePath.teams).toEqual(
      expect.arrayContaining([
        {
          ownerRef: 'group:default/checkout-core-team',
          count: expect.any(Number),
        },
      ]),
    );
    const { body: drift } = await json(
      'sam.okafor',
      `/api/golden-paths/drift/component/default/${name}`,
    );
    expect(drift).toEqual({ drift: null });
    // Counted within the read model's few seconds.
    const createdThisWeek = async () =>
      (await json('sam.okafor', '/api/golden-paths/usage?weeks=1')).body
        .weeks[0].counts['template:default/nodejs-api'];
    const until = Date.now() + 10_000;
    while ((await createdThisWeek()) !== 1 && Date.now() < until) {
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    expect(await createdThisWeek()).toBe(1);

    // The demo's older services are drifted.
    const { body: all } = await json('sam.okafor', '/api/golden-paths/drift');
    expect(all.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          entityRef: 'component:default/payouts-service',
          version: '1.2.0',
          currentVersion: '2.2.0',
        }),
      ]),
    );

    expect(all.totalItems).toBe(all.items.length);
    // Scorecards reads the same drift, page by page, for its not-drifted check.
    const { body: payouts } = await json(
      'sam.okafor',
      '/api/scorecards/recheck',
      {
        method: 'POST',
        body: JSON.stringify({
          entityRef: 'component:default/payouts-service',
        }),
      },
    );
    const health = payouts.scorecards.find(
      (s: { scorecardId: string }) => s.scorecardId === 'golden-path-health',
    );
    expect(
      health.checks.find((c: { id: string }) => c.id === 'not-drifted'),
    ).toMatchObject({
      status: 'failed',
      fact: 'on 1.2.0, the path is at 2.2.0',
    });

    // The same name again is refused before anything is published.
    const again = await create({ ...values, name });
    const refused = await finished(again.body.id);
    expect(refused.status).toBe('failed');
    expect(refused.log).toContain(
      'component:default/orders-api already exists in the catalog; choose another name',
    );
    expect(git('rev-list', '--count', 'main')).toBe('1');
  });

  it('creates a service at the production-readiness level its path promises', async () => {
    const name = 'orders-api';
    const ref = `component:default/${name}`;
    // (Created by the test above.)
    const entity = await getEntity(ref);
    // The on-call the form asked for, and the API it registered.
    expect(entity?.metadata.annotations?.['pagerduty.com/service-id']).toBe(
      'PORD3R5',
    );
    expect(entity?.spec?.providesApis).toEqual([name]);
    const api = await getEntity(`api:default/${name}`);
    expect(api?.spec).toMatchObject({
      type: 'openapi',
      lifecycle: 'experimental',
      owner: 'group:default/checkout-core-team',
      system: 'system:default/payment-system',
    });
    // Its definition is the repository's openapi.yaml, read by the catalog.
    const bare = path.join(gitDir, `${name}.git`);
    const openapi = execFileSync('git', [
      '--git-dir',
      bare,
      'show',
      'main:openapi.yaml',
    ]).toString();
    expect(openapi).toContain('operationId: createPayment');
    expect(api?.spec?.definition).toBe(openapi);
    await waitUntil(
      async () =>
        (
          await getEntity(ref)
        )?.relations?.some(
          r =>
            r.type === 'providesApi' && r.targetRef === `api:default/${name}`,
        ),
      60_000,
    );

    type Readiness = {
      level: string | null;
      checks: Array<{ id: string; status: string; fact: string }>;
    };
    const readiness = async (): Promise<Readiness> => {
      const { status, body } = await json(
        'priya.sharma',
        '/api/scorecards/recheck',
        { method: 'POST', body: JSON.stringify({ entityRef: ref }) },
      );
      expect(status).toBe(200);
      return body.scorecards.find(
        (s: { scorecardId: string }) =>
          s.scorecardId === 'production-readiness',
      );
    };
    const failing = (r: Readiness) =>
      r.checks.filter(c => c.status !== 'passed').map(c => c.id);

    // Every check its catalog entry answers passes from the start; only
    // what its CI reports is still to come.
    const created = await readiness();
    expect(failing(created)).toEqual(['coverage', 'vulnerabilities']);
    expect(created.checks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'on-call',
          status: 'passed',
          fact: 'pagerduty.com/service-id: PORD3R5',
        }),
        expect.objectContaining({
          id: 'api-definition',
          status: 'passed',
          fact: expect.stringContaining(`api:default/${name}`),
        }),
      ]),
    );
    expect(created.level).toBe('Bronze');

    // Once its own CI reports tests and a clean scan, it is Gold.
    const facts = await fetch(`${backend.baseUrl}/api/scorecards/facts`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${CI_TOKEN}`,
      },
      body: JSON.stringify({
        entityRef: ref,
        testCoverage: 86.5,
        vulnerabilities: [],
      }),
    });
    expect(facts.status).toBe(202);
    const reported = await readiness();
    expect(failing(reported)).toEqual([]);
    expect(reported.level).toBe('Gold');
  });

  it('refuses an invalid name (400) and an unknown owner (failed first step)', async () => {
    const invalid = await create({ ...values, name: 'Orders_API' });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain('does not match pattern');
    // No service without its on-call.
    const { pagerdutyServiceId, ...withoutOnCall } = values;
    const noOnCall = await create({ ...withoutOnCall, name: 'no-on-call-api' });
    expect(noOnCall.status).toBe(400);
    expect(JSON.stringify(noOnCall.body)).toContain(
      'requires property \\"pagerdutyServiceId\\"',
    );
    const badOnCall = await create({
      ...values,
      name: 'bad-on-call-api',
      pagerdutyServiceId: `https://x.pagerduty.com/service-directory/${pagerdutyServiceId}`,
    });
    expect(badOnCall.status).toBe(400);
    expect(JSON.stringify(badOnCall.body)).toContain('does not match pattern');

    const res = await create({
      ...values,
      name: 'ghost-api',
      owner: 'group:default/ghost-team',
    });
    expect(res.status).toBe(201);
    const task = await finished(res.body.id);
    expect(task.status).toBe('failed');
    expect(task.log).toMatch(
      /^validate: .*Unknown owner 'group:default\/ghost-team': no such Group in the catalog/m,
    );
    expect(task.log).toContain(
      'publish: Skipping step publish because a previous step failed',
    );
    expect(fs.existsSync(path.join(gitDir, 'ghost-api.git'))).toBe(false);
    expect(await getEntity('component:default/ghost-api')).toBeUndefined();
  });

  it("refuses to create for another team, or a database for another team's component", async () => {
    // priya.sharma is not in payouts-team.
    const res = await create({
      ...values,
      name: 'foreign-api',
      owner: 'group:default/payouts-team',
    });
    expect(res.status).toBe(201);
    const task = await finished(res.body.id);
    expect(task.status).toBe('failed');
    expect(task.log).toMatch(
      /^validate: .*user:default\/priya\.sharma may not create anything owned by group:default\/payouts-team: only members of that team, of a team above it, or of the platform team may/m,
    );
    expect(fs.existsSync(path.join(gitDir, 'foreign-api.git'))).toBe(false);
    expect(await getEntity('component:default/foreign-api')).toBeUndefined();

    // payouts-service belongs to payouts-team: no database for it from her.
    const database = await json('priya.sharma', '/api/scaffolder/v2/tasks', {
      method: 'POST',
      body: JSON.stringify({
        templateRef: 'template:default/postgresql-database',
        values: {
          size: 'small',
          version: '17',
          environment: 'production',
          component: 'component:default/payouts-service',
        },
      }),
    });
    expect(database.status).toBe(201);
    const dbTask = await finished(database.body.id);
    expect(dbTask.status).toBe('failed');
    expect(dbTask.log).toMatch(
      /^validate: .*user:default\/priya\.sharma may not create anything owned by group:default\/payouts-team/m,
    );
    expect(fs.existsSync(path.join(gitDir, 'platform-gitops.git'))).toBe(false);
  });

  it('leaves nothing in the catalog when a step fails', async () => {
    // The repository name is taken: publish fails after validate passed.
    fs.mkdirSync(path.join(gitDir, 'taken-api.git'), { recursive: true });
    const res = await create({ ...values, name: 'taken-api' });
    const task = await finished(res.body.id);
    expect(task.status).toBe('failed');
    expect(task.log).toContain('Repository taken-api already exists');
    expect(task.log).toContain(
      'register: Skipping step register because a previous step failed',
    );
    expect(await getEntity('component:default/taken-api')).toBeUndefined();
    const { body: locations } = await json(
      'sam.okafor',
      '/api/catalog/locations',
    );
    expect(JSON.stringify(locations)).not.toContain('taken-api');
  });
});
