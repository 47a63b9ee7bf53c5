/**
 * Golden paths frontend: the paths, their usage over time, and services that
 * drifted from their path.
 *
 * @packageDocumentation
 */
export {
  goldenPathsPlugin as default,
  goldenPathsCatalogModule,
} from './plugin';
export { goldenPathsApiRef, GoldenPathsClient } from './api';
export type { GoldenPathsApi } from './api';
