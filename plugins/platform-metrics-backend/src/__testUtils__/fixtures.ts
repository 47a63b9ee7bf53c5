import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { DEFAULT_BANDS } from '@internal/plugin-platform-metrics-common';
import { MetricsStore } from '../database/MetricsStore';
import { buildSnapshot, CatalogSnapshot } from '../service/catalog';
import { MetricsService } from '../service/MetricsService';

/** Friday 20 November 2026, noon UTC: a 7-day window is 14..20 November. */
export const NOW = new Date('2026-11-20T12:00:00.000Z');

const component = (
  name: string,
  owner: string,
  annotations: Record<string, string> = {},
  system = 'payments',
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner, system },
});

const group = (name: string, type: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type, parent, children: [] },
});

const resource = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'database', owner: 'team-a' },
});

/** A template; the tag makes it a golden path or a self-service one. */
export const template = (name: string, tags: string[]): Entity => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name, namespace: 'default', tags },
  spec: { owner: 'team-a', type: 'service' },
});

export const ENTITIES: Entity[] = [
  template('nodejs-api', ['golden-path', 'nodejs']),
  template('react-frontend', ['golden-path']),
  template('postgresql-database', ['self-service']),
  template('redis-cache', ['self-service']),
  template('hackathon-starter', ['experiment']),
  component('svc-a', 'team-a', {
    'fintech-fast.example/ci-sources': 'ci-a, ci-b',
    'github.com/project-slug': 'acme/svc-a',
    'pagerduty.com/service-id': 'PSVCA01',
    'backstage.io/source-template': 'template:default/nodejs-api',
    'fintech-fast.example/created-at': '2026-11-01T00:00:00Z',
  }),
  component('svc-b', 'group:default/team-sub', {
    'fintech-fast.example/ci-sources': 'ci-a',
    'github.com/project-slug': 'acme/svc-b',
    'fintech-fast.example/created-at': '2026-06-01T00:00:00Z',
  }),
  component('svc-c', 'ghost-team', {}, 'other'),
  group('org', 'organization'),
  group('team-a', 'team', 'org'),
  group('team-sub', 'team', 'team-a'),
  group('team-other', 'team', 'org'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'payments', namespace: 'default', title: 'Payments' },
    spec: { owner: 'team-a' },
  },
  resource('orders-db', {
    'backstage.io/source-template': 'template:default/postgresql-database',
    'fintech-fast.example/created-at': '2026-11-05T09:00:00Z',
  }),
  resource('legacy-db', {
    'fintech-fast.example/created-at': '2026-11-06T09:00:00+01:00',
  }),
  resource('old-cache', {
    'backstage.io/source-template': 'template:default/redis-cache',
    'fintech-fast.example/created-at': '2026-01-01T00:00:00Z',
  }),
];

export function createService(
  store: MetricsStore,
  entities: Entity[] = ENTITIES,
): { service: MetricsService; setCatalog: (e: Entity[]) => void } {
  let snapshot: CatalogSnapshot = buildSnapshot(entities);
  const service = new MetricsService({
    store,
    snapshot: async () => snapshot,
    bands: DEFAULT_BANDS,
    productionEnvironments: ['production', 'prod'],
    logger: mockServices.logger.mock(),
    clock: () => NOW,
    remapIntervalMs: 0,
  });
  return {
    service,
    setCatalog: e => {
      snapshot = buildSnapshot(e);
    },
  };
}

export const SHA = {
  c1: 'c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1',
  c2: 'c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2',
  c3: 'c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3',
  c4: 'c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4',
  c5: 'c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5',
};

/**
 * The hand-computed history (see MetricsService.test.ts for the numbers):
 * svc-a ships in the current 7-day window, svc-b in the previous one.
 */
export async function ingestHistory(service: MetricsService) {
  await service.ingestChanges('api', [
    // 08:00 at UTC+2 is 06:00Z: lead time to D1 (10:00Z) is 4 h.
    {
      sha: SHA.c1,
      repository: 'acme/svc-a',
      authoredAt: '2026-11-16T08:00:00+02:00',
    },
    {
      sha: SHA.c2,
      repository: 'acme/svc-a',
      authoredAt: '2026-11-16T04:00:00Z',
    },
    {
      sha: SHA.c3,
      repository: 'acme/svc-a',
      authoredAt: '2026-11-17T00:00:00Z',
    },
    // Authored after its deployment: a non-positive lead time, dropped.
    {
      sha: SHA.c4,
      repository: 'acme/svc-a',
      authoredAt: '2026-11-19T11:00:00Z',
    },
    {
      sha: SHA.c5,
      repository: 'acme/svc-b',
      authoredAt: '2026-11-08T10:00:00Z',
    },
  ]);
  await service.ingestDeployments('api', [
    {
      id: 'D1',
      repository: 'acme/svc-a',
      environment: 'production',
      status: 'success',
      commitShas: [SHA.c1, SHA.c2],
      deployedAt: '2026-11-16T11:00:00+01:00',
      rollback: false,
      hotfix: false,
    },
    {
      // Ships c1 again: c1 counts once, at D1.
      id: 'D2',
      repository: 'acme/svc-a',
      environment: 'production',
      status: 'success',
      commitShas: [SHA.c1, SHA.c3],
      deployedAt: '2026-11-17T10:00:00Z',
      rollback: false,
      hotfix: false,
    },
    {
      id: 'D3',
      repository: 'acme/svc-a',
      environment: 'production',
      status: 'failure',
      commitShas: [],
      deployedAt: '2026-11-18T09:00:00Z',
      rollback: false,
      hotfix: false,
    },
    {
      id: 'D4',
      repository: 'acme/svc-a',
      environment: 'staging',
      status: 'success',
      commitShas: [SHA.c3],
      deployedAt: '2026-11-18T10:00:00Z',
      rollback: false,
      hotfix: false,
    },
    {
      id: 'D5',
      entityRef: 'component:default/svc-a',
      environment: 'Production',
      status: 'success',
      commitShas: [SHA.c4],
      deployedAt: '2026-11-19T10:00:00Z',
      rollback: true,
      hotfix: false,
    },
    {
      id: 'D6',
      repository: 'acme/svc-b',
      environment: 'production',
      status: 'success',
      commitShas: [SHA.c5],
      deployedAt: '2026-11-10T10:00:00Z',
      rollback: false,
      hotfix: false,
    },
    {
      // 00:30 on the 14th at UTC+2 is still the 13th in UTC: previous window.
      id: 'D7',
      repository: 'acme/svc-b',
      environment: 'prod',
      status: 'success',
      commitShas: [],
      deployedAt: '2026-11-14T00:30:00+02:00',
      rollback: false,
      hotfix: false,
    },
  ]);
  await service.ingestIncidents('api', [
    {
      // Opened in the previous window, restored in the current one: 28 h.
      id: 'I1',
      pagerdutyServiceId: 'PSVCA01',
      createdAt: '2026-11-12T22:00:00Z',
      resolvedAt: '2026-11-14T02:00:00Z',
    },
    {
      id: 'I2',
      repository: 'acme/svc-a',
      createdAt: '2026-11-17T12:00:00Z',
      resolvedAt: '2026-11-17T13:00:00Z',
      causeDeploymentId: 'D2',
    },
    {
      id: 'I3',
      entityRef: 'component:default/svc-a',
      createdAt: '2026-11-19T00:00:00Z',
      resolvedAt: null,
    },
  ]);
}
