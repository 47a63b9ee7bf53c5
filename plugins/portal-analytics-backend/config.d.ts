export interface Config {
  portalAnalytics?: {
    /**
     * IANA time zone whose calendar days, weeks (from Monday) and months the
     * usage aggregates count in. Default UTC.
     */
    timeZone?: string;
    /**
     * Days raw events are kept. Default 14. Whatever this says, a raw event
     * names its user (and team) only for its first 24 hours.
     */
    rawRetentionDays?: number;
    /** Days the daily aggregates are kept. Default 730. */
    aggregateRetentionDays?: number;
    /**
     * Seconds between two countings of the API requests per channel
     * (browser, CLI, MCP) each backend replica noted. Default 10.
     */
    channelFlushSeconds?: number;
  };
  kpis?: {
    /**
     * Targets overriding the defaults, by KPI id: nps, selfServiceAdoption,
     * goldenPathNewServices, timeToFirstDeployment (hours),
     * deploymentFrequency (per day), changeFailureRate (0..1),
     * timeToRestore (hours), platformUptime (0..1), onboardingTime (hours),
     * roadmapCompletion (0..1). An unknown id stops the start.
     */
    targets?: { [kpiId: string]: number };
    /** Group whose incidents count against platform uptime. */
    platformTeam?: string;
  };
}
