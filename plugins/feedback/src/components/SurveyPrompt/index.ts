export { SurveyPrompt, DEFAULT_PROMPT_DELAY_SECONDS } from './SurveyPrompt';
export type { SurveyPromptProps } from './SurveyPrompt';
