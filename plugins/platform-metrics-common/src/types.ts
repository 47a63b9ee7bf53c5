export type Band = 'elite' | 'high' | 'medium' | 'low' | 'none'; // 'none' = no data in the window
export type WindowDays = 7 | 30 | 90 | 365;
export type Granularity = 'day' | 'week' | 'quarter';
export interface MetricValue {
  value: number | null; // null when there is no data
  unit: 'deploys/day' | 'hours' | 'ratio';
  band: Band;
  previous: number | null; // same metric over the previous window of the same length
  sampleSize: number; // events the number rests on
  /** The measure the band is computed on, when it is not `value` (deployment frequency: median deploy days per week). */
  bandBasis?: { value: number; unit: 'deploy days/week' };
}
export interface DoraMetrics {
  deploymentFrequency: MetricValue; // successful production deploys per day; band from median deploy days/week
  leadTime: MetricValue; // hours, median
  changeFailureRate: MetricValue; // ratio 0..1
  timeToRestore: MetricValue; // hours, median
  reworkRate: MetricValue; // ratio 0..1, band 'none' (DORA gives no bands for it)
}
export interface TrendPoint {
  period: string; // ISO date (YYYY-MM-DD) of the day, the week's Monday or the quarter's first day, UTC
  deployments: number;
  failedDeployments: number;
  deploymentFrequency: number | null; // successful production deploys per day of the period in the window
  leadTimeHours: number | null;
  changeFailureRate: number | null;
  timeToRestoreHours: number | null;
}
export interface DoraResponse {
  scope: {
    kind: 'component' | 'team' | 'system' | 'organisation';
    entityRef?: string;
    title?: string;
    componentCount: number;
  };
  window: { days: WindowDays; from: string; to: string }; // ISO timestamps
  metrics: DoraMetrics;
  trend: TrendPoint[];
  eventCount: { deployments: number; changes: number; incidents: number };
}
export interface TeamRow {
  entityRef: string;
  title: string;
  parent?: string;
  services: number;
  goldenPathShare: number | null; // 0..1
  metrics: DoraMetrics;
  overallBand: Band; // overall = the lowest of the four keys' bands with data
  eventCount: { deployments: number; changes: number; incidents: number };
}
/** One entity's overall DORA band and latest deploy, for tables. */
export interface EntityBand {
  entityRef: string;
  /** The lowest band of the four keys; 'none' without data in the window. */
  band: Band;
  /** When its latest successful production deploy was (its UTC day), or null. */
  lastDeployDay: string | null;
}
/** `GET /bands?entityRef=...`: one item per entity asked for, in that order. */
export interface BandsResponse {
  window: DoraResponse['window'];
  items: EntityBand[];
}
export interface TeamsResponse {
  window: DoraResponse['window'];
  teams: TeamRow[];
}
export interface Ratio {
  ratio: number | null;
  numerator: number;
  denominator: number;
}
export interface AdoptionResponse {
  window: DoraResponse['window'];
  scope: { kind: 'team' | 'organisation'; entityRef?: string };
  goldenPathAdoption: Ratio; // components with backstage.io/source-template naming a golden path / all components
  newComponentsAdoption: Ratio; // same, components created in the window only
  perTeam: Array<{ entityRef: string; title: string } & Ratio>;
  timeToFirstDeploy: { medianHours: number | null; sampleSize: number };
  selfServiceRatio: Ratio; // resources created in the window through self-service templates / all created in the window
  ownershipCoverage: Ratio & {
    zombies: Array<{ entityRef: string; owner: string | null }>;
  };
  eventCount: number;
}
/**
 * Onboarding time: for each User who joined in the window (their
 * created-at annotation), hours from joining to the first successful
 * production deployment of a change they wrote; the median. Aggregates only:
 * no one's individual figure is published, and the median only of at least
 * 5 people (`tooFewToShow` otherwise).
 */
export interface OnboardingResponse {
  window: DoraResponse['window'];
  /** Null when no one has shipped yet or when too few to show. */
  medianHours: number | null;
  /** Fewer than 5 people shipped: the median would tell about one person. */
  tooFewToShow: boolean;
  /** Users who joined in the window and have shipped a change since. */
  sampleSize: number;
  /** Users who joined in the window (their created-at annotation). */
  joined: number;
  /** Of those, the ones without a change in production yet (not counted). */
  waiting: number;
}
export interface DeliveryEventRow {
  id: string;
  type: 'deployment' | 'change' | 'incident';
  entityRef: string | null;
  time: string;
  /** Data only: the frontend words it (see its format.ts, eventSummary). */
  details: Record<string, unknown>;
}
export interface EventsResponse {
  items: DeliveryEventRow[];
  total: number;
}
export interface UnmappedResponse {
  items: Array<{
    source: 'api' | 'github' | 'pagerduty';
    key: string;
    events: number;
    lastSeen: string;
  }>;
}
