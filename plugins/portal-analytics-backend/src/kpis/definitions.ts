import { RootConfigService } from '@backstage/backend-plugin-api';
import { Kpi, KPI_IDS, KpiId } from '@internal/plugin-portal-analytics-common';

/** What a KPI is, before it has a value. */
export type KpiDefinition = Pick<
  Kpi,
  'id' | 'title' | 'description' | 'unit' | 'direction' | 'target' | 'link'
>;

/** The KPIs the platform team promises and their default targets. */
export const DEFAULT_KPIS: KpiDefinition[] = [
  {
    id: 'nps',
    title: 'Developer NPS',
    unit: 'score',
    direction: 'min',
    target: 50,
    link: '/feedback?tab=satisfaction',
    description: 'Net promoter score of the quarterly in-portal survey',
  },
  {
    id: 'selfServiceAdoption',
    title: 'Self-service adoption',
    unit: 'ratio',
    direction: 'min',
    target: 0.8,
    link: '/platform-metrics',
    description:
      'Resources created in the last 90 days through self-service templates',
  },
  {
    id: 'goldenPathNewServices',
    title: 'New services on a golden path',
    unit: 'ratio',
    direction: 'min',
    target: 0.85,
    link: '/platform-metrics',
    description: 'Components created in the last 90 days from a golden path',
  },
  {
    id: 'timeToFirstDeployment',
    title: 'Time to first deployment',
    unit: 'hours',
    direction: 'max',
    target: 1,
    link: '/platform-metrics',
    description:
      'Median time from a new service to its first production deploy',
  },
  {
    id: 'deploymentFrequency',
    title: 'Deployment frequency',
    unit: 'perDay',
    direction: 'min',
    target: 10,
    link: '/platform-metrics',
    description: 'Successful production deployments per day, last 90 days',
  },
  {
    id: 'changeFailureRate',
    title: 'Change failure rate',
    unit: 'ratio',
    direction: 'max',
    target: 0.15,
    link: '/platform-metrics',
    description: 'Production deployments that failed or caused an incident',
  },
  {
    id: 'timeToRestore',
    title: 'Time to restore',
    unit: 'hours',
    direction: 'max',
    target: 0.5,
    link: '/platform-metrics',
    description: 'Median time from an incident opening to its resolution',
  },
  {
    id: 'platformUptime',
    title: 'Platform uptime',
    unit: 'ratio',
    direction: 'min',
    target: 0.999,
    link: '/catalog/default/group/platform-team/delivery',
    description:
      "Share of the last 90 days without an open incident of the platform team's own services",
  },
  {
    id: 'onboardingTime',
    title: 'Onboarding time',
    unit: 'hours',
    direction: 'max',
    target: 120,
    link: '/portal-usage',
    description:
      'Median time from a User joining (last 90 days) to their first change in production',
  },
  {
    id: 'roadmapCompletion',
    title: 'Roadmap completion',
    unit: 'ratio',
    direction: 'min',
    target: 0.7,
    link: '/feedback?tab=roadmap',
    description:
      'Planned backlog items shipped within their quarter, current quarter',
  },
];

/** Targets from `kpis.targets.<id>` over the defaults; an unknown id stops the start. */
export function kpiDefinitions(config: RootConfigService): KpiDefinition[] {
  const targets = config.getOptionalConfig('kpis.targets');
  const overrides = new Map<string, number>();
  for (const key of targets?.keys() ?? []) {
    if (!(KPI_IDS as readonly string[]).includes(key)) {
      throw new Error(
        `kpis.targets.${key} is not a KPI; known: ${KPI_IDS.join(', ')}`,
      );
    }
    overrides.set(key, targets!.getNumber(key));
  }
  return DEFAULT_KPIS.map(k =>
    overrides.has(k.id) ? { ...k, target: overrides.get(k.id as KpiId)! } : k,
  );
}
