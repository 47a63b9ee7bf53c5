import {
  Entity,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { normalizeEntityRef } from '@internal/plugin-portal-node';

/** An entity's ref in the portal's one stored form (full, lower-case). */
export const refOf = (entity: Entity) =>
  normalizeEntityRef(stringifyEntityRef(entity));

/** A ref in the stored form, or undefined when it does not parse. */
export function normalizedOrUndefined(ref: string): string | undefined {
  try {
    return normalizeEntityRef(ref);
  } catch {
    return undefined;
  }
}

/** Owner of an entity in the stored form (full, lower-case), or null. */
export function ownerOf(entity: Entity): string | null {
  const rel = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (rel) return normalizedOrUndefined(rel.targetRef) ?? null;
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return null;
  try {
    return normalizeEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
  } catch {
    return null;
  }
}
