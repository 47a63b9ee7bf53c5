import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { actionContext, component } from '../testUtils';
import { createRegisterAction } from './register';

/** A catalog that "processes" a location after a number of polls. */
function fakeCatalog(entity: Entity | undefined, visibleAfterPolls: number) {
  const locations = new Map<string, string>();
  let polls = 0;
  return {
    locations,
    async addLocation(request: { target: string; dryRun?: boolean }) {
      if (!request.dryRun) locations.set('loc-1', request.target);
      return {
        location: { id: 'loc-1', type: 'file', target: request.target },
        entities: entity ? [entity] : [],
      };
    },
    async getEntityByRef() {
      polls += 1;
      return polls > visibleAfterPolls ? entity : undefined;
    },
    async removeLocationById(id: string) {
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
