import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import platformMetricsPlugin from '@internal/plugin-platform-metrics-backend';
import portalAnalyticsPlugin from '@internal/plugin-portal-analytics-backend';
import request from 'supertest';

/**
 * The platform KPIs as portal-analytics computes them from what platform
 * metrics answers through its own API, both plugins in one backend.
 */

jest.setTimeout(60_000);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'platform-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'portal',
      namespace: 'default',
      // The incident tool's token reports for it.
      annotations: { 'fintech-fast.example/ci-sources': 'pagerduty-sync' },
    },
    spec: { type: 'website', lifecycle: 'production', owner: 'platform-team' },
  },
];

/**
 * Two resolve times 8 days apart (so in two different weeks) in one
 * calendar quarter, in the past: the current quarter when it is old enough,
 * else the end of the previous one.
 */
function resolveTimes(now: number) {
  const today = new Date(now);
  const quarterStart = Date.UTC(
    today.getUTCFullYear(),
    Math.floor(today.getUTCMonth() / 3) * 3,
    1,
  );
  const last =
    now - quarterStart >= 10 * DAY ? now - DAY : quarterStart - 2 * DAY;
  return { first: last - 8 * DAY, last };
}

const quarterOf = (time: number) => {
  const d = new Date(time);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
};

type Kpi = {
  id: string;
  value: number | null;
  status: string;
  trend: unknown[];
  unavailable?: string;
};

it('KPI time to restore is the median of hand-computed incidents, through the plugins’ APIs', async () => {
  const { server } = await startTestBackend({
    features: [
      portalAnalyticsPlugin,
      platformMetricsPlugin,
      catalogServiceMock.factory({ entities: ENTITIES }),
      mockServices.rootConfig.factory({
        data: { platformMetrics: { github: { webhookSecret: 'secret' } } },
      }),
    ],
  });
  const { first, last } = resolveTimes(Date.now());
  const incident = (id: string, resolvedAt: number, hours: number) => ({
    id,
    entityRef: 'component:default/portal',
    createdAt: new Date(resolvedAt - hours * HOUR).toISOString(),
    resolvedAt: new Date(resolvedAt).toISOString(),
  });
  // One week: three incidents restored in 1 h (overlapping). Eight days
  // later: one restored in 9 h. Median 1 h; the mean of the two weekly
  // medians would be 5 h.
  const ingest = await request(server)
    .post('/api/platform-metrics/events/incidents')
    .set(
      'authorization',
      mockCredentials.service.header({
        onBehalfOf: mockCredentials.service('pagerduty-sync'),
        targetPluginId: 'platform-metrics',
      }),
    )
    .send({
      events: [
        incident('i1', first, 1),
        incident('i2', first, 1),
        incident('i3', first, 1),
        incident('i4', last, 9),
      ],
    });
  expect(ingest.status).toBe(202);

  const res = await request(server)
    .get('/api/portal-analytics/kpis')
    .set('authorization', mockCredentials.user.header());
  expect(res.status).toBe(200);
  const kpis = Object.fromEntries((res.body.kpis as Kpi[]).map(k => [k.id, k]));

  expect(kpis.timeToRestore.value).toBe(1);
  expect(kpis.timeToRestore.status).toBe('off'); // target 30 min
  const quarter = quarterOf(first);
  expect(kpis.timeToRestore.trend).toContainEqual({ quarter, value: 1 });
  // The platform team's services were down 1 h (three overlapping
  // incidents count once) and 9 h of the last 90 days.
  expect(kpis.platformUptime.value).toBeCloseTo(1 - 10 / (90 * 24), 10);
  // No feedback plugin in this backend: its KPIs say so, the rest stand.
  expect(kpis.nps).toMatchObject({ value: null, status: 'unknown' });
  expect(kpis.nps.unavailable).toBe('Feedback surveys did not answer');
});
