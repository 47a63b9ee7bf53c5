export * from './PortalAnalyticsApi';
export { BatchingAnalytics, toPortalEvent } from './BatchingAnalytics';
