import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import type { SearchEngine } from '@backstage/plugin-search-backend-node';
import { LunrSearchEngine } from '@backstage/plugin-search-backend-node';
import { searchEngineRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { PgSearchEngine } from '@backstage/plugin-search-backend-module-pg';
import { titleFirst } from './titleFirst';

/** Any search engine, with each page's best title matches first. */
export class TitleFirstSearchEngine implements SearchEngine {
  constructor(private readonly engine: SearchEngine) {}

  setTranslator(translator: Parameters<SearchEngine['setTranslator']>[0]) {
    this.engine.setTranslator(translator);
  }

  getIndexer(type: string) {
    return this.engine.getIndexer(type);
  }

  async query(...args: Parameters<SearchEngine['query']>) {
    const result = await this.engine.query(...args);
    return { ...result, results: titleFirst(result.results, args[0].term) };
  }
}

/**
 * The search engine: PostgreSQL full-text search where the database is
 * PostgreSQL, in-memory Lunr otherwise (SQLite, one machine), both with
 * title matches first.
 */
export default createBackendModule({
  pluginId: 'search',
  moduleId: 'title-first-engine',
  register(reg) {
    reg.registerInit({
      deps: {
        registry: searchEngineRegistryExtensionPoint,
        database: coreServices.database,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ registry, database, config, logger }) {
        const engine = (await PgSearchEngine.supported(database))
          ? await PgSearchEngine.fromConfig(config, { database, logger })
          : new LunrSearchEngine({ logger });
        registry.setSearchEngine(new TitleFirstSearchEngine(engine));
      },
    });
  },
});
