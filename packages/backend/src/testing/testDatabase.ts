import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { PortalBackend, waitUntil } from './portalBackend';

/** The databases the real-backend tests run on. */
export type TestDatabaseKind = 'SQLite' | 'PostgreSQL';

export type TestDatabase = {
  /** The `backend.database` config block (PortalBackendOptions.database). */
  config: Record<string, unknown>;
  /** A new temporary directory for the test's own files (SQLite's in `sqlite/`). */
  dir: string;
  /** Removes the database (DROP DATABASE on PostgreSQL) and `dir`. */
  cleanup: () => Promise<void>;
};

/**
 * A database of its own for one real test backend: a fresh SQLite
 * directory, or a fresh PostgreSQL database created through
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, every plugin in its
 * own schema; and a temporary directory. `prefix` names the directory and
 * the database (so it must be a valid PostgreSQL identifier, e.g.
 * `golden_paths_it`).
 */
export async function testDatabase(
  kind: TestDatabaseKind,
  prefix: string,
): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  const removeDir = async () =>
    fs.rmSync(dir, { recursive: true, force: true });
  if (kind === 'SQLite') {
    const directory = path.join(dir, 'sqlite');
    fs.mkdirSync(directory);
    return {
      config: { client: 'better-sqlite3', connection: { directory } },
      dir,
      cleanup: removeDir,
    };
  }
  const pgUrl =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!pgUrl) {
    await removeDir();
    throw new Error(
      'Set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (scripts/test.sh does) to run the PostgreSQL cases',
    );
  }
  const name = `${prefix}_${Date.now()}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: pgUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(pgUrl);
  return {
    config: {
      client: 'pg',
      // Every plugin in its own schema of one fresh database.
      pluginDivisionMode: 'schema',
      connection: {
        host: url.hostname,
        port: Number(url.port || 5432),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        database: name,
      },
    },
    dir,
    async cleanup() {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await removeDir();
    },
  };
}

/**
 * Registers, in the calling describe block, a real portal backend on a
 * database of its own (`testDatabase(kind, prefix)`): before the tests,
 * `create` builds the backend for the database, which is started and
 * awaited until `ready` (polled for up to 2 minutes) holds, e.g. until the
 * catalog has ingested what the tests need; after them, the backend is
 * stopped and the database removed. `setupTimeoutMs` bounds the whole
 * setup (5 minutes by default).
 */
export function setupTestBackend(
  kind: TestDatabaseKind,
  prefix: string,
  create: (
    db: TestDatabase,
  ) =>
    | { backend: PortalBackend; ready: () => Promise<unknown> }
    | Promise<{ backend: PortalBackend; ready: () => Promise<unknown> }>,
  setupTimeoutMs = 300_000,
): void {
  let db: TestDatabase | undefined;
  let backend: PortalBackend | undefined;

  beforeAll(async () => {
    db = await testDatabase(kind, prefix);
    const created = await create(db);
    backend = created.backend;
    await backend.start();
    await waitUntil(created.ready, 120_000);
  }, setupTimeoutMs);

  afterAll(async () => {
    await backend?.stop();
    await db?.cleanup();
  }, 60_000);
}
