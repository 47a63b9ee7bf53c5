/**
 * What other frontend plugins use of the feedback loop: its API (client and
 * ref) and the survey's satisfaction view, without importing the feedback
 * plugin itself.
 *
 * @packageDocumentation
 */
import { lazy } from 'react';

export { feedbackApiRef, FeedbackClient } from './api';
export type {
  FeedbackApi,
  ListReportsOptions,
  ShippedOptions,
  SimilarReportsOptions,
} from './api';

/**
 * NPS and ease from the in-portal survey, over time, overall and per team.
 * Lazy: its charts (recharts) load when it first renders, inside the
 * caller's `Suspense`.
 */
export const SatisfactionView = lazy(() =>
  import('./components/SatisfactionView').then(m => ({
    default: m.SatisfactionView,
  })),
);
