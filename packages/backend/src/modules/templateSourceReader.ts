import {
  coreServices,
  createServiceFactory,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import {
  UrlReaders,
  urlReaderFactoriesServiceRef,
} from '@backstage/backend-defaults/urlReader';
import { Config } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';

/**
 * Where the portal's templates live: the directory of every `url` catalog
 * location the config lets hold Templates, and the prefixes listed under
 * `portal.templateSources`. Templates kept in files (the portal's own)
 * fetch their skeletons from their own directory without a reader at all.
 */
export function templateSources(config: Config): string[] {
  const fromLocations = (
    config.getOptionalConfigArray('catalog.locations') ?? []
  )
    .filter(
      location =>
        location.getOptionalString('type') === 'url' &&
        (location.getOptionalConfigArray('rules') ?? []).some(rule =>
          rule.getStringArray('allow').includes('Template'),
        ),
    )
    .map(location => new URL('.', location.getString('target')).href);
  const listed = config.getOptionalStringArray('portal.templateSources') ?? [];
  return [...fromLocations, ...listed].map(
    source => new URL(source.endsWith('/') ? source : `${source}/`).href,
  );
}

/** Whether `url` is one of `sources` or below one, after normalisation. */
export function isTemplateSource(url: string, sources: string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!['http:', 'https:'].includes(parsed.protocol)) return false;
  // An encoded slash or backslash would name another path to the host than
  // the one compared here.
  if (/%2f|%5c|\\/i.test(parsed.pathname)) return false;
  const href = parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`;
  return sources.some(source => href.startsWith(source));
}

/**
 * A reader that reads only from the template sources, with the integrations'
 * credentials, for everything else refusing with the reason.
 */
export class TemplateSourceReader implements UrlReaderService {
  constructor(
    private readonly reader: UrlReaderService,
    private readonly sources: string[],
  ) {}

  private check(url: string) {
    if (!isTemplateSource(url, this.sources)) {
      throw new NotAllowedError(
        `Templates may fetch only from where the portal's templates live (${
          this.sources.join(', ') || 'their own directory'
        }); ${url} is not one of them`,
      );
    }
  }

  async readUrl(...args: Parameters<UrlReaderService['readUrl']>) {
    this.check(args[0]);
    return this.reader.readUrl(...args);
  }

  async readTree(...args: Parameters<UrlReaderService['readTree']>) {
    this.check(args[0]);
    return this.reader.readTree(...args);
  }

  async search(...args: Parameters<UrlReaderService['search']>) {
    this.check(args[0]);
    return this.reader.search(...args);
  }
}

/**
 * Backstage's URL reader for every plugin, except that the scaffolder's
 * reads only from the template sources. The scaffolder's fetch actions
 * (fetch:plain, fetch:plain:file, fetch:template, fetch:template:file) read
 * with it; a template cannot use the portal's integration credentials to
 * copy a repository it names, whatever its steps say.
 */
export const templateSourceReaderFactory = createServiceFactory({
  service: coreServices.urlReader,
  deps: {
    config: coreServices.rootConfig,
    logger: coreServices.logger,
    plugin: coreServices.pluginMetadata,
    factories: urlReaderFactoriesServiceRef,
  },
  async factory({ config, logger, plugin, factories }) {
    const reader = UrlReaders.default({ config, logger, factories });
    if (plugin.getId() !== 'scaffolder') return reader;
    return new TemplateSourceReader(reader, templateSources(config));
  },
});
