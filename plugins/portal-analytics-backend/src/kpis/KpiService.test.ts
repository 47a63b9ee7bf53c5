import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { kpisResponseSchema } from '@internal/plugin-portal-analytics-common';
import { DEFAULT_KPIS } from './definitions';
import type { OnboardingResponse } from '@internal/plugin-platform-metrics-common';
import { KpiSources } from './KpiSources';
import { fakeSources, NOW } from '../__testUtils__/fakeKpiSources';
import { KpiService } from './KpiService';

function service(sources: KpiSources) {
  return new KpiService({
    sources,
    definitions: DEFAULT_KPIS,
    platformTeam: 'group:default/platform-team',
    logger: mockServices.logger.mock(),
    clock: () => NOW,
  });
}

const byId = async (s: KpiService) => {
  const res = kpisResponseSchema.parse(await s.kpis(mockCredentials.user()));
  return Object.fromEntries(res.kpis.map(k => [k.id, k]));
};

it('puts every KPI against its target from the owning plugins’ figures', async () => {
  const kpis = await byId(service(fakeSources()));
  expect(Object.keys(kpis)).toEqual(DEFAULT_KPIS.map(k => k.id));
  expect(kpis.nps).toMatchObject({
    value: 55,
    status: 'on',
    trend: [
      { quarter: '2026-Q3', value: 45 },
      { quarter: '2026-Q4', value: 55 },
    ],
  });
  expect(kpis.selfServiceAdoption).toMatchObject({ value: 0.9, status: 'on' });
  expect(kpis.goldenPathNewServices).toMatchObject({
    value: 0.5,
    status: 'off',
  });
  expect(kpis.timeToFirstDeployment).toMatchObject({ value: 0.5 });
  expect(kpis.deploymentFrequency).toMatchObject({
    value: 12,
    status: 'on',
    trend: [
      { quarter: '2026-Q3', value: 9 },
      { quarter: '2026-Q4', value: 11 },
    ],
  });
  expect(kpis.changeFailureRate).toMatchObject({ value: 0.2, status: 'off' });
  // Platform metrics' medians, passed through: no figure recomputed here.
  expect(kpis.timeToRestore).toMatchObject({
    value: 0.25,
    status: 'on',
    trend: [
      { quarter: '2026-Q3', value: 1 },
      { quarter: '2026-Q4', value: 0.75 },
    ],
  });
  expect(kpis.platformUptime.value).toBeCloseTo(1 - 9 / (90 * 24), 10);
  expect(kpis.platformUptime.status).toBe('off');
  expect(kpis.onboardingTime).toMatchObject({ value: 100, status: 'on' });
  // Future quarters are not part of the trend.
  expect(kpis.roadmapCompletion).toMatchObject({
    value: 0.75,
    status: 'on',
    trend: [
      { quarter: '2026-Q3', value: 0.5 },
      { quarter: '2026-Q4', value: 0.75 },
    ],
  });
  expect(Object.values(kpis).some(k => k.unavailable)).toBe(false);
});

it('reads every source as the caller', async () => {
  const seen = new Set<string>();
  const sources = fakeSources();
  const spy = Object.fromEntries(
    Object.entries(sources).map(([name, fn]) => [
      name,
      (credentials: { principal: unknown }, ...rest: unknown[]) => {
        seen.add(JSON.stringify(credentials.principal));
        return (fn as Function)(credentials, ...rest);
      },
    ]),
  ) as unknown as KpiSources;
  await service(spy).kpis(mockCredentials.user('user:default/ana'));
  expect([...seen]).toEqual([
    JSON.stringify(mockCredentials.user('user:default/ana').principal),
  ]);
});

it('leaves only the KPIs of a plugin that does not answer without a value, saying why', async () => {
  const kpis = await byId(
    service(
      fakeSources({
        dora: async () => {
          throw new Error('connection refused');
        },
        roadmap: async () => {
          throw new Error('503');
        },
      }),
    ),
  );
  for (const id of [
    'deploymentFrequency',
    'changeFailureRate',
    'timeToRestore',
  ]) {
    expect(kpis[id]).toMatchObject({
      value: null,
      status: 'unknown',
      trend: [],
      unavailable: 'Platform metrics did not answer',
    });
  }
  expect(kpis.roadmapCompletion.unavailable).toBe(
    'The feedback roadmap did not answer',
  );
  expect(kpis.nps).toMatchObject({ value: 55, status: 'on' });
  expect(kpis.nps.unavailable).toBeUndefined();
});

it('passes on that the onboarding time is withheld for fewer than 5 people', async () => {
  const kpis = await byId(
    service(
      fakeSources({
        onboarding: async () =>
          ({ medianHours: null, tooFewToShow: true } as OnboardingResponse),
      }),
    ),
  );
  expect(kpis.onboardingTime).toMatchObject({
    value: null,
    status: 'unknown',
    tooFewToShow: true,
  });
  expect(kpis.nps.tooFewToShow).toBeUndefined();
});
