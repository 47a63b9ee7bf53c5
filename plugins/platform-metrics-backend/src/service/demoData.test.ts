import { TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { MetricsStore } from '../database/MetricsStore';
import { buildSnapshot } from './catalog';
import { DEMO_SOURCE, demoEventsFor, seedDemoData } from './demoData';
import { createService, NOW } from '../__testUtils__/fixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const component = (
  name: string,
  owner: string,
  extra: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'github.com/project-slug': `fintech-fast/${name}`,
      ...extra,
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner },
});
const team = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

const DEMO: Entity[] = [
  component('payment-routing-service', 'checkout-core-team', {
    'pagerduty.com/service-id': 'PRT4K2Q',
  }),
  component('checkout-gateway', 'checkout-core-team'),
  component('ledger-service', 'core-ledger-team'),
  component('fraud-scoring-service', 'fraud-detection-team'),
  component('web-bff', 'web-experience-team', {
    'fintech-fast.example/created-at': '2026-10-01T09:00:00Z',
  }),
  team('checkout-core-team'),
  team('core-ledger-team'),
  team('fraud-detection-team'),
  team('web-experience-team'),
  ...['ana', 'bo', 'old.hand', 'guest'].map(
    (name, i): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: {
        name,
        namespace: 'default',
        // ana and bo joined in the last 90 days; old.hand long ago.
        annotations: {
          'fintech-fast.example/created-at': [
            '2026-10-05T09:00:00Z',
            '2026-11-02T09:00:00Z',
            '2025-01-01T09:00:00Z',
            '2026-11-01T09:00:00Z',
          ][i],
        },
      },
      spec: {},
    }),
  ),
];

describe('demo data', () => {
  it('is deterministic', () => {
    const snapshot = buildSnapshot(DEMO);
    const c = snapshot.components.get(
      'component:default/payment-routing-service',
    )!;
    const profile = {
      from: {
        deploysPerDay: 1,
        leadTimeHours: 5,
        failureRate: 0.1,
        restoreHours: 1,
        reworkRate: 0.1,
      },
    };
    const start = new Date('2026-06-01T00:00:00Z');
    const a = demoEventsFor(c, { ...profile, to: profile.from }, start, NOW);
    const b = demoEventsFor(c, { ...profile, to: profile.from }, start, NOW);
    expect(a).toEqual(b);
    expect(a.deployments.length).toBeGreaterThan(100);
  });

  it('writes 180 days of differing teams once, through the ingestion path', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await MetricsStore.create({
      database: { getClient: async () => knex },
    });
    const { service } = createService(store, DEMO);
    const snapshot = buildSnapshot(DEMO);
    const hasDemo = async () =>
      (await store.listings.countBySource(DEMO_SOURCE)) > 0;
    const written = await seedDemoData(service, snapshot, NOW, hasDemo);
    expect(written!.deployments).toBeGreaterThan(500);
    expect(await seedDemoData(service, snapshot, NOW, hasDemo)).toBeUndefined();

    for (const window of [7, 30, 90, 365] as const) {
      const res = await service.dora({
        entityRef: 'component:default/payment-routing-service',
        window,
        granularity: 'week',
      });
      for (const key of [
        'deploymentFrequency',
        'leadTime',
        'changeFailureRate',
        'timeToRestore',
      ] as const) {
        expect([window, key, res.metrics[key].band]).not.toEqual([
          window,
          key,
          'none',
        ]);
      }
    }

    const teams = await service.teams({ window: 90 });
    const band = (name: string) =>
      teams.teams.find(t => t.entityRef === `group:default/${name}`)!.metrics;
    expect(band('checkout-core-team').deploymentFrequency.band).toBe('elite');
    expect(band('checkout-core-team').leadTime.band).toBe('elite');
    expect(band('core-ledger-team').leadTime.band).toBe('low');
    expect(band('core-ledger-team').deploymentFrequency.band).not.toBe('elite');
    // Improving: the latest 90 days beat the 90 before them.
    const fraud = band('fraud-detection-team');
    expect(fraud.leadTime.value!).toBeLessThan(fraud.leadTime.previous!);
    expect(fraud.deploymentFrequency.value!).toBeGreaterThan(
      fraud.deploymentFrequency.previous!,
    );

    // Created on 1 October: it first ships after that.
    const adoption = await service.adoption({ window: 90 });
    expect(adoption.timeToFirstDeploy.sampleSize).toBe(1);
    expect(adoption.timeToFirstDeploy.medianHours!).toBeGreaterThan(24);

    // Demo Users write changes a few days after joining (the guest never);
    // two people who shipped are too few to show a median of.
    const onboarding = await service.onboarding({ window: 90 });
    expect(onboarding).toMatchObject({
      sampleSize: 2,
      joined: 3,
      waiting: 1,
      medianHours: null,
      tooFewToShow: true,
    });

    const unmapped = await service.unmapped();
    expect(unmapped.items.map(i => i.key)).toEqual([
      'fintech-fast/nightly-reconciliation-jobs',
    ]);
  });
});
