import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { EventListings } from './EventListings';
import { EventStore } from './EventStore';
import { RollupStore } from './RollupStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-platform-metrics-backend',
  'migrations',
);

/**
 * The plugin's database: `events` writes delivery events (and recomputes the
 * rollups they touch), `rollups` reads and rebuilds the rollup tables,
 * `listings` reads events back. None of them decides what a metric counts:
 * that is ../dora/rules.ts.
 */
export class MetricsStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<MetricsStore> {
    const knex = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await knex.migrate.latest({ directory: migrationsDir });
    }
    return new MetricsStore(knex);
  }

  readonly events: EventStore;
  readonly rollups: RollupStore;
  readonly listings: EventListings;

  constructor(db: Knex) {
    this.rollups = new RollupStore(db);
    this.events = new EventStore(db, this.rollups);
    this.listings = new EventListings(db);
  }
}
