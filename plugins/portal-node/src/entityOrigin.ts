import { Config } from '@backstage/config';
import { ANNOTATION_ORIGIN_LOCATION, Entity } from '@backstage/catalog-model';
import path from 'node:path';

/**
 * The catalog locations the operators list in the config
 * (`catalog.locations`), as `type:target` the way the catalog writes them
 * into `backstage.io/managed-by-origin-location` (file targets resolved
 * against the backend's working directory, as the catalog does).
 */
export function configuredLocations(config: Config): Set<string> {
  const out = new Set<string>();
  for (const location of config.getOptionalConfigArray('catalog.locations') ??
    []) {
    const type = location.getString('type');
    const target = location.getString('target');
    out.add(`${type}:${type === 'file' ? path.resolve(target) : target}`);
  }
  return out;
}

/**
 * Whether the entity comes from a location listed in the config rather than
 * one registered through the catalog API (by a person or a template run).
 * The catalog itself sets the origin annotation, so a catalog file cannot
 * claim it.
 */
export function isFromConfiguredLocation(
  entity: Pick<Entity, 'metadata'>,
  configured: ReadonlySet<string>,
): boolean {
  const origin = entity.metadata.annotations?.[ANNOTATION_ORIGIN_LOCATION];
  return origin !== undefined && configured.has(origin);
}
