import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { LocationRegistrants } from './registrants';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
});

describe('LocationRegistrants', () => {
  it.each(databases.eachSupportedId())(
    'starts on several replicas at once on a new database, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const database = { getClient: async () => knex } as DatabaseService;
      const started = await Promise.allSettled(
        [1, 2, 3, 4].map(() => LocationRegistrants.create(database)),
      );
      expect(started.map(s => s.status)).toEqual(Array(4).fill('fulfilled'));

      const registrants = (
        started[0] as PromiseFulfilledResult<LocationRegistrants>
      ).value;
      const who = {
        userRef: 'user:default/priya.sharma',
        userGroups: new Set(['group:default/checkout-core-team']),
        byTemplateRun: false,
      };
      await registrants.record(
        'url:https://example.com/catalog-info.yaml',
        who,
      );
      await expect(
        registrants.get('url:https://example.com/catalog-info.yaml'),
      ).resolves.toEqual(who);
    },
  );
});
