export * from './PortalAnalyticsApi';
export { BatchingAnalytics, toPortalEvent } from './BatchingAnalytics';
export * from './PlatformKpisApi';
