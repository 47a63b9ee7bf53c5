import {
  coreServices,
  createServiceFactory,
  DatabaseService,
} from '@backstage/backend-plugin-api';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { ConfigReader } from '@backstage/config';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

/** The advisory lock of one plugin's migrations (hashtext of this). */
const lockName = (pluginId: string) => `portal-migrations:${pluginId}`;
const LOCKED = Symbol('migrations locked');

const RETRY_MS = 250;

/**
 * Runs `fn` holding a session advisory lock, taken on a connection of its
 * own outside the pool: the migrations use the pool, and a replica waiting
 * for the lock holds none of its connections. The lock is tried, not
 * waited for: a query blocked in pg_advisory_lock keeps its snapshot, and
 * a migration of the lock's holder that runs CREATE INDEX CONCURRENTLY
 * waits for every older snapshot, so the two replicas would wait for each
 * other forever.
 */
async function withMigrationLock<T>(
  knex: Knex,
  pluginId: string,
  fn: () => Promise<T>,
): Promise<T> {
  const connection = await knex.client.acquireRawConnection();
  try {
    for (;;) {
      const { rows } = await connection.query(
        'select pg_try_advisory_lock(hashtext($1)) as locked',
        [lockName(pluginId)],
      );
      if (rows[0].locked) break;
      await new Promise(resolve => setTimeout(resolve, RETRY_MS));
    }
    try {
      return await fn();
    } finally {
      await connection.query('select pg_advisory_unlock(hashtext($1))', [
        lockName(pluginId),
      ]);
    }
  } finally {
    await knex.client.destroyRawConnection(connection);
  }
}

/**
 * On PostgreSQL, `knex.migrate.latest()` of this client runs while no other
 * replica migrates the same plugin's database (or schema). Knex's own migration lock is a row
 * in a table that each migrator first creates when missing: replicas
 * starting together on an empty database race to create it, and all but
 * one fail to start ("relation ... already exists").
 */
export function lockMigrations(knex: Knex, pluginId: string): Knex {
  if (knex.client.config.client !== 'pg' || (knex as any)[LOCKED]) {
    return knex;
  }
  const migrate = Object.getOwnPropertyDescriptor(knex, 'migrate');
  if (!migrate?.get) return knex;
  Object.defineProperty(knex, 'migrate', {
    configurable: true,
    get() {
      const migrator = migrate.get!.call(knex);
      const latest = migrator.latest.bind(migrator);
      migrator.latest = (config?: unknown) =>
        withMigrationLock(knex, pluginId, () => latest(config));
      return migrator;
    },
  });
  (knex as any)[LOCKED] = true;
  return knex;
}

/**
 * Backstage's database service (the same DatabaseManager and config),
 * whose clients take the migration lock above: replicas of the portal may
 * start together on a new database.
 */
export const databaseServiceWithMigrationLock = createServiceFactory({
  service: coreServices.database,
  deps: {
    config: coreServices.rootConfig,
    lifecycle: coreServices.lifecycle,
    logger: coreServices.logger,
    pluginMetadata: coreServices.pluginMetadata,
    rootLifecycle: coreServices.rootLifecycle,
    rootLogger: coreServices.rootLogger,
  },
  async createRootContext({ config, rootLifecycle, rootLogger }) {
    return DatabaseManager.fromConfig(
      config.getOptional('backend.database')
        ? config
        : new ConfigReader({
            backend: {
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
          }),
      { rootLifecycle, rootLogger },
    );
  },
  async factory({ pluginMetadata, lifecycle, logger }, manager) {
    const database = manager.forPlugin(pluginMetadata.getId(), {
      lifecycle,
      logger,
    });
    return {
      ...database,
      getClient: async () =>
        lockMigrations(await database.getClient(), pluginMetadata.getId()),
    };
  },
});
