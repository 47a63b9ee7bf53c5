import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { DoraResponse } from '@internal/plugin-platform-metrics-common';
import { normalizeEntityRef } from '@internal/plugin-portal-node';
import {
  CatalogSnapshot,
  ComponentInfo,
  componentsOwnedBy,
  descendantGroups,
} from './catalog';

/** What a metrics call covers: the organisation, a team, a system or a component. */
export type Scope = {
  kind: DoraResponse['scope']['kind'];
  entityRef?: string;
  title?: string;
  /** undefined = every mapped entity. */
  entityRefs?: string[];
  componentCount: number;
};

/** A ref given by the caller, normalised; a 400 when it does not parse. */
export function entityRefOrInputError(
  ref: string,
  defaultKind: string,
): string {
  try {
    return normalizeEntityRef(ref, { defaultKind });
  } catch {
    throw new InputError(`Invalid entityRef: '${ref}' is not an entity ref`);
  }
}

/** The components a team owns, its sub-teams' included. */
export function teamComponents(
  snapshot: CatalogSnapshot,
  groupRef: string,
): ComponentInfo[] {
  return componentsOwnedBy(snapshot, descendantGroups(snapshot, groupRef));
}

/** The components behind a scope ref (none: the organisation). */
export function resolveScope(
  snapshot: CatalogSnapshot,
  entityRef?: string,
): Scope {
  if (!entityRef) {
    return {
      kind: 'organisation',
      componentCount: snapshot.components.size,
    };
  }
  const ref = entityRefOrInputError(entityRef, 'component');
  const kind = parseEntityRef(ref).kind;
  if (kind === 'component') {
    const c = snapshot.components.get(ref);
    return {
      kind: 'component',
      entityRef: ref,
      title: c?.title ?? parseEntityRef(ref).name,
      entityRefs: [ref],
      componentCount: 1,
    };
  }
  if (kind === 'group') {
    const g = snapshot.groups.get(ref);
    if (!g) throw new NotFoundError(`No group ${ref} in the catalog`);
    const refs = teamComponents(snapshot, ref).map(c => c.ref);
    return {
      kind: 'team',
      entityRef: ref,
      title: g.title,
      entityRefs: refs,
      componentCount: refs.length,
    };
  }
  if (kind === 'system') {
    const s = snapshot.systems.get(ref);
    if (!s) throw new NotFoundError(`No system ${ref} in the catalog`);
    const refs = [...snapshot.components.values()]
      .filter(c => c.system === ref)
      .map(c => c.ref);
    return {
      kind: 'system',
      entityRef: ref,
      title: s.title,
      entityRefs: refs,
      componentCount: refs.length,
    };
  }
  throw new InputError(
    `Invalid entityRef: metrics exist for components, groups and systems, not ${kind}`,
  );
}
