import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogProcessor, LocationSpec } from '@backstage/plugin-catalog-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { clip, isInside } from './safePaths';

/** The largest file a `$text` placeholder reads (an API definition, say). */
const MAX_BYTES = 1024 * 1024;

type Json = unknown;

/**
 * `$text` placeholders (`definition: { $text: ./openapi.yaml }`) in the
 * catalog files of repositories published on this machine
 * (`<localDir>/checkouts/<repository>`). Backstage resolves placeholders only
 * through URL readers, and a `file` location has none, so this reads the file
 * itself: a relative path inside the same repository, symbolic links
 * included, at most 1 MB. It runs before Backstage's own placeholder
 * processor, which handles every other location.
 */
export class LocalRepositoryPlaceholders implements CatalogProcessor {
  constructor(private readonly checkoutsDir: string) {}

  getProcessorName() {
    return 'GoldenPathsLocalRepositoryPlaceholders';
  }

  /** Before Backstage's PlaceholderProcessor (the default priority, 20). */
  getPriority() {
    return 10;
  }

  async preProcessEntity(
    entity: Entity,
    location: LocationSpec,
  ): Promise<Entity> {
    if (location.type !== 'file') return entity;
    const root = path.resolve(this.checkoutsDir);
    const file = path.resolve(location.target);
    const [repository, ...rest] = path.relative(root, file).split(path.sep);
    if (!isInside(root, file) || !repository || !rest.length) return entity;
    const repositoryDir = path.join(root, repository);
    const read = (value: unknown) =>
      readInside(repositoryDir, path.dirname(file), value);
    return (await resolvePlaceholders(entity, read)) as Entity;
  }
}

async function resolvePlaceholders(
  data: Json,
  read: (value: unknown) => Promise<string>,
): Promise<Json> {
  if (Array.isArray(data)) {
    return Promise.all(data.map(item => resolvePlaceholders(item, read)));
  }
  if (!data || typeof data !== 'object') return data;
  const entries = Object.entries(data);
  if (entries.length === 1 && entries[0][0] === '$text') {
    return read(entries[0][1]);
  }
  return Object.fromEntries(
    await Promise.all(
      entries.map(async ([k, v]) => [k, await resolvePlaceholders(v, read)]),
    ),
  );
}

async function readInside(
  repositoryDir: string,
  baseDir: string,
  value: unknown,
): Promise<string> {
  if (
    typeof value !== 'string' ||
    value.length > 300 ||
    path.isAbsolute(value) ||
    /^[a-z][a-z0-9+.-]*:/i.test(value)
  ) {
    throw new InputError(
      `Placeholder $text in a repository published on this machine takes a relative path to a file of the same repository, e.g. ./openapi.yaml; not '${clip(
        String(value),
      )}'`,
    );
  }
  const wanted = path.resolve(baseDir, value);
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([
      fs.realpath(wanted),
      fs.realpath(repositoryDir),
    ]);
  } catch {
    throw new InputError(`Placeholder $text: no file ${clip(value)}`);
  }
  if (!isInside(realRoot, real)) {
    throw new InputError(
      `Placeholder $text: ${clip(value)} is outside the repository`,
    );
  }
  const stat = await fs.stat(real);
  if (!stat.isFile() || stat.size > MAX_BYTES) {
    throw new InputError(
      `Placeholder $text: ${clip(value)} is not a file of at most 1 MB`,
    );
  }
  return fs.readFile(real, 'utf8');
}
