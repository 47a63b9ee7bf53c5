import type {
  AdoptionResponse,
  DoraResponse,
  OnboardingResponse,
} from '@internal/plugin-platform-metrics-common';
import { KpiSources } from '../kpis/KpiSources';

/** Friday 20 November 2026, noon UTC. */
export const NOW = new Date('2026-11-20T12:00:00.000Z');

const metric = (value: number | null) => ({
  value,
  unit: 'hours' as const,
  band: 'none' as const,
  previous: null,
  sampleSize: 1,
});

const point = (period: string, p: Partial<DoraResponse['trend'][0]>) => ({
  period,
  deployments: 0,
  failedDeployments: 0,
  deploymentFrequency: null,
  leadTimeHours: null,
  changeFailureRate: null,
  timeToRestoreHours: null,
  ...p,
});

const dora = (trend: DoraResponse['trend'] = []) =>
  ({
    metrics: {
      deploymentFrequency: metric(12),
      leadTime: metric(3),
      changeFailureRate: metric(0.2),
      timeToRestore: metric(0.25),
      reworkRate: metric(0),
    },
    trend,
  } as unknown as DoraResponse);

/** Sources that answer like the plugins would. */
export function fakeSources(over: Partial<KpiSources> = {}): KpiSources {
  return {
    surveyResults: async () => ({
      overall: [
        { period: '2026-Q2', suppressed: true, nps: null },
        { period: '2026-Q3', suppressed: false, nps: 45 },
        { period: '2026-Q4', suppressed: false, nps: 55 },
      ] as any,
      teams: [],
      responses: 20,
    }),
    roadmap: async () => [
      { quarter: '2026-Q3', ratio: 0.5 },
      { quarter: '2026-Q4', ratio: 0.75 },
      { quarter: '2027-Q1' },
    ],
    adoption: async () =>
      ({
        selfServiceRatio: { ratio: 0.9, numerator: 9, denominator: 10 },
        newComponentsAdoption: { ratio: 0.5, numerator: 1, denominator: 2 },
        timeToFirstDeploy: { medianHours: 0.5, sampleSize: 2 },
      } as AdoptionResponse),
    onboarding: async () => ({ medianHours: 100 } as OnboardingResponse),
    dora: async (_c, window, granularity) =>
      dora(
        window === 365 && granularity === 'quarter'
          ? [
              point('2026-07-01', {
                deploymentFrequency: 9,
                changeFailureRate: 0.1,
                timeToRestoreHours: 1,
              }),
              point('2026-10-01', {
                deploymentFrequency: 11,
                timeToRestoreHours: 0.75,
              }),
            ]
          : [],
      ),
    incidents: async () => [
      {
        createdAt: '2026-11-19T00:00:00.000Z',
        resolvedAt: '2026-11-19T09:00:00.000Z',
      },
    ],
    ...over,
  };
}
