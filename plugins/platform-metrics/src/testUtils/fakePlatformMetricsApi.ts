import type {
  AdoptionResponse,
  Band,
  DoraMetrics,
  DoraResponse,
  MetricValue,
  TeamRow,
} from '@internal/plugin-platform-metrics-common';
import type { PlatformMetricsApi } from '../api';

export function metric(
  value: number | null,
  unit: MetricValue['unit'],
  band: Band,
  previous: number | null = null,
  sampleSize = 10,
): MetricValue {
  return { value, unit, band, previous, sampleSize };
}

export function makeMetrics(overrides: Partial<DoraMetrics> = {}): DoraMetrics {
  return {
    deploymentFrequency: metric(2, 'deploys/day', 'elite', 1.6, 60),
    leadTime: metric(30, 'hours', 'high', 20, 120),
    changeFailureRate: metric(0.12, 'ratio', 'medium', 0.12, 60),
    timeToRestore: metric(200, 'hours', 'low', 250, 4),
    reworkRate: metric(0.05, 'ratio', 'none', null, 60),
    ...overrides,
  };
}

export function makeDora(overrides: Partial<DoraResponse> = {}): DoraResponse {
  return {
    scope: {
      kind: 'component',
      entityRef: 'component:default/payment-routing-service',
      componentCount: 1,
    },
    window: {
      days: 30,
      from: '2026-10-23T00:00:00.000Z',
      to: '2026-11-22T00:00:00.000Z',
    },
    metrics: makeMetrics(),
    trend: [
      {
        period: '2026-11-20',
        deployments: 3,
        failedDeployments: 1,
        deploymentFrequency: 2,
        leadTimeHours: 12,
        changeFailureRate: 0.33,
        timeToRestoreHours: null,
      },
      {
        period: '2026-11-21',
        deployments: 1,
        failedDeployments: 0,
        deploymentFrequency: 1,
        leadTimeHours: 40,
        changeFailureRate: 0,
        timeToRestoreHours: 2,
      },
    ],
    eventCount: { deployments: 60, changes: 120, incidents: 4 },
    ...overrides,
  };
}

export function makeTeam(
  name: string,
  overrides: Partial<TeamRow> = {},
): TeamRow {
  return {
    entityRef: `group:default/${name}`,
    title: name,
    services: 3,
    goldenPathShare: 0.5,
    metrics: makeMetrics(),
    overallBand: 'low',
    eventCount: { deployments: 60, changes: 120, incidents: 4 },
    ...overrides,
  };
}

export function makeAdoption(
  overrides: Partial<AdoptionResponse> = {},
): AdoptionResponse {
  return {
    window: {
      days: 90,
      from: '2026-08-24T00:00:00.000Z',
      to: '2026-11-22T00:00:00.000Z',
    },
    scope: { kind: 'organisation' },
    goldenPathAdoption: { ratio: 0.6, numerator: 18, denominator: 30 },
    newComponentsAdoption: { ratio: 0.875, numerator: 7, denominator: 8 },
    perTeam: [
      {
        entityRef: 'group:default/payments-team',
        title: 'Payments',
        ratio: 0.75,
        numerator: 3,
        denominator: 4,
      },
    ],
    timeToFirstDeploy: { medianHours: 6.5, sampleSize: 7 },
    selfServiceRatio: { ratio: 0.8, numerator: 4, denominator: 5 },
    ownershipCoverage: {
      ratio: 29 / 30,
      numerator: 29,
      denominator: 30,
      zombies: [
        {
          entityRef: 'component:default/legacy-batch-job',
          owner: 'group:default/disbanded-team',
        },
      ],
    },
    eventCount: 40,
    ...overrides,
  };
}

/** A PlatformMetricsApi whose methods are jest mocks returning the data above. */
export function fakePlatformMetricsApi(
  overrides: Partial<PlatformMetricsApi> = {},
): jest.Mocked<PlatformMetricsApi> {
  return {
    getDora: jest.fn(async () => makeDora()),
    getEvents: jest.fn(async () => ({ items: [], total: 0 })),
    getTeams: jest.fn(async () => ({
      window: makeDora().window,
      teams: [],
    })),
    getAdoption: jest.fn(async () => makeAdoption()),
    getUnmapped: jest.fn(async () => ({ items: [] })),
    ...overrides,
  } as jest.Mocked<PlatformMetricsApi>;
}
