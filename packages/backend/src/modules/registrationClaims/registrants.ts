import { DatabaseService } from '@backstage/backend-plugin-api';
import { Registrant } from './claims';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

const TABLE = 'portal_location_registrants';

/**
 * Who registered each catalog location through the API, so that what its
 * files claim is checked against that person on every refresh, not only
 * when it was registered. Kept in the catalog's database.
 */
export class LocationRegistrants {
  private constructor(private readonly db: Knex) {}

  static async create(database: DatabaseService) {
    const db = await database.getClient();
    if (!(await db.schema.hasTable(TABLE))) {
      try {
        await db.schema.createTable(TABLE, table => {
          table.comment('Who registered a catalog location through the API');
          table
            .string('location', 1000)
            .primary()
            .comment(
              'type:target, as in backstage.io/managed-by-origin-location',
            );
          table.string('user_ref', 255).notNullable().comment('The person');
          table
            .text('user_groups')
            .notNullable()
            .comment('Their ownership refs at registration, JSON');
          table
            .boolean('by_template_run')
            .notNullable()
            .comment('Registered by the scaffolder for the person');
        });
      } catch (error) {
        // Replicas starting together: another one created it meanwhile.
        if (!(await db.schema.hasTable(TABLE))) throw error;
      }
    }
    return new LocationRegistrants(db);
  }

  async record(location: string, who: Registrant): Promise<void> {
    await this.db(TABLE)
      .insert({
        location,
        user_ref: who.userRef,
        user_groups: JSON.stringify([...who.userGroups]),
        by_template_run: who.byTemplateRun,
      })
      .onConflict('location')
      .merge();
  }

  async get(location: string): Promise<Registrant | undefined> {
    const row = await this.db(TABLE).where({ location }).first();
    if (!row) return undefined;
    return {
      userRef: row.user_ref,
      userGroups: new Set(JSON.parse(row.user_groups) as string[]),
      byTemplateRun: Boolean(row.by_template_run),
    };
  }
}
