import { mockServices } from '@backstage/backend-test-utils';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { actionContext, component } from '../testUtils';
import { createRegisterAction } from './register';

/**
 * A catalog that "processes" a location's entities, each after a number of
 * polls for it; its dry run lists the Location first, then the entities.
 */
function fakeCatalog(
  entity: Entity | Entity[] | undefined,
  visibleAfterPolls: number | Record<string, number>,
) {
  const entities = entity ? [entity].flat() : [];
  const locations = new Map<string, string>();
  const calls: string[] = [];
  const polls = new Map<string, number>();
  const location: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: { name: 'generated-1', namespace: 'default' },
    spec: { type: 'file', target: '/x' },
  };
  return {
    locations,
    calls,
    async addLocation(
      request: { type: string; target: string; dryRun?: boolean },
      { credentials }: { credentials: BackstageCredentials },
    ) {
      calls.push(
        `add ${request.type}${request.dryRun ? ' (dry run)' : ''} as ${
          (credentials.principal as any).userEntityRef
        }`,
      );
      if (!request.dryRun) locations.set('loc-1', request.target);
      return {
        location: { id: 'loc-1', type: 'file', target: request.target },
        entities: [location, ...entities],
      };
    },
    async getEntityByRef(ref: string) {
      calls.push(`get ${ref}`);
      const n = (polls.get(ref) ?? 0) + 1;
      polls.set(ref, n);
      const after =
        typeof visibleAfterPolls === 'number'
          ? visibleAfterPolls
          : visibleAfterPolls[ref] ?? 0;
      return n > after
        ? entities.find(e => stringifyEntityRef(e) === ref)
        : undefined;
    },
    async removeLocationById(
      id: string,
      { credentials }: { credentials: BackstageCredentials },
    ) {
      calls.push(`remove ${id} as ${(credentials.principal as any).subject}`);
      locations.delete(id);
    },
  };
}

describe('golden-paths:register', () => {
  const entity = component('orders-api', 'payouts-team');

  it('registers and waits until the entity is in the catalog', async () => {
    const catalog = fakeCatalog(entity, 3);
    const action = createRegisterAction({
      catalog: catalog as any,
      auth: mockServices.auth(),
      pollMs: 1,
    });
    const ctx = actionContext({
      catalogInfoUrl: '/data/git/checkouts/orders-api/catalog-info.yaml',
    });
    await action.handler(ctx);
    expect(ctx.outputs.entityRef).toBe('component:default/orders-api');
    expect([...catalog.locations.values()]).toEqual([
      '/data/git/checkouts/orders-api/catalog-info.yaml',
    ]);
    expect(catalog.calls.filter(c => c.startsWith('add'))).toEqual([
      'add file (dry run) as user:default/priya.sharma',
      'add file as user:default/priya.sharma',
    ]);
  });

  it('removes the location again when the entity never shows up', async () => {
    const catalog = fakeCatalog(entity, Infinity);
    const action = createRegisterAction({
      catalog: catalog as any,
      auth: mockServices.auth(),
      timeoutMs: 50,
      pollMs: 5,
    });
    const ctx = actionContext({ catalogInfoUrl: '/tmp/x/catalog-info.yaml' });
    await expect(action.handler(ctx)).rejects.toThrow(
      'component:default/orders-api did not appear in the catalog within 0.05 s',
    );
    expect(catalog.locations.size).toBe(0);
    // Users may not remove locations; the backend cleans up after itself.
    expect(catalog.calls.at(-1)).toBe('remove loc-1 as plugin:test');
  });

  it('waits for every entity of the file and names the Component, whatever the order', async () => {
    const api: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'orders-api', namespace: 'default' },
      spec: { type: 'openapi', owner: 'payouts-team', definition: '{}' },
    };
    const catalog = fakeCatalog([api, entity], {
      'api:default/orders-api': 4,
    });
    const action = createRegisterAction({
      catalog: catalog as any,
      auth: mockServices.auth(),
      pollMs: 1,
    });
    const ctx = actionContext({ catalogInfoUrl: '/tmp/orders-api/c.yaml' });
    await action.handler(ctx);
    expect(ctx.outputs.entityRef).toBe('component:default/orders-api');
    expect(
      catalog.calls.filter(c => c === 'get api:default/orders-api'),
    ).toHaveLength(5);
    expect(catalog.calls).toContain('get component:default/orders-api');

    // An API the catalog never shows leaves nothing registered.
    const stuck = fakeCatalog([entity, api], {
      'api:default/orders-api': Infinity,
    });
    await expect(
      createRegisterAction({
        catalog: stuck as any,
        auth: mockServices.auth(),
        timeoutMs: 50,
        pollMs: 5,
      }).handler(actionContext({ catalogInfoUrl: '/tmp/x/c.yaml' })),
    ).rejects.toThrow('api:default/orders-api did not appear in the catalog');
    expect(stuck.locations.size).toBe(0);
  });

  it('registers URLs as url locations and creates nothing in a dry run', async () => {
    const catalog = fakeCatalog(entity, 0);
    const action = createRegisterAction({
      catalog: catalog as any,
      auth: mockServices.auth(),
      pollMs: 1,
    });
    const url =
      'https://github.com/fintech-fast/orders-api/blob/main/catalog-info.yaml';
    await action.handler(actionContext({ catalogInfoUrl: url }));
    expect(catalog.calls.filter(c => c.startsWith('add'))).toEqual([
      'add url (dry run) as user:default/priya.sharma',
      'add url as user:default/priya.sharma',
    ]);

    const dry = fakeCatalog(entity, 0);
    const ctx = actionContext({ catalogInfoUrl: url }, { isDryRun: true });
    await createRegisterAction({
      catalog: dry as any,
      auth: mockServices.auth(),
    }).handler(ctx);
    expect(dry.calls).toEqual([]);
    expect(ctx.outputs.entityRef).toBe('component:default/dry-run');
  });

  it('refuses a file without entities and a relative path', async () => {
    const action = createRegisterAction({
      catalog: fakeCatalog(undefined, 0) as any,
      auth: mockServices.auth(),
    });
    await expect(
      action.handler(actionContext({ catalogInfoUrl: '/tmp/empty.yaml' })),
    ).rejects.toThrow('/tmp/empty.yaml holds no catalog entity');
    await expect(
      action.handler(
        actionContext({ catalogInfoUrl: 'relative/catalog-info.yaml' }),
      ),
    ).rejects.toThrow(/neither a URL nor an absolute path/);
  });
});
