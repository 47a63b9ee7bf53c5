/**
 * Scorecards backend plugin.
 *
 * @packageDocumentation
 */
export { scorecardsPlugin as default } from './plugin';
export { parseScorecards, loadScorecards } from './engine/definitions';
