import { Entity } from '@backstage/catalog-model';
import path from 'node:path';
import { PortalBackend, waitUntil } from './testing/portalBackend';
import { setupTestBackend } from './testing/testDatabase';

/**
 * Self-service in the real backend, on SQLite and on PostgreSQL: a developer
 * orders a database for her own team's service through the scaffolder API
 * and the completed task tells her its status and the secret to connect
 * with; the server refuses a database for another team's service, whatever
 * the form offered.
 */

jest.setTimeout(180_000);

type Event = {
  type: string;
  body: {
    message?: string;
    stepId?: string;
    output?: { text?: Array<{ title: string; content: string }> };
  };
};

describe.each([
  ['SQLite', 7522],
  ['PostgreSQL', 7523],
] as const)('self-service in the portal backend on %s', (dbKind, port) => {
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
  const order = async (values: Record<string, string>) => {
    const res = await json('priya.sharma', '/api/scaffolder/v2/tasks', {
      method: 'POST',
      body: JSON.stringify({
        templateRef: 'template:default/postgresql-database',
        values,
      }),
    });
    expect(res.status).toBe(201);
    const status = await waitUntil(async () => {
      const { body } = await json(
        'priya.sharma',
        `/api/scaffolder/v2/tasks/${res.body.id}`,
      );
      return ['completed', 'failed'].includes(body.status) && body.status;
    }, 120_000);
    const { body: events } = await json(
      'priya.sharma',
      `/api/scaffolder/v2/tasks/${res.body.id}/events`,
    );
    const list = events as Event[];
    return {
      status,
      log: list
        .map(e => `${e.body.stepId ?? '-'}: ${e.body.message ?? ''}`)
        .join('\n'),
      text: list.find(e => e.type === 'completion')?.body.output?.text ?? [],
    };
  };

  setupTestBackend(dbKind, 'self_service_it', db => {
    backend = new PortalBackend({
      port,
      database: db.config,
      extraConfig: {
        goldenPaths: { publish: { localDir: path.join(db.dir, 'git') } },
      },
    });
    return {
      backend,
      ready: async () =>
        (await getEntity('template:default/postgresql-database')) &&
        (await getEntity('user:default/priya.sharma')) &&
        (await getEntity('group:default/checkout-core-team')) &&
        (await getEntity('component:default/checkout-gateway')) &&
        (await getEntity('component:default/payouts-service')),
    };
  });

  it("orders a database for her team's service: status and the secret's name after the run", async () => {
    const task = await order({
      component: 'component:default/checkout-gateway',
      environment: 'staging',
      size: 'medium',
      version: '17',
      // What the form shows; the server derives the name itself.
      resourceName: 'checkout-gateway-staging-postgres',
    });
    expect(task.status).toBe('completed');
    const byTitle = Object.fromEntries(
      task.text.map(t => [t.title, t.content]),
    );
    expect(byTitle.Status).toMatch(/^\*\*Requested\.\*\*/);
    expect(byTitle.Status).toContain('`checkout-gateway-staging-postgres`');
    expect(byTitle['How to connect']).toContain(
      '**`checkout-gateway-staging-postgres-connection`** in the namespace `checkout-gateway`',
    );
    // The secret's name, never a secret.
    expect(JSON.stringify(task.text)).not.toMatch(/password:|token:/i);

    const resource = await getEntity(
      'resource:default/checkout-gateway-staging-postgres',
    );
    expect(resource?.spec).toMatchObject({
      type: 'database',
      owner: 'group:default/checkout-core-team',
      dependencyOf: ['component:default/checkout-gateway'],
    });
  });

  it("refuses a database for another team's service, whatever the form sent", async () => {
    const task = await order({
      component: 'component:default/payouts-service',
      environment: 'development',
      size: 'small',
      version: '17',
      resourceName: 'payouts-service-development-postgres',
    });
    expect(task.status).toBe('failed');
    expect(task.log).toMatch(
      /^validate: .*user:default\/priya\.sharma may not create anything owned by group:default\/payouts-team: only members of that team, of a team above it, or of the platform team may/m,
    );
    expect(task.log).toContain(
      'publish: Skipping step publish because a previous step failed',
    );
    expect(
      await getEntity('resource:default/payouts-service-development-postgres'),
    ).toBeUndefined();
  });

  it('refuses a size the template does not offer (400)', async () => {
    const res = await json('priya.sharma', '/api/scaffolder/v2/tasks', {
      method: 'POST',
      body: JSON.stringify({
        templateRef: 'template:default/postgresql-database',
        values: {
          component: 'component:default/checkout-gateway',
          environment: 'staging',
          size: 'huge',
          version: '17',
        },
      }),
    });
    expect(res.status).toBe(400);
  });
});
