export interface Config {
  feedback?: {
    /**
     * Write a year of made-up satisfaction-survey answers into an empty
     * survey table at start-up, so the NPS chart has history. Defaults to
     * `portal.demoMode`; never enable it in production.
     */
    demoSurveys?: boolean;
  };
}
