import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { Publisher, PublisherBase } from '@backstage/plugin-techdocs-node';
import { SerialPublisher } from './serialDocsPublish';

const entity = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', uid: name },
});

describe('SerialPublisher', () => {
  let root: string;
  let local: PublisherBase;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'techdocs-publish-'));
    local = await Publisher.fromConfig(
      mockServices.rootConfig({
        data: {
          techdocs: {
            publisher: {
              type: 'local',
              local: { publishDirectory: path.join(root, 'published') },
            },
          },
        },
      }),
      {
        logger: mockServices.logger.mock(),
        discovery: mockServices.discovery(),
      },
    );
  });

  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  /** A generated site with nested directories, as mkdocs writes it. */
  async function site(n: number) {
    const dir = path.join(root, `site-${n}`);
    for (const sub of ['assets/javascripts/lunr', 'assets/stylesheets']) {
      await fs.mkdir(path.join(dir, sub), { recursive: true });
      await fs.writeFile(path.join(dir, sub, 'file.txt'), `build ${n}`);
    }
    await fs.writeFile(path.join(dir, 'index.html'), `<p>build ${n}</p>`);
    return dir;
  }

  it('publishes overlapping builds of one entity without failing', async () => {
    const publisher = new SerialPublisher(local);
    const dirs = await Promise.all([1, 2, 3, 4, 5, 6].map(site));
    const results = await Promise.allSettled(
      dirs.map(directory =>
        publisher.publish({ entity: entity('orders-api'), directory }),
      ),
    );
    expect(results.filter(r => r.status === 'rejected')).toEqual([]);
    // The last build is the one served.
    const published = path.join(root, 'published/default/component/orders-api');
    expect(await fs.readFile(path.join(published, 'index.html'), 'utf8')).toBe(
      '<p>build 6</p>',
    );
    expect(await publisher.hasDocsBeenGenerated(entity('orders-api'))).toBe(
      true,
    );
  });

  it('publishes different entities side by side, and goes on after a failure', async () => {
    const calls: string[] = [];
    let release!: () => void;
    const slow = new Promise<void>(resolve => (release = resolve));
    const publisher = new SerialPublisher({
      ...local,
      publish: async ({ entity: e, directory }) => {
        calls.push(`start ${e.metadata.name} ${path.basename(directory)}`);
        if (directory === 'first') await slow;
        if (directory === 'broken') throw new Error('disk full');
        calls.push(`end ${e.metadata.name} ${path.basename(directory)}`);
        return {};
      },
    });
    const first = publisher.publish({
      entity: entity('a'),
      directory: 'first',
    });
    const broken = publisher.publish({
      entity: entity('a'),
      directory: 'broken',
    });
    const second = publisher.publish({
      entity: entity('a'),
      directory: 'second',
    });
    const other = publisher.publish({
      entity: entity('b'),
      directory: 'other',
    });
    await other;
    // Entity b did not wait for entity a; a's later builds wait for its first.
    expect(calls).toEqual(['start a first', 'start b other', 'end b other']);
    release();
    await first;
    await expect(broken).rejects.toThrow('disk full');
    await second;
    expect(calls.slice(3)).toEqual([
      'end a first',
      'start a broken',
      'start a second',
      'end a second',
    ]);
  });
});
