export interface Config {
  scorecards?: {
    /**
     * Scorecard files (`kind: Scorecard`), relative to the backend's working
     * directory. A file or field that is wrong stops the start, naming both.
     */
    files?: string[];
    /** Seconds between two evaluations of every service. Defaults to 60. */
    refreshSeconds?: number;
    /**
     * Seed made-up CI facts (coverage, scans) for services that have none, so
     * the demo shows a spread of levels. Defaults to `portal.demoMode`.
     */
    demoFacts?: boolean;
  };
}
