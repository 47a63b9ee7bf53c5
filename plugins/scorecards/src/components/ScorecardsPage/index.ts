export { ScorecardsPage } from './ScorecardsPage';
