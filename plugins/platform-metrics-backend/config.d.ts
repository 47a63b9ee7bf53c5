export interface Config {
  platformMetrics?: {
    /**
     * Generate 180 days of made-up delivery history for the demo catalog at
     * start-up (once, through the ingestion path). Never enable in production.
     */
    demoData?: boolean;
    github?: {
      /**
       * Secret of the GitHub webhook; deliveries are verified with
       * X-Hub-Signature-256. Without it, GitHub webhooks are refused (401).
       * @visibility secret
       */
      webhookSecret?: string;
    };
    pagerduty?: {
      /**
       * Secret of the PagerDuty v3 webhook subscription; deliveries are
       * verified with X-PagerDuty-Signature. Without it, they are refused (401).
       * @visibility secret
       */
      webhookSecret?: string;
    };
    /** Environment names that count as production (case-insensitive). Default: production, prod. */
    productionEnvironments?: string[];
    /** Seconds the catalog lookup (components, groups, resources) is cached. Default 60. */
    catalogCacheSeconds?: number;
    /** DORA bands; each value overrides one default (DORA 2023, contiguous). */
    bands?: {
      /** Lead time for changes in hours: elite below `elite` (24), high below `high` (168), medium below `medium` (720). */
      leadTimeHours?: { elite?: number; high?: number; medium?: number };
      /** Time to restore in hours: elite below `elite` (1), high below `high` (24), medium below `medium` (168). */
      timeToRestoreHours?: { elite?: number; high?: number; medium?: number };
      /** Change failure rate 0..1: elite at most `elite` (0.05), high at most `high` (0.10), medium at most `medium` (0.15). */
      changeFailureRate?: { elite?: number; high?: number; medium?: number };
      /** Deployment frequency from deploy days (days with a successful production deployment). */
      deploymentFrequency?: {
        /** Median deploy days per week for elite (on demand). Default 3. */
        eliteDeployDaysPerWeek?: number;
        /** Median deploy days per week for high (at least weekly). Default 1. */
        highDeployDaysPerWeek?: number;
        /** Deploy days per 30 days for medium (at least monthly). Default 1. */
        mediumDeployDaysPerMonth?: number;
      };
    };
  };
}
