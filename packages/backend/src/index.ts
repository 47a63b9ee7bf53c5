import { createBackend } from '@backstage/backend-defaults';
import {
  goldenPathsCatalogModule,
  goldenPathsScaffolderModule,
} from '@internal/plugin-golden-paths-backend';
import { checkedRootConfig } from './config/rootConfig';
import { channelUsageRootHttpRouter } from './modules/channelUsage';
import { databaseServiceWithMigrationLock } from './modules/migrationLock';
import { templateSourceReaderFactory } from './modules/templateSourceReader';

const backend = createBackend();

// Outside demo mode, no start without the production secrets.
backend.add(checkedRootConfig);
// Counts the work arriving through the browser, the CLI and MCP.
backend.add(channelUsageRootHttpRouter);
// Replicas starting together migrate each database one at a time.
backend.add(databaseServiceWithMigrationLock);

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('./modules/precompressedApp'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Sign-in: GitHub in production, pick-a-user in demo mode
backend.add(import('@backstage/plugin-auth-backend'));
// GitHub sign-in for members of the configured GitHub organisation.
backend.add(import('./modules/githubSignIn'));
backend.add(import('./modules/demoSignIn'));

// Catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('./modules/localLocations'));
backend.add(import('./modules/registrationClaims'));
backend.add(import('@backstage/plugin-catalog-backend-module-unprocessed'));

// Permissions: the portal's own policy
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./modules/permissionPolicy'));

// Golden paths
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
backend.add(import('@internal/plugin-golden-paths-backend'));
backend.add(goldenPathsScaffolderModule);
// $text placeholders (a service's API definition) in repositories published
// on this machine.
backend.add(goldenPathsCatalogModule);
// Fetch steps read only from where the portal's templates live.
backend.add(templateSourceReaderFactory);

// Docs and search (Postgres full-text search in production, in-memory Lunr on
// SQLite), title matches first (modules/search)
backend.add(import('@backstage/plugin-techdocs-backend'));
backend.add(import('./modules/localDocsEtag'));
backend.add(import('./modules/serialDocsPublish'));
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('./modules/search/searchEngine'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));
backend.add(import('./modules/docsWarmup'));

backend.add(import('@backstage/plugin-kubernetes-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));
// Events between plugins and between replicas: on PostgreSQL the events
// backend keeps a bus in the database, so a notification or signal
// published on one replica reaches users connected to any other.
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-mcp-actions-backend'));
backend.add(import('@internal/plugin-feedback-backend'));
backend.add(import('@internal/plugin-platform-metrics-backend'));
backend.add(import('@internal/plugin-scorecards-backend'));
backend.add(import('@internal/plugin-portal-analytics-backend'));

backend.start();
