/**
 * Which catalog Templates are the portal's paths. The templates say it
 * themselves with a tag (templates/README.md), so a new template counts
 * everywhere (Golden Paths page, adoption, self-service ratio) the moment
 * the catalog has it; no list is kept by hand.
 */

/** Tag of a golden-path template (a new service on the paved road). @public */
export const GOLDEN_PATH_TAG = 'golden-path';
/** Tag of a self-service infrastructure template (database, cache). @public */
export const SELF_SERVICE_TAG = 'self-service';

/** @public */
export type PathKind = 'golden-path' | 'self-service';

/** The parts of a catalog entity the rule reads. @public */
export interface PathTemplateCandidate {
  kind: string;
  metadata: { tags?: string[] };
}

/**
 * `golden-path` or `self-service` for a Template tagged so (golden-path wins
 * when both), undefined for any other entity. @public
 */
export function pathKindOf(
  entity: PathTemplateCandidate,
): PathKind | undefined {
  if (entity.kind.toLocaleLowerCase('en-US') !== 'template') return undefined;
  const tags = entity.metadata.tags ?? [];
  if (tags.includes(GOLDEN_PATH_TAG)) return 'golden-path';
  if (tags.includes(SELF_SERVICE_TAG)) return 'self-service';
  return undefined;
}
