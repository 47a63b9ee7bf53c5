import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotModifiedError } from '@backstage/errors';
import {
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import {
  DirectoryPreparer,
  parseReferenceAnnotation,
  PreparerBase,
  PreparerOptions,
  PreparerResponse,
  techdocsPreparerExtensionPoint,
  transformDirLocation,
} from '@backstage/plugin-techdocs-node';

const TECHDOCS_ANNOTATION = 'backstage.io/techdocs-ref';

/**
 * A hash of what a docs build reads from a local directory: its mkdocs
 * config and every file under its docs directory.
 */
export async function hashDocsSource(dir: string): Promise<string> {
  const hash = createHash('sha256');
  let docsDir = 'docs';
  for (const name of ['mkdocs.yml', 'mkdocs.yaml']) {
    const config = await fs
      .readFile(path.join(dir, name), 'utf8')
      .catch(() => undefined);
    if (config !== undefined) {
      hash.update(`${name}\0${config}\0`);
      docsDir = /^docs_dir:\s*['"]?([^'"\s]+)/m.exec(config)?.[1] ?? docsDir;
      break;
    }
  }
  const root = path.resolve(dir, docsDir);
  const files = await fs
    .readdir(root, { recursive: true, withFileTypes: true })
    .catch(() => []);
  const paths = files
    .filter(f => f.isFile())
    .map(f => path.join(f.parentPath, f.name))
    .sort();
  for (const file of paths) {
    hash.update(`${path.relative(root, file)}\0`);
    hash.update(await fs.readFile(file));
  }
  return hash.digest('hex');
}

/**
 * TechDocs' preparer gives docs from a local directory (`dir:` next to a
 * catalog file read from disk) no etag, so the local builder rebuilds them
 * on every visit a minute apart, and the reader then says "A newer version
 * of this documentation is now available" although nothing changed. This one
 * gives such a directory a hash of its content as etag: docs are rebuilt
 * only when their source changed. Sources behind a URL keep their own etag.
 */
export class ContentHashDirectoryPreparer implements PreparerBase {
  constructor(
    private readonly inner: PreparerBase,
    private readonly integrations: ScmIntegrationRegistry,
  ) {}

  shouldCleanPreparedDirectory() {
    return this.inner.shouldCleanPreparedDirectory();
  }

  async prepare(
    entity: Entity,
    options?: PreparerOptions,
  ): Promise<PreparerResponse> {
    const annotation = parseReferenceAnnotation(TECHDOCS_ANNOTATION, entity);
    const { type, target } = transformDirLocation(
      entity,
      annotation,
      this.integrations,
    );
    if (type !== 'dir') return this.inner.prepare(entity, options);
    const etag = await hashDocsSource(target);
    if (options?.etag === etag) {
      throw new NotModifiedError('The docs source has not changed');
    }
    return { ...(await this.inner.prepare(entity, options)), etag };
  }
}

export default createBackendModule({
  pluginId: 'techdocs',
  moduleId: 'local-docs-etag',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        reader: coreServices.urlReader,
        preparers: techdocsPreparerExtensionPoint,
      },
      async init({ config, logger, reader, preparers }) {
        preparers.registerPreparer(
          'dir',
          new ContentHashDirectoryPreparer(
            DirectoryPreparer.fromConfig(config, { logger, reader }),
            ScmIntegrations.fromConfig(config),
          ),
        );
      },
    });
  },
});
