export interface Config {
  kpis?: {
    /**
     * Targets overriding the defaults, by KPI id: nps, selfServiceAdoption,
     * goldenPathNewServices, timeToFirstDeployment (hours),
     * deploymentFrequency (per day), changeFailureRate (0..1),
     * timeToRestore (hours), platformUptime (0..1), onboardingTime (hours),
     * roadmapCompletion (0..1).
     * @visibility frontend
     */
    targets?: { [kpiId: string]: number };
    /**
     * Group whose incidents count against platform uptime.
     * @visibility frontend
     */
    platformTeam?: string;
  };
}
