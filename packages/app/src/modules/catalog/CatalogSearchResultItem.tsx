import { ComponentProps } from 'react';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useEntityPresentation } from '@backstage/plugin-catalog-react';
import { CatalogSearchResultListItem } from '@backstage/plugin-catalog';

type Props = ComponentProps<typeof CatalogSearchResultListItem>;

/**
 * The owner of a catalog search result as a full ref: the search index
 * keeps `spec.owner` as written (`checkout-core-team`, a Group in the
 * entity's namespace, unless it names its kind).
 */
export function ownerRefOf(
  result: Props['result'] | undefined,
): string | undefined {
  // A catalog document (CatalogEntityDocument) carries its owner and namespace.
  const { owner, namespace } = (result ?? {}) as Record<string, unknown>;
  if (typeof owner !== 'string' || !owner) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: typeof namespace === 'string' ? namespace : 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

function WithOwnerTitle(props: Props & { ownerRef: string }) {
  const { ownerRef, ...item } = props;
  const { primaryTitle } = useEntityPresentation(ownerRef);
  return (
    <CatalogSearchResultListItem
      {...item}
      result={{ ...item.result!, owner: primaryTitle } as Props['result']}
    />
  );
}

/**
 * Backstage's catalog search result, its owner chip naming the owner by
 * title ("Owner: Checkout Core", not "Owner: checkout-core-team").
 */
export function PortalCatalogSearchResultListItem(props: Props) {
  const ownerRef = ownerRefOf(props.result);
  return ownerRef ? (
    <WithOwnerTitle {...props} ownerRef={ownerRef} />
  ) : (
    <CatalogSearchResultListItem {...props} />
  );
}
