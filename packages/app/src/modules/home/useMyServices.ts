import { Entity } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

/** Reused by the home page's cards, which all start from the same list. */
const cache = new WeakMap<object, { at: number; value: Promise<Entity[]> }>();
const FRESH_MS = 30_000;

/** Components owned by the signed-in user or by any of their groups. */
export function useMyServices() {
  const identityApi = useApi(identityApiRef);
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    const hit = cache.get(catalogApi);
    if (hit && Date.now() - hit.at < FRESH_MS) return hit.value;
    const value = (async () => {
      const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
      const { items } = await catalogApi.getEntities({
        filter: {
          kind: 'Component',
          'relations.ownedBy': ownershipEntityRefs,
        },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'spec.type',
          'spec.lifecycle',
        ],
        order: { field: 'metadata.name', order: 'asc' },
      });
      return items;
    })();
    cache.set(catalogApi, { at: Date.now(), value });
    value.catch(() => cache.delete(catalogApi));
    return value;
  }, [identityApi, catalogApi]);
}
