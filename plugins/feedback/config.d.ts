export interface Config {
  feedback?: {
    /**
     * Seconds a signed-in user has the portal open (visible, counted across
     * page loads in the same browser) before the quarterly satisfaction
     * survey is offered. Default 120.
     * @visibility frontend
     */
    surveyPromptDelaySeconds?: number;
  };
}
