/**
 * Shared schemas and types of the portal's usage analytics.
 *
 * @packageDocumentation
 */
export * from './events';
export * from './usage';
export * from './permissions';
