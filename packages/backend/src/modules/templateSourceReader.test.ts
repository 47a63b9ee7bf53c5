import { ConfigReader } from '@backstage/config';
import { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  isTemplateSource,
  templateSources,
  TemplateSourceReader,
} from './templateSourceReader';

const config = new ConfigReader({
  catalog: {
    locations: [
      { type: 'file', target: './catalog-info.yaml' },
      {
        type: 'url',
        target:
          'https://github.com/fintech-fast/portal-templates/blob/main/nodejs-api/template.yaml',
        rules: [{ allow: ['Template'] }],
      },
      // May not hold Templates: not a source.
      {
        type: 'url',
        target:
          'https://github.com/fintech-fast/ledger/blob/main/catalog-info.yaml',
      },
    ],
  },
  portal: { templateSources: ['https://github.com/fintech-fast/skeletons'] },
});

describe('templateSources', () => {
  it('is the directory of each url location that may hold Templates, and the listed prefixes', () => {
    expect(templateSources(config)).toEqual([
      'https://github.com/fintech-fast/portal-templates/blob/main/nodejs-api/',
      'https://github.com/fintech-fast/skeletons/',
    ]);
  });
});

describe('isTemplateSource', () => {
  const sources = templateSources(config);

  it.each([
    'https://github.com/fintech-fast/portal-templates/blob/main/nodejs-api/skeleton',
    'https://github.com/fintech-fast/skeletons',
    'https://github.com/fintech-fast/skeletons/tree/main/redis',
  ])('accepts %s', url => {
    expect(isTemplateSource(url, sources)).toBe(true);
  });

  it.each([
    'https://github.com/fintech-fast/ledger/blob/main/secrets.env',
    // A sibling whose name starts like a source.
    'https://github.com/fintech-fast/skeletons-private/blob/main/key',
    // Climbing out, plainly or encoded.
    'https://github.com/fintech-fast/skeletons/../ledger/blob/main/key',
    'https://github.com/fintech-fast/skeletons/%2e%2e/ledger/blob/main/key',
    'https://github.com/fintech-fast/skeletons/..%2fledger/blob/main/key',
    'https://github.com/fintech-fast/skeletons\\..\\ledger',
    // Another host, another scheme.
    'https://github.com.attacker.example/fintech-fast/skeletons/x',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', url => {
    expect(isTemplateSource(url, sources)).toBe(false);
  });
});

describe('TemplateSourceReader', () => {
  it('refuses before reading, naming the sources', async () => {
    const read = jest.fn();
    const reader = new TemplateSourceReader(
      { readUrl: read, readTree: read, search: read } as UrlReaderService,
      ['https://github.com/fintech-fast/skeletons/'],
    );
    for (const call of [
      () => reader.readUrl('https://github.com/fintech-fast/ledger/key'),
      () => reader.readTree('https://github.com/fintech-fast/ledger'),
      () => reader.search('https://github.com/fintech-fast/ledger/**'),
    ]) {
      await expect(call()).rejects.toThrow(
        /only from where the portal's templates live \(https:\/\/github.com\/fintech-fast\/skeletons\/\)/,
      );
    }
    expect(read).not.toHaveBeenCalled();
    await reader.readUrl('https://github.com/fintech-fast/skeletons/a.txt');
    expect(read).toHaveBeenCalledTimes(1);
  });
});
