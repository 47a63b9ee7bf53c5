import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * The full, lower-case form of an entity ref (`component:default/svc-a`),
 * the one form the portal stores and compares; kind and namespace default
 * as given (namespace `default`). Throws on refs that do not parse.
 */
export function normalizeEntityRef(
  ref: string,
  defaults?: { defaultKind?: string; defaultNamespace?: string },
): string {
  return stringifyEntityRef(
    parseEntityRef(ref, {
      defaultKind: defaults?.defaultKind,
      defaultNamespace: defaults?.defaultNamespace ?? 'default',
    }),
  ).toLocaleLowerCase('en-US');
}
