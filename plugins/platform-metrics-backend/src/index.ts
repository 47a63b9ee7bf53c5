/**
 * Platform metrics backend: delivery events in, DORA and adoption metrics out.
 *
 * @packageDocumentation
 */
export { platformMetricsPlugin as default } from './plugin';
