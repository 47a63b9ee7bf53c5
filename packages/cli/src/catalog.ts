import { PortalClient } from './client';
import { CliError, EXIT } from './errors';

/** The parts of a catalog entity the CLI reads. */
export interface Entity {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    title?: string;
    description?: string;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
}

export function refOf(entity: Entity): string {
  return `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
    entity.metadata.name
  }`.toLocaleLowerCase('en-US');
}

export const titleOf = (entity: Entity) =>
  entity.metadata.title ?? entity.metadata.name;

/** `kind:namespace/name` from a ref, a `namespace/name` or a bare name. */
export function parseRef(value: string, defaultKind: string) {
  const m = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(value.trim());
  if (!m) return undefined;
  return {
    kind: (m[1] ?? defaultKind).toLocaleLowerCase('en-US'),
    namespace: (m[2] ?? 'default').toLocaleLowerCase('en-US'),
    name: m[3],
  };
}

const WORDS: Record<string, string> = {
  component: 'service',
  template: 'golden path',
  group: 'team',
  system: 'system',
  user: 'user',
};

/** One entry of the catalog by its name, its ref or its title (case-insensitive). */
export async function findEntity(
  client: PortalClient,
  kind: 'component' | 'template' | 'group' | 'system' | 'user',
  value: string,
): Promise<Entity> {
  const ref = parseRef(value, kind);
  const word = WORDS[kind];
  if (ref && ref.kind !== kind) {
    throw new CliError(
      `'${value}' names a ${ref.kind}, not a ${word}.`,
      EXIT.usage,
    );
  }
  const query = async (filter: string) =>
    (
      await client.get<{ items: Entity[] }>('/api/catalog/entities/by-query', {
        filter,
        limit: 2,
      })
    ).items;
  let items = ref
    ? await query(
        `kind=${kind},metadata.namespace=${ref.namespace},metadata.name=${ref.name}`,
      )
    : [];
  if (!items.length && !value.includes(',')) {
    items = await query(`kind=${kind},metadata.title=${value.trim()}`);
  }
  if (!items.length) {
    throw new CliError(
      `There is no ${word} '${value}' in the catalog (by name or title).`,
      EXIT.notFound,
    );
  }
  if (items.length > 1) {
    throw new CliError(
      `Several ${word}s are titled '${value}'; give its name instead.`,
      EXIT.usage,
    );
  }
  return items[0];
}

/** The portal page of an entity. */
export function entityUrl(url: string, ref: string): string {
  const parsed = parseRef(ref, 'component')!;
  return `${url}/catalog/${parsed.namespace}/${parsed.kind}/${parsed.name}`;
}
