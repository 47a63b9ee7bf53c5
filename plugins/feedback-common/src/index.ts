/**
 * Types, validation schemas, lifecycle rules and permissions shared by the
 * feedback plugin's backend and frontend.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './types';
export * from './surveys';
export * from './text';
