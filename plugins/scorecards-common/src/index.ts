/**
 * Shared types, zod schemas and permissions of the scorecards plugin.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './schemas';
export * from './types';
export * from './exemptionRules';
