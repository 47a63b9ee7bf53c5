import {
  Entity,
  RELATION_CHILD_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** How many levels of parent teams are looked at. */
const MAX_DEPTH = 10;

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * Who may act for a team (own something in its name): its members, members
 * of a team above it (a parent team includes its sub-teams, as in the
 * portal's team rollups), and the platform team. `userGroups` are the
 * person's ownership refs; `getGroup` reads a Group from the catalog.
 */
export async function mayActForTeam(options: {
  userGroups: ReadonlySet<string>;
  platformTeam: string;
  group: Entity;
  getGroup: (ref: string) => Promise<Entity | undefined>;
}): Promise<boolean> {
  const { userGroups } = options;
  if (userGroups.has(lower(options.platformTeam))) return true;
  const seen = new Set<string>();
  let level: Entity[] = [options.group];
  for (let depth = 0; depth < MAX_DEPTH && level.length; depth++) {
    const parents: string[] = [];
    for (const group of level) {
      const ref = lower(stringifyEntityRef(group));
      if (userGroups.has(ref)) return true;
      seen.add(ref);
      parents.push(
        ...(group.relations ?? [])
          .filter(r => r.type === RELATION_CHILD_OF)
          .map(r => lower(r.targetRef))
          .filter(p => !seen.has(p)),
      );
    }
    level = (await Promise.all(parents.map(options.getGroup))).filter(
      (e): e is Entity => !!e,
    );
  }
  return false;
}
