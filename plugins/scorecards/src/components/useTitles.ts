import { useApiHolder } from '@backstage/frontend-plugin-api';
import { entityPresentationApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { shortRef } from './format';

/**
 * A label for each entity ref: the entity's title as the catalog presents
 * it ("Checkout Core" for group:default/checkout-core-team), its short ref
 * until the titles arrive or where there is none.
 */
export function useTitles(refs: Array<string | null>) {
  const presentation = useApiHolder().get(entityPresentationApiRef);
  const key = [...new Set(refs.filter((r): r is string => Boolean(r)))]
    .sort()
    .join('\n');
  const { value: titles } = useAsync(async () => {
    if (!presentation || !key) return new Map<string, string>();
    const entries = await Promise.all(
      key.split('\n').map(async ref => {
        const { primaryTitle } = await presentation.forEntity(ref).promise;
        return [ref, primaryTitle] as const;
      }),
    );
    return new Map(entries);
  }, [presentation, key]);
  return (ref: string | null) => (ref && titles?.get(ref)) || shortRef(ref);
}
