import {
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { mayActForTeam } from '@internal/plugin-portal-node';

/**
 * The golden-path provenance a catalog file can claim: the template it was
 * created from and when. Adoption, self-service and drift count these.
 */
export const PROVENANCE_ANNOTATIONS = [
  'backstage.io/source-template',
  'fintech-fast.example/created-at',
] as const;

/** What an entity claims: its owner and its golden-path provenance. */
export interface Claims {
  owner: string | null;
  sourceTemplate: string | null;
  createdAt: string | null;
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

export const refOf = (entity: Entity) => lower(stringifyEntityRef(entity));

function ownerRef(entity: Entity): string | null {
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string' || !owner) return null;
  try {
    return lower(
      stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ),
    );
  } catch {
    return lower(owner);
  }
}

export function claimsOf(entity: Entity): Claims {
  const a = entity.metadata.annotations ?? {};
  return {
    owner: ownerRef(entity),
    sourceTemplate: a[PROVENANCE_ANNOTATIONS[0]] ?? null,
    createdAt: a[PROVENANCE_ANNOTATIONS[1]] ?? null,
  };
}

/** Who registers a catalog file. */
export interface Registrant {
  userRef: string;
  /** The person's ownership refs (their User and Groups), lower case. */
  userGroups: ReadonlySet<string>;
  /** Registered by a template run (the scaffolder acting for the person). */
  byTemplateRun: boolean;
}

/**
 * Why a person may not register these entities, or undefined: each may be
 * owned only by the person or a team they may act for (as in the golden
 * paths), and only a template run may claim golden-path provenance.
 */
export async function claimProblem(
  entities: Entity[],
  who: Registrant,
  options: {
    platformTeam: string;
    getEntity: (ref: string) => Promise<Entity | undefined>;
  },
): Promise<string | undefined> {
  for (const entity of entities) {
    if (entity.kind.toLocaleLowerCase('en-US') === 'location') continue;
    const ref = refOf(entity);
    const claims = claimsOf(entity);
    if (
      !who.byTemplateRun &&
      PROVENANCE_ANNOTATIONS.some(a => entity.metadata.annotations?.[a])
    ) {
      return `${ref} claims a golden-path origin (${PROVENANCE_ANNOTATIONS.join(
        ', ',
      )}); only a template run may register that`;
    }
    if (!claims.owner || claims.owner === lower(who.userRef)) continue;
    const group = claims.owner.startsWith('group:')
      ? await options.getEntity(claims.owner)
      : undefined;
    const allowed =
      group &&
      (await mayActForTeam({
        userGroups: who.userGroups,
        platformTeam: options.platformTeam,
        group,
        getGroup: options.getEntity,
      }));
    if (!allowed) {
      return `${ref} names ${claims.owner} as its owner; you may register only what you or your teams own`;
    }
  }
  return undefined;
}

/** The origin location of an entity as `type:target`. */
export const originOf = (entity: Entity) =>
  entity.metadata.annotations?.[ANNOTATION_ORIGIN_LOCATION];
