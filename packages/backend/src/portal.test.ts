import path from 'node:path';
import fs from 'node:fs';
import { Entity } from '@backstage/catalog-model';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { PortalBackend, waitUntil } from './testing/portalBackend';
import { setupTestBackend } from './testing/testDatabase';

/**
 * Starts the real portal backend (the demo config plus a port and database
 * overlay) on SQLite and on PostgreSQL and talks to it over HTTP as the
 * browser does: demo sign-in, catalog API, permission decisions.
 */

jest.setTimeout(120_000);

const TEST_DATA = resolvePackagePath('backend', 'test-data');

describe.each([
  ['SQLite', 7107],
  ['PostgreSQL', 7108],
] as const)('the portal backend on %s', (dbKind, port) => {
  let backend: PortalBackend;

  const getEntity = async (user: string, ref: string) => {
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    const res = await backend.request(
      user,
      `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
    );
    return res.ok ? ((await res.json()) as Entity) : undefined;
  };

  setupTestBackend(dbKind, 'portal_it', db => {
    backend = new PortalBackend({
      port,
      database: db.config,
      extraLocations: [path.join(TEST_DATA, 'malformed/catalog-info.yaml')],
    });
    return {
      backend,
      // The catalog ingests the demo files in the background after start.
      ready: async () =>
        (await getEntity('guest', 'component:default/payment-routing-service'))
          ?.relations?.length,
    };
  });

  it('serves the demo organisation through the catalog API', async () => {
    const entity = await getEntity(
      'guest',
      'component:default/payment-routing-service',
    );
    expect(entity?.spec).toMatchObject({
      owner: 'checkout-core-team',
      system: 'payment-system',
      lifecycle: 'production',
    });
    expect(entity?.metadata.tags).toEqual(
      expect.arrayContaining(['pci-compliant', 'tier-1']),
    );
    const dependsOn = entity?.relations
      ?.filter(r => r.type === 'dependsOn')
      .map(r => r.targetRef);
    expect(dependsOn).toEqual(
      expect.arrayContaining([
        'component:default/user-auth-service',
        'resource:default/payment-postgres-db',
      ]),
    );

    type Facets = { facets: { kind: Array<{ value: string; count: number }> } };
    const count = (facets: Facets, kind: string) =>
      facets.facets.kind.find(f => f.value === kind)?.count ?? 0;
    // Wait for ingestion to settle; the assertions below say what is expected.
    const facets: Facets = await waitUntil(async () => {
      const f: Facets = await backend
        .request('guest', '/api/catalog/entity-facets?facet=kind')
        .then(r => r.json());
      return count(f, 'Component') >= 20 && count(f, 'User') >= 20 && f;
    }, 60_000).catch(() =>
      backend
        .request('guest', '/api/catalog/entity-facets?facet=kind')
        .then(r => r.json()),
    );
    expect(count(facets, 'Component')).toBeGreaterThanOrEqual(20);
    expect(count(facets, 'User')).toBeGreaterThanOrEqual(20);
    expect(count(facets, 'Group')).toBeGreaterThanOrEqual(9);
    expect(count(facets, 'API')).toBeGreaterThanOrEqual(2);
  });

  it('signs in demo users with their teams, and refuses unknown ones', async () => {
    const res = await fetch(`${backend.baseUrl}/api/auth/demo/refresh`, {
      headers: { 'x-portal-demo-user': 'sam.okafor' },
    });
    const body = await res.json();
    expect(body.backstageIdentity.identity.ownershipEntityRefs).toEqual(
      expect.arrayContaining([
        'user:default/sam.okafor',
        'group:default/platform-team',
      ]),
    );

    const unknown = await fetch(`${backend.baseUrl}/api/auth/demo/refresh`, {
      headers: { 'x-portal-demo-user': 'no.such.user' },
    });
    expect(unknown.status).toBe(404);
    const missing = await fetch(`${backend.baseUrl}/api/auth/demo/refresh`);
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.message).toMatch(/x-portal-demo-user/);
  });

  it('shows a malformed catalog-info.yaml as an error on its location, and keeps the rest', async () => {
    // The file's Location never gets processed: the catalog lists it among
    // the unprocessed entities, with the parse error (Catalog > Unprocessed).
    type Unprocessed = {
      unprocessed_entity: Entity;
      errors?: Array<{ message: string }>;
    };
    const failed: Unprocessed = await waitUntil(async () => {
      for (const reason of ['pending', 'failed']) {
        const res = await backend.request(
          'guest',
          `/api/catalog/entities/unprocessed/${reason}`,
        );
        const { entities } = (await res.json()) as { entities: Unprocessed[] };
        const match = entities.find(e =>
          e.errors?.some(err =>
            err.message.includes('malformed/catalog-info.yaml'),
          ),
        );
        if (match) return match;
      }
      return undefined;
    }, 60_000);
    expect(failed.unprocessed_entity.kind).toBe('Location');
    expect(failed.errors?.[0].message).toMatch(/YAML/);
    expect(
      await getEntity('guest', 'component:default/broken-service'),
    ).toBeUndefined();
    expect(
      await getEntity('guest', 'component:default/user-auth-service'),
    ).toBeDefined();
  });

  it('lets only owners and the platform team unregister an entity', async () => {
    const uidOf = async (ref: string) =>
      (await getEntity('guest', ref))!.metadata.uid!;
    const remove = async (user: string, ref: string) =>
      backend.request(
        user,
        `/api/catalog/entities/by-uid/${await uidOf(ref)}`,
        {
          method: 'DELETE',
        },
      );

    // priya.sharma is in checkout-core-team.
    expect(
      (await remove('priya.sharma', 'component:default/user-auth-service'))
        .status,
    ).toBe(403);
    expect(
      (await remove('guest', 'component:default/checkout-gateway')).status,
    ).toBe(403);
    expect(
      (await remove('priya.sharma', 'component:default/checkout-gateway'))
        .status,
    ).toBe(204);
    expect(
      await getEntity('guest', 'component:default/checkout-gateway'),
    ).toBeUndefined();

    // sam.okafor is in platform-team.
    expect(
      (await remove('sam.okafor', 'component:default/ledger-service')).status,
    ).toBe(204);
  });

  it('leaves platform-team work to the permission policy, and the app asks it too', async () => {
    const unknownItem = '8f1d7a0e-4c59-4b8e-9d2a-1f0e6c3b5a77';
    const calls = {
      usage: (user: string) =>
        backend.request(user, '/api/portal-analytics/usage/summary'),
      rebuild: (user: string) =>
        backend.request(user, '/api/platform-metrics/rollups/rebuild', {
          method: 'POST',
        }),
      plan: (user: string) =>
        backend.request(user, `/api/feedback/roadmap/items/${unknownItem}`, {
          method: 'PUT',
          body: JSON.stringify({ effort: 'S', plannedQuarter: null }),
        }),
    };
    // priya.sharma is a developer, sam.okafor is in platform-team.
    for (const call of Object.values(calls)) {
      expect((await call('priya.sharma')).status).toBe(403);
    }
    expect((await calls.usage('sam.okafor')).status).toBe(200);
    expect((await calls.rebuild('sam.okafor')).status).toBe(200);
    expect((await calls.plan('sam.okafor')).status).toBe(404);

    // What usePermission asks to show the Portal Usage item and page.
    const decide = async (user: string) => {
      const res = await backend.request(user, '/api/permission/authorize', {
        method: 'POST',
        body: JSON.stringify({
          items: [
            {
              id: '1',
              permission: {
                type: 'basic',
                name: 'portal-analytics.usage.read',
                attributes: { action: 'read' },
              },
            },
          ],
        }),
      });
      return (await res.json()).items[0].result;
    };
    expect(await decide('priya.sharma')).toBe('DENY');
    expect(await decide('sam.okafor')).toBe('ALLOW');
  });

  it('grants nothing through a registered catalog file: no User, Group or Template from it', async () => {
    const target = path.join(TEST_DATA, 'hostile/catalog-info.yaml');
    const created = await backend.request(
      'priya.sharma',
      '/api/catalog/locations',
      { method: 'POST', body: JSON.stringify({ type: 'file', target }) },
    );
    expect(created.status).toBe(201);
    // The catalog refuses the file, naming the kind it may not hold...
    await waitUntil(async () => {
      for (const reason of ['pending', 'failed']) {
        const res = await backend.request(
          'guest',
          `/api/catalog/entities/unprocessed/${reason}`,
        );
        const { entities } = (await res.json()) as {
          entities: Array<{ errors?: Array<{ message: string }> }>;
        };
        const refused = entities.some(e =>
          e.errors?.some(err =>
            /user:default\/mallory .*not of an allowed kind/.test(err.message),
          ),
        );
        if (refused) return true;
      }
      return false;
    }, 60_000);
    // ...and ingests none of the User, Group and Template it declares.
    for (const ref of [
      'user:default/mallory',
      'group:default/shadow-admins',
      'template:default/read-the-hosts-secrets',
      'component:default/hostile-registration-marker',
    ]) {
      expect(await getEntity('guest', ref)).toBeUndefined();
    }
    const signIn = await fetch(`${backend.baseUrl}/api/auth/demo/refresh`, {
      headers: { 'x-portal-demo-user': 'mallory' },
    });
    expect(signIn.status).toBe(404);
    const priya = await fetch(`${backend.baseUrl}/api/auth/demo/refresh`, {
      headers: { 'x-portal-demo-user': 'priya.sharma' },
    }).then(r => r.json());
    expect(priya.backstageIdentity.identity.ownershipEntityRefs).not.toContain(
      'group:default/platform-team',
    );
  });

  it('listens on the loopback interface only', () => {
    // /proc/net/tcp{,6}: local address as hex IP:port; state 0A is LISTEN.
    const listening = ['/proc/net/tcp', '/proc/net/tcp6']
      .flatMap(file => fs.readFileSync(file, 'utf8').split('\n').slice(1))
      .map(line => line.trim().split(/\s+/))
      .filter(cols => cols[3] === '0A')
      .map(cols => cols[1].split(':'))
      .filter(([, hexPort]) => parseInt(hexPort, 16) === port)
      .map(([hexIp]) => hexIp);
    expect(listening).toEqual(['0100007F']);
  });

  it('keeps a location registered at runtime across a restart; only the platform team removes it', async () => {
    const target = path.join(TEST_DATA, 'registered/catalog-info.yaml');
    const created = await backend.request(
      'priya.sharma',
      '/api/catalog/locations',
      {
        method: 'POST',
        body: JSON.stringify({ type: 'file', target }),
      },
    );
    expect(created.status).toBe(201);

    await backend.stop();
    await backend.start();

    const locations = await backend
      .request('guest', '/api/catalog/locations')
      .then(r => r.json());
    expect(
      locations.map((l: { data: { target: string } }) => l.data.target),
    ).toContain(target);
    await waitUntil(
      () => getEntity('guest', 'component:default/registered-at-runtime'),
      60_000,
    );

    const { id } = locations.find(
      (l: { data: { target: string } }) => l.data.target === target,
    ).data;
    const removeLocation = (user: string) =>
      backend.request(user, `/api/catalog/locations/${id}`, {
        method: 'DELETE',
      });
    expect((await removeLocation('priya.sharma')).status).toBe(403);
    expect((await removeLocation('sam.okafor')).status).toBe(204);
  }, 240_000);
});
