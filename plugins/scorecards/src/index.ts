/**
 * Frontend of the scorecards: levels and next steps per service, per team
 * and for the organisation, exemptions and campaigns.
 *
 * @packageDocumentation
 */
export { scorecardsPlugin as default } from './plugin';
export { scorecardsApiRef, ScorecardsClient, type ScorecardsApi } from './api';
export { rootRouteRef as scorecardsRootRouteRef } from './routes';
