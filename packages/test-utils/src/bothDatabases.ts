// A helper that registers a test for the files that call it, so it exports.
/* eslint-disable jest/no-export */
import { TestDatabases } from '@backstage/backend-test-utils';

/** The databases every store test of the portal runs on. */
export const BOTH_DATABASE_IDS = ['POSTGRES_15', 'SQLITE_3'] as const;

/**
 * Test databases for PostgreSQL 15 and SQLite 3, and a test that fails when
 * either would be skipped: without
 * `BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING` (and with `CI`
 * unset) `TestDatabases` silently leaves PostgreSQL out, and a suite that
 * skipped it has not tested PostgreSQL. Call it at the top of a test file.
 */
export function bothDatabases(): TestDatabases {
  const databases = TestDatabases.create({ ids: [...BOTH_DATABASE_IDS] });
  it('runs every case on PostgreSQL 15 and SQLite 3', () => {
    expect(
      databases
        .eachSupportedId()
        .map(([id]) => id)
        .sort(),
    ).toEqual([...BOTH_DATABASE_IDS]);
  });
  return databases;
}
