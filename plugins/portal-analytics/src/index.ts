/**
 * Portal usage analytics: the app's analytics implementation and the usage page.
 *
 * @packageDocumentation
 */
export {
  portalAnalyticsPlugin as default,
  portalAnalyticsModule,
} from './plugin';
export * from './api';
