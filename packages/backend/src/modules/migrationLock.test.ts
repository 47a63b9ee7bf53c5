import { TestDatabases } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lockMigrations } from './migrationLock';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

/**
 * A migrations directory with one slow migration and, as the search
 * plugin's migrations have, an index created concurrently (outside a
 * transaction).
 */
function migrations(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migration-lock-'));
  fs.writeFileSync(
    path.join(dir, '001_things.js'),
    `exports.up = async knex => {
  await knex.schema.createTable('things', t => t.increments('id'));
  await new Promise(resolve => setTimeout(resolve, 300));
};
exports.down = async knex => knex.schema.dropTable('things');
`,
  );
  fs.writeFileSync(
    path.join(dir, '002_things_index.js'),
    `exports.config = { transaction: false };
exports.up = async knex =>
  knex.raw('CREATE INDEX CONCURRENTLY things_id_idx ON things (id)');
exports.down = async knex => knex.raw('DROP INDEX things_id_idx');
`,
  );
  return dir;
}

/** Rejects when `promise` has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`not done within ${ms} ms`)), ms),
    ),
  ]);
}

describe('lockMigrations', () => {
  it.each(databases.eachSupportedId())(
    'lets migrators started together on an empty database all succeed, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const directory = migrations();
      // As replicas starting together do; without the lock all but one
      // fail to create knex's own migrations table.
      // A migrator waiting for the lock must not block the holder's
      // CREATE INDEX CONCURRENTLY (which waits for older snapshots).
      const runs = await within(
        Promise.allSettled(
          [1, 2, 3, 4].map(() =>
            lockMigrations(knex, 'things').migrate.latest({ directory }),
          ),
        ),
        30_000,
      );
      expect(runs.map(r => r.status)).toEqual(Array(4).fill('fulfilled'));
      await expect(knex('things').count()).resolves.toBeDefined();
    },
  );
});
