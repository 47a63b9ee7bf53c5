import { Entity } from '@backstage/catalog-model';
import { JsonValue } from '@backstage/types';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalRepositoryPlaceholders } from './localPlaceholders';

const api = (definition: JsonValue): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'orders-api', namespace: 'default' },
  spec: { type: 'openapi', owner: 'group:default/payouts-team', definition },
});

describe('LocalRepositoryPlaceholders', () => {
  let checkouts: string;
  let processor: LocalRepositoryPlaceholders;
  const at = (file: string) => ({
    type: 'file',
    target: path.join(checkouts, file),
  });

  beforeEach(() => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'local-placeholders-'));
    checkouts = path.join(base, 'checkouts');
    fs.mkdirSync(path.join(checkouts, 'orders-api/docs'), { recursive: true });
    fs.mkdirSync(path.join(checkouts, 'other-api'), { recursive: true });
    fs.writeFileSync(
      path.join(checkouts, 'orders-api/openapi.yaml'),
      'openapi: 3.0.3\n',
    );
    fs.writeFileSync(path.join(checkouts, 'other-api/secret.txt'), 'other\n');
    fs.writeFileSync(path.join(base, 'outside.txt'), 'outside\n');
    processor = new LocalRepositoryPlaceholders(checkouts);
  });

  it("reads $text from the catalog file's own repository, before Backstage's placeholders", async () => {
    expect(processor.getPriority()).toBeLessThan(20);
    const entity = api({ $text: './openapi.yaml' });
    await expect(
      processor.preProcessEntity(entity, at('orders-api/catalog-info.yaml')),
    ).resolves.toEqual(api('openapi: 3.0.3\n'));
    // From a subfolder, up to the repository's root.
    await expect(
      processor.preProcessEntity(
        api({ $text: '../openapi.yaml' }),
        at('orders-api/docs/catalog-info.yaml'),
      ),
    ).resolves.toEqual(api('openapi: 3.0.3\n'));
  });

  it('leaves other locations and other placeholders to Backstage', async () => {
    const entity = api({ $text: './openapi.yaml' });
    for (const location of [
      {
        type: 'url',
        target: 'https://github.com/x/orders-api/blob/main/catalog-info.yaml',
      },
      { type: 'file', target: '/srv/catalog/catalog-info.yaml' },
    ]) {
      await expect(processor.preProcessEntity(entity, location)).resolves.toBe(
        entity,
      );
    }
    const yaml = api({ $yaml: './openapi.yaml' });
    await expect(
      processor.preProcessEntity(yaml, at('orders-api/catalog-info.yaml')),
    ).resolves.toEqual(yaml);
  });

  it('reads nothing outside the repository, through a link neither', async () => {
    fs.symlinkSync(
      path.join(checkouts, 'other-api/secret.txt'),
      path.join(checkouts, 'orders-api/link.txt'),
    );
    for (const [value, message] of [
      ['../other-api/secret.txt', /is outside the repository/],
      ['../../outside.txt', /is outside the repository/],
      ['./link.txt', /is outside the repository/],
      ['/etc/hostname', /takes a relative path/],
      ['file:///etc/hostname', /takes a relative path/],
      ['./missing.yaml', /no file \.\/missing\.yaml/],
      ['./docs', /is not a file/],
    ] as const) {
      await expect(
        processor.preProcessEntity(
          api({ $text: value }),
          at('orders-api/catalog-info.yaml'),
        ),
      ).rejects.toThrow(message);
    }
  });
});
