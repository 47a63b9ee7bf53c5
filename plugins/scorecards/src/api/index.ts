export * from './ScorecardsApi';
export * from './ScorecardsClient';
