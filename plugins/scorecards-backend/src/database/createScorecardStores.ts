import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { DatabaseCampaignStore } from './DatabaseCampaignStore';
import { DatabaseExemptionStore } from './DatabaseExemptionStore';
import { DatabaseFactStore } from './DatabaseFactStore';
import { DatabaseResultStore } from './DatabaseResultStore';
import { DatabaseSnapshotStore } from './DatabaseSnapshotStore';
import { ScorecardStores } from './ScorecardStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-scorecards-backend',
  'migrations',
);

/**
 * The plugin's stores on its database (SQLite or PostgreSQL), after running
 * its migrations (unless `database.migrations.skip`).
 */
export async function createScorecardStores(options: {
  database: Pick<DatabaseService, 'getClient'> &
    Partial<Pick<DatabaseService, 'migrations'>>;
}): Promise<ScorecardStores> {
  const db = await options.database.getClient();
  if (!options.database.migrations?.skip) {
    await db.migrate.latest({ directory: migrationsDir });
  }
  return {
    facts: new DatabaseFactStore(db),
    results: new DatabaseResultStore(db),
    snapshots: new DatabaseSnapshotStore(db),
    exemptions: new DatabaseExemptionStore(db),
    campaigns: new DatabaseCampaignStore(db),
  };
}
