export { feedbackPlugin as default } from './plugin';
