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
 * register), then the golden-paths API; bad input refused; a failing step
 * leaving nothing in the catalog.
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
  };

  setupTestBackend(dbKind, 'golden_paths_it', db => {
    dir = db.dir;
    gitDir = path.join(dir, 'git');
    backend = new PortalBackend({
      port,
      database: db.config,
      extraConfig: { goldenPaths: { publish: { localDir: gitDir } } },
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
    expect(annotations['fintech-fast.example/template-version']).toBe('2.0.0');
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
    expect(nodePath.currentVersion).toBe('2.0.0');
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
    const { body: usage } = await json(
      'sam.okafor',
      '/api/golden-paths/usage?weeks=1',
    );
    expect(usage.weeks[0].counts['template:default/nodejs-api']).toBe(1);

    // The demo's older services are drifted.
    const { body: all } = await json('sam.okafor', '/api/golden-paths/drift');
    expect(all.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          entityRef: 'component:default/payouts-service',
          version: '1.2.0',
          currentVersion: '2.0.0',
        }),
      ]),
    );

    // The same name again is refused before anything is published.
    const again = await create({ ...values, name });
    const refused = await finished(again.body.id);
    expect(refused.status).toBe('failed');
    expect(refused.log).toContain(
      'component:default/orders-api already exists in the catalog; choose another name',
    );
    expect(git('rev-list', '--count', 'main')).toBe('1');
  });

  it('refuses an invalid name (400) and an unknown owner (failed first step)', async () => {
    const invalid = await create({ ...values, name: 'Orders_API' });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain('does not match pattern');

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
