// The client and its API ref live in the shared frontend package, so other
// plugins use them without importing this plugin.
export {
  feedbackApiRef,
  FeedbackClient,
  type FeedbackApi,
  type ListReportsOptions,
  type ShippedOptions,
  type SimilarReportsOptions,
} from '@internal/plugin-feedback-react';
