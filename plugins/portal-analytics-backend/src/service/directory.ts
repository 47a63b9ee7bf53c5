import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** User entities in the catalog: how many, and how many per group. */
export interface UserCounts {
  total: number;
  members: Map<string, number>;
}

export interface UserDirectory {
  counts(): Promise<UserCounts>;
}

/** Reads User entities from the catalog, cached for `ttlMs`. */
export function catalogUserDirectory(options: {
  catalog: CatalogService;
  auth: AuthService;
  ttlMs?: number;
}): UserDirectory {
  const ttl = options.ttlMs ?? 5 * 60_000;
  let cached: { at: number; value: Promise<UserCounts> } | undefined;

  async function load(): Promise<UserCounts> {
    const { items } = await options.catalog.getEntities(
      {
        filter: { kind: 'user' },
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
      },
      { credentials: await options.auth.getOwnServiceCredentials() },
    );
    const members = new Map<string, number>();
    for (const user of items) {
      const groups = new Set(
        (user.relations ?? [])
          .filter(r => r.type === 'memberOf')
          .map(r => r.targetRef.toLocaleLowerCase('en-US')),
      );
      for (const g of groups) members.set(g, (members.get(g) ?? 0) + 1);
    }
    // Users without a namespace still count once.
    const total = new Set(items.map(u => stringifyEntityRef(u))).size;
    return { total, members };
  }

  return {
    counts() {
      const now = Date.now();
      if (!cached || now - cached.at > ttl) {
        const value = load();
        cached = { at: now, value };
        value.catch(() => {
          cached = undefined;
        });
      }
      return cached.value;
    },
  };
}
