import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { DirectoryPreparer } from '@backstage/plugin-techdocs-node';
import { ContentHashDirectoryPreparer } from './localDocsEtag';

describe('ContentHashDirectoryPreparer', () => {
  let dir: string;
  let preparer: ContentHashDirectoryPreparer;
  const entity = () => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments',
      annotations: {
        'backstage.io/techdocs-ref': 'dir:.',
        'backstage.io/managed-by-location': `file:${dir}/catalog-info.yaml`,
      },
    },
  });

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'docs-etag-'));
    await fs.mkdir(path.join(dir, 'docs', 'guides'), { recursive: true });
    await fs.writeFile(path.join(dir, 'mkdocs.yml'), 'site_name: Payments\n');
    await fs.writeFile(path.join(dir, 'docs', 'index.md'), '# Payments\n');
    await fs.writeFile(path.join(dir, 'docs', 'guides', 'a.md'), '# A\n');
    await fs.writeFile(path.join(dir, 'README.md'), 'Not docs\n');
    const config = new ConfigReader({});
    preparer = new ContentHashDirectoryPreparer(
      DirectoryPreparer.fromConfig(config, {
        logger: mockServices.logger.mock(),
        reader: mockServices.urlReader.mock(),
      }),
      ScmIntegrations.fromConfig(config),
    );
  });

  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('rebuilds local docs only when their source changed', async () => {
    const first = await preparer.prepare(entity());
    expect(first.preparedDir).toBe(dir);
    expect(first.etag).toMatch(/^[0-9a-f]{64}$/);

    // Unchanged: TechDocs keeps what it built, and the reader says nothing.
    await expect(
      preparer.prepare(entity(), { etag: first.etag }),
    ).rejects.toMatchObject({ name: 'NotModifiedError' });
    // A file outside the docs does not count.
    await fs.writeFile(path.join(dir, 'README.md'), 'Still not docs\n');
    await expect(
      preparer.prepare(entity(), { etag: first.etag }),
    ).rejects.toMatchObject({ name: 'NotModifiedError' });

    // A page, a new page, the config: each is a new version.
    const etags = new Set([first.etag]);
    for (const change of [
      () => fs.writeFile(path.join(dir, 'docs', 'guides', 'a.md'), '# A2\n'),
      () => fs.writeFile(path.join(dir, 'docs', 'b.md'), '# B\n'),
      () => fs.writeFile(path.join(dir, 'mkdocs.yml'), 'site_name: Pay\n'),
    ]) {
      await change();
      const { etag } = await preparer.prepare(entity(), { etag: first.etag });
      expect(etags.has(etag)).toBe(false);
      etags.add(etag);
    }
  });

  it('reads the docs directory the config names', async () => {
    await fs.writeFile(
      path.join(dir, 'mkdocs.yml'),
      'site_name: Payments\ndocs_dir: guides\n',
    );
    await fs.mkdir(path.join(dir, 'guides'));
    await fs.writeFile(path.join(dir, 'guides', 'index.md'), '# G\n');
    const { etag } = await preparer.prepare(entity());
    await fs.writeFile(path.join(dir, 'guides', 'index.md'), '# G2\n');
    await expect(preparer.prepare(entity(), { etag })).resolves.toMatchObject({
      preparedDir: dir,
    });
  });
});
