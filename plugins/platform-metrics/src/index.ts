/**
 * Frontend of the platform metrics: DORA per service, system and team,
 * adoption and satisfaction for the platform team.
 *
 * @packageDocumentation
 */
export { platformMetricsPlugin as default } from './plugin';
export {
  platformMetricsApiRef,
  PlatformMetricsClient,
  type DoraOptions,
  type EventsOptions,
  type PlatformMetricsApi,
} from './api';
export { rootRouteRef as platformMetricsRootRouteRef } from './routes';
