/**
 * Response types, ingestion schemas and DORA band definitions shared by the
 * platform metrics backend and frontend.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './schemas';
export * from './bands';
export * from './permissions';
