/**
 * Test helpers the portal's backend plugins share.
 *
 * @packageDocumentation
 */
export { bothDatabases, BOTH_DATABASE_IDS } from './bothDatabases';
