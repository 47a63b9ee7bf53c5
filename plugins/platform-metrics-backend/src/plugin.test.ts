import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { ENTITIES } from './__testUtils__/fixtures';
import { platformMetricsPlugin } from './plugin';

jest.setTimeout(30_000);

describe('platformMetricsPlugin', () => {
  it('serves the metrics API and opens only the webhooks to unauthenticated callers', async () => {
    const { server } = await startTestBackend({
      features: [
        platformMetricsPlugin,
        catalogServiceMock.factory({ entities: ENTITIES }),
        mockServices.rootConfig.factory({
          data: { platformMetrics: { github: { webhookSecret: 'secret' } } },
        }),
      ],
    });

    const anonymous = await request(server)
      .get('/api/platform-metrics/teams')
      .set('authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);

    const teams = await request(server)
      .get('/api/platform-metrics/teams?window=30')
      .set('authorization', mockCredentials.user.header());
    expect(teams.status).toBe(200);
    expect(
      teams.body.teams.map((t: { entityRef: string }) => t.entityRef),
    ).toEqual([
      'group:default/team-a',
      'group:default/team-other',
      'group:default/team-sub',
    ]);

    const ingest = await request(server)
      .post('/api/platform-metrics/events/deployments')
      .set(
        'authorization',
        mockCredentials.service.header({
          onBehalfOf: mockCredentials.service('ci-a'),
          targetPluginId: 'platform-metrics',
        }),
      )
      .send({
        id: 'd1',
        repository: 'acme/svc-a',
        status: 'success',
        deployedAt: new Date().toISOString(),
      });
    expect(ingest.status).toBe(202);
    expect(ingest.body).toEqual({ accepted: 1, duplicates: 0, unmapped: 0 });

    const dora = await request(server)
      .get(
        '/api/platform-metrics/dora?entityRef=component:default/svc-a&window=7',
      )
      .set('authorization', mockCredentials.user.header());
    expect(dora.body.metrics.deploymentFrequency.sampleSize).toBe(1);

    // Reaches the plugin without Backstage credentials; the signature decides.
    const webhook = await request(server)
      .post('/api/platform-metrics/webhooks/github')
      .set('authorization', mockCredentials.none.header())
      .set('x-github-event', 'ping')
      .send({ zen: 'Keep it logically awesome.' });
    expect(webhook.status).toBe(401);
    expect(webhook.body.error.message).toBe(
      'Missing X-Hub-Signature-256 signature header',
    );

    const pagerduty = await request(server)
      .post('/api/platform-metrics/webhooks/pagerduty')
      .send({});
    expect(pagerduty.status).toBe(401);
    // Says what is wrong without naming configuration keys.
    expect(pagerduty.body.error.message).toBe(
      'PagerDuty webhooks are not accepted: the webhook is not configured',
    );
  });
});
