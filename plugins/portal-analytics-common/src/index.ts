/**
 * Shared schemas and types of the portal's usage analytics and KPIs.
 *
 * @packageDocumentation
 */
export * from './events';
export * from './kpis';
export * from './usage';
export * from './permissions';
