export { feedbackApiRef } from './FeedbackApi';
export type {
  FeedbackApi,
  ListReportsOptions,
  ShippedOptions,
  SimilarReportsOptions,
} from './FeedbackApi';
export { FeedbackClient } from './FeedbackClient';
