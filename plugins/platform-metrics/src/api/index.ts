export { platformMetricsApiRef } from './PlatformMetricsApi';
export type {
  DoraOptions,
  EventsOptions,
  PlatformMetricsApi,
} from './PlatformMetricsApi';
export { PlatformMetricsClient } from './PlatformMetricsClient';
