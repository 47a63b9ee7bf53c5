import { TestDatabases } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lockMigrations } from './migrationLock';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

/** A migrations directory with one slow migration. */
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
  return dir;
}

describe('lockMigrations', () => {
  it.each(databases.eachSupportedId())(
    'lets migrators started together on an empty database all succeed, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const directory = migrations();
      // As replicas starting together do; without the lock all but one
      // fail to create knex's own migrations table.
      const runs = await Promise.allSettled(
        [1, 2, 3, 4].map(() =>
          lockMigrations(knex, 'things').migrate.latest({ directory }),
        ),
      );
      expect(runs.map(r => r.status)).toEqual(Array(4).fill('fulfilled'));
      await expect(knex('things').count()).resolves.toBeDefined();
    },
  );
});
