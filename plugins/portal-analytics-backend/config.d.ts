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
  };
}
