/**
 * API types and annotation keys shared by the golden paths backend and
 * frontend (and read by platform metrics).
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './pathTemplates';
export * from './types';
