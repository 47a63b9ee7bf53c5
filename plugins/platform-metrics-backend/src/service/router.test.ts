// Over 400 lines: every route's who-may-call and bad-input cases, one file.
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { DEFAULT_BANDS } from '@internal/plugin-platform-metrics-common';
import examples from '@octokit/webhooks-examples';
import express from 'express';
import { createHmac, randomUUID } from 'node:crypto';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { MetricsStore } from '../database/MetricsStore';
import { buildSnapshot } from './catalog';
import { MetricsService } from './MetricsService';
import { createRouter } from './router';

jest.setTimeout(60_000);

const GITHUB_SECRET = 'It’s a Secret to Everybody';
const PAGERDUTY_SECRET = 'pd-secret-0123456789';
const SAM = 'user:default/sam.okafor';
const PRIYA = 'user:default/priya.sharma';

/** The real payload of a GitHub event, as published by @octokit/webhooks-examples. */
function githubExample(
  name: string,
  pick: (e: any) => boolean = () => true,
): any {
  const event = (examples as any[]).find(e => e.name === name);
  const example = event.examples.find(pick);
  return JSON.parse(JSON.stringify(example));
}

/**
 * A PagerDuty v3 webhook as PagerDuty documents it ("incident.triggered"),
 * https://developer.pagerduty.com/docs/webhooks-overview
 */
function pagerDutyPayload(type: 'incident.triggered' | 'incident.resolved') {
  return {
    event: {
      id:
        type === 'incident.triggered'
          ? '01DEN3BXNKDDT24CDLJ4HPK6DC'
          : '01DEN3F08TRV6V9MJJRCZ5OWKC',
      event_type: type,
      resource_type: 'incident',
      occurred_at:
        type === 'incident.triggered'
          ? '2019-05-15T15:30:00.123Z'
          : '2019-05-15T16:15:00.456Z',
      agent: {
        html_url: 'https://acme.pagerduty.com/users/PLH1HKV',
        id: 'PLH1HKV',
        self: 'https://api.pagerduty.com/users/PLH1HKV',
        summary: 'Tenex Engineer',
        type: 'user_reference',
      },
      client: null,
      data: {
        id: 'PGR0VU2',
        type: 'incident',
        self: 'https://api.pagerduty.com/incidents/PGR0VU2',
        html_url: 'https://acme.pagerduty.com/incidents/PGR0VU2',
        number: 2,
        status: type === 'incident.triggered' ? 'triggered' : 'resolved',
        incident_key: 'd3640fbd41094207a1c11e58e46b1662',
        created_at: '2019-05-15T15:30:00Z',
        title: 'A little bump in the road',
        service: {
          html_url: 'https://acme.pagerduty.com/services/PF9KMXH',
          id: 'PF9KMXH',
          self: 'https://api.pagerduty.com/services/PF9KMXH',
          summary: 'API Service',
          type: 'service_reference',
        },
        assignees: [
          {
            html_url: 'https://acme.pagerduty.com/users/PTUXL6G',
            id: 'PTUXL6G',
            self: 'https://api.pagerduty.com/users/PTUXL6G',
            summary: 'User 123',
            type: 'user_reference',
          },
        ],
        escalation_policy: {
          html_url: 'https://acme.pagerduty.com/escalation_policies/PUS0KTE',
          id: 'PUS0KTE',
          self: 'https://api.pagerduty.com/escalation_policies/PUS0KTE',
          summary: 'Default',
          type: 'escalation_policy_reference',
        },
        teams: [],
        priority: null,
        urgency: 'high',
        conference_bridge: null,
        resolve_reason: null,
      },
    },
  };
}

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'hello-world',
      namespace: 'default',
      annotations: {
        'fintech-fast.example/ci-sources': 'ci-acme',
        'github.com/project-slug': 'Codertocat/Hello-World',
        'pagerduty.com/service-id': 'PF9KMXH',
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'platform-team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'platform-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('router', () => {
  let app: express.Express;
  let knex: Awaited<ReturnType<typeof databases.init>>;
  /** The permission policy, in short: the platform team and services. */
  let mayRebuild: (credentials: BackstageCredentials) => boolean;

  beforeEach(async () => {
    mayRebuild = credentials => {
      const principal = credentials.principal as {
        type: string;
        userEntityRef?: string;
      };
      return principal.type === 'service' || principal.userEntityRef === SAM;
    };
    knex = await databases.init('SQLITE_3');
    const store = await MetricsStore.create({
      database: { getClient: async () => knex },
    });
    const snapshot = buildSnapshot(entities);
    const service = new MetricsService({
      store,
      snapshot: async () => snapshot,
      bands: DEFAULT_BANDS,
      productionEnvironments: ['production'],
      logger: mockServices.logger.mock(),
      clock: () => new Date('2019-05-20T12:00:00Z'),
      remapIntervalMs: 0,
    });
    const router = await createRouter({
      service,
      httpAuth: mockServices.httpAuth({
        pluginId: 'platform-metrics',
        defaultCredentials: mockCredentials.none(),
      }),
      permissions: mockServices.permissions.mock({
        authorize: async (requests, options) =>
          requests.map(() => ({
            result: mayRebuild(options!.credentials)
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
          })),
      }),
      logger: mockServices.logger.mock(),
      githubWebhookSecret: GITHUB_SECRET,
      pagerDutyWebhookSecret: PAGERDUTY_SECRET,
    });
    app = express().use(router).use(mockErrorHandler());
  });

  const user = (ref = PRIYA) => mockCredentials.user.header(ref);

  /** A CI's static token: its subject is the event source. */
  const ci = (subject = 'ci-acme') =>
    mockCredentials.service.header({
      onBehalfOf: mockCredentials.service(subject),
      targetPluginId: 'platform-metrics',
    });

  function github(
    event: string,
    payload: unknown,
    secret = GITHUB_SECRET,
    delivery: string = randomUUID(),
  ) {
    const body = JSON.stringify(payload);
    const signature = `sha256=${createHmac('sha256', secret)
      .update(body)
      .digest('hex')}`;
    return request(app)
      .post('/webhooks/github')
      .set('content-type', 'application/json')
      .set('x-github-event', event)
      .set('x-github-delivery', delivery)
      .set('x-hub-signature-256', signature)
      .send(body);
  }

  function pagerduty(payload: unknown, secret = PAGERDUTY_SECRET) {
    const body = JSON.stringify(payload);
    const signature = `v1=${createHmac('sha256', secret)
      .update(body)
      .digest('hex')}`;
    return request(app)
      .post('/webhooks/pagerduty')
      .set('content-type', 'application/json')
      .set('x-pagerduty-signature', `v1=${'0'.repeat(64)},${signature}`)
      .send(body);
  }

  describe('authentication and validation', () => {
    it('requires credentials to read', async () => {
      const res = await request(app).get('/dora');
      expect(res.status).toBe(401);
    });

    it('says exactly what is wrong with a query', async () => {
      const res = await request(app)
        .get('/dora?window=12&granularity=month')
        .set('authorization', user());
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        "Invalid query: window: must be one of 7, 30, 90, 365; granularity: Invalid enum value. Expected 'day' | 'week' | 'quarter', received 'month'",
      );
    });

    it('rejects entity refs of other kinds and unknown groups', async () => {
      const api = await request(app)
        .get('/dora?entityRef=api:default/x')
        .set('authorization', user());
      expect(api.status).toBe(400);
      const group = await request(app)
        .get('/dora?entityRef=group:default/nobody')
        .set('authorization', user());
      expect(group.status).toBe(404);
    });

    it('says exactly what is wrong with an event batch', async () => {
      const res = await request(app)
        .post('/events/deployments')
        .set('authorization', ci())
        .send({
          events: [
            {
              id: 'ok',
              repository: 'Codertocat/Hello-World',
              status: 'success',
              deployedAt: '2019-05-15T15:20:55Z',
            },
            {
              id: 'bad',
              status: 'done',
              deployedAt: 'yesterday',
              commitShas: ['xyz'],
            },
          ],
        });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        "Invalid deployment: events.1.status: Invalid enum value. Expected 'success' | 'failure', received 'done'; events.1.commitShas.0: must be a hexadecimal commit SHA; events.1.deployedAt: must be an ISO 8601 timestamp, e.g. 2026-05-01T12:00:00Z",
      );
      const missingTarget = await request(app)
        .post('/events/incidents')
        .set('authorization', ci())
        .send({ id: 'i', createdAt: '2019-05-15T15:20:55Z' });
      expect(missingTarget.status).toBe(400);
      expect(missingTarget.body.error.message).toBe(
        'Invalid incident: entityRef: either entityRef, repository or pagerdutyServiceId is required',
      );
      const [{ n }] = await knex('pm_deployments').count({ n: '*' });
      expect(Number(n)).toBe(0);
    });

    it('accepts one event or a batch, and counts duplicates', async () => {
      const event = {
        id: 'ok',
        repository: 'Codertocat/Hello-World',
        status: 'success',
        deployedAt: '2019-05-15T15:20:55Z',
      };
      const first = await request(app)
        .post('/events/deployments')
        .set('authorization', ci())
        .send(event);
      expect(first.status).toBe(202);
      expect(first.body).toEqual({ accepted: 1, duplicates: 0, unmapped: 0 });
      const again = await request(app)
        .post('/events/deployments')
        .set('authorization', ci())
        .send({
          events: [event, { ...event, id: 'x' }],
        });
      expect(again.body).toEqual({ accepted: 1, duplicates: 1, unmapped: 0 });
    });

    it('lets only the platform team or a service rebuild the rollups', async () => {
      const dev = await request(app)
        .post('/rollups/rebuild')
        .set('authorization', user());
      expect(dev.status).toBe(403);
      const sam = await request(app)
        .post('/rollups/rebuild')
        .set('authorization', user(SAM));
      expect(sam.status).toBe(200);
      expect(sam.body).toEqual({ rows: 0 });
      const service = await request(app)
        .post('/rollups/rebuild')
        .set('authorization', mockCredentials.service.header());
      expect(service.status).toBe(200);
    });

    it('leaves the rebuild decision to the permission policy', async () => {
      // A developer the policy allows may rebuild ...
      mayRebuild = () => true;
      const dev = await request(app)
        .post('/rollups/rebuild')
        .set('authorization', user());
      expect(dev.status).toBe(200);
      // ... and neither the platform team nor a service it denies may.
      mayRebuild = () => false;
      for (const who of [user(SAM), mockCredentials.service.header()]) {
        const denied = await request(app)
          .post('/rollups/rebuild')
          .set('authorization', who);
        expect(denied.status).toBe(403);
      }
    });
  });

  describe('GitHub webhooks', () => {
    it('refuses a wrong or missing signature and writes nothing', async () => {
      const payload = githubExample('deployment_status');
      const wrong = await github(
        'deployment_status',
        payload,
        'not the secret',
      );
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.message).toBe(
        'Invalid X-Hub-Signature-256 signature',
      );
      const missing = await request(app)
        .post('/webhooks/github')
        .set('x-github-event', 'deployment_status')
        .send(payload);
      expect(missing.status).toBe(401);
      // The signature covers the exact bytes: a re-serialised body fails.
      const body = JSON.stringify(payload);
      const tampered = await request(app)
        .post('/webhooks/github')
        .set('content-type', 'application/json')
        .set('x-github-event', 'deployment_status')
        .set(
          'x-hub-signature-256',
          `sha256=${createHmac('sha256', GITHUB_SECRET)
            .update(body)
            .digest('hex')}`,
        )
        .send(body.replace('"success"', '"failure"'));
      expect(tampered.status).toBe(401);
      const [{ n }] = await knex('pm_deployments').count({ n: '*' });
      expect(Number(n)).toBe(0);
    });

    it('turns real push, deployment_status, pull_request and issues payloads into events', async () => {
      // push to the default branch: one commit at 15:19:25Z.
      const push = githubExample('push', e => e.ref === 'refs/heads/master');
      const pushed = await github('push', push);
      expect(pushed.status).toBe(202);
      expect(pushed.body).toEqual({ accepted: 1, duplicates: 0, unmapped: 0 });

      // A deployment of the pushed head (the real example deploys another SHA).
      const deployment = githubExample('deployment_status');
      deployment.deployment.sha = push.after;
      const delivery = randomUUID();
      const deployed = await github(
        'deployment_status',
        deployment,
        GITHUB_SECRET,
        delivery,
      );
      expect(deployed.body).toEqual({
        accepted: 1,
        duplicates: 0,
        unmapped: 0,
      });
      const redelivered = await github(
        'deployment_status',
        deployment,
        GITHUB_SECRET,
        delivery,
      );
      expect(redelivered.status).toBe(202);
      expect(redelivered.body).toEqual({
        accepted: 0,
        duplicates: 1,
        unmapped: 0,
        duplicate: true,
      });
      // Sent again under another delivery id: the same event, a duplicate.
      const resent = await github('deployment_status', deployment);
      expect(resent.body).toEqual({
        accepted: 0,
        duplicates: 1,
        unmapped: 0,
      });

      // The real "closed" example was not merged: ignored.
      const closed = githubExample('pull_request', e => e.action === 'closed');
      const ignored = await github('pull_request', closed);
      expect(ignored.body).toMatchObject({ accepted: 0, ignored: 1 });
      closed.pull_request.merged = true;
      closed.pull_request.merged_at = '2019-05-15T15:20:40Z';
      const merged = await github('pull_request', closed);
      expect(merged.body).toEqual({ accepted: 1, duplicates: 0, unmapped: 0 });

      // The real "labeled" example carries "bug": not an incident.
      const labelled = githubExample('issues', e => e.action === 'labeled');
      expect((await github('issues', labelled)).body).toMatchObject({
        ignored: 1,
      });
      labelled.issue.labels = [
        { ...labelled.issue.labels[0], name: 'incident' },
      ];
      labelled.label = { ...labelled.label, name: 'incident' };
      const incident = await github('issues', labelled);
      expect(incident.body).toEqual({
        accepted: 1,
        duplicates: 0,
        unmapped: 0,
      });

      const dora = await request(app)
        .get(
          '/dora?entityRef=component:default/hello-world&window=7&granularity=day',
        )
        .set('authorization', user());
      expect(dora.status).toBe(200);
      // Pushed at 15:19:25Z, deployed at 15:20:55Z (deployment_status.created_at).
      expect(dora.body.metrics.leadTime).toMatchObject({
        value: 90 / 3600,
        sampleSize: 1,
      });
      expect(dora.body.metrics.deploymentFrequency.sampleSize).toBe(1);
      const incidents = await request(app)
        .get(
          '/events?entityRef=component:default/hello-world&window=7&type=incident',
        )
        .set('authorization', user());
      expect(incidents.body.items).toEqual([
        expect.objectContaining({
          type: 'incident',
          entityRef: 'component:default/hello-world',
          time: '2019-05-15T15:20:18.000Z',
        }),
      ]);
    });

    it('answers 400 with the field errors of a malformed payload', async () => {
      const payload = githubExample('deployment_status');
      delete payload.deployment.sha;
      const res = await github('deployment_status', payload);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'Invalid deployment_status payload: deployment.sha: Required',
      );
    });
  });

  describe('PagerDuty webhooks', () => {
    it('refuses a wrong signature', async () => {
      const res = await pagerduty(
        pagerDutyPayload('incident.triggered'),
        'wrong',
      );
      expect(res.status).toBe(401);
      expect(res.body.error.message).toBe(
        'Invalid X-PagerDuty-Signature signature',
      );
    });

    it('records triggered and resolved incidents of a known service', async () => {
      const triggered = await pagerduty(pagerDutyPayload('incident.triggered'));
      expect(triggered.status).toBe(202);
      expect(triggered.body).toEqual({
        accepted: 1,
        duplicates: 0,
        unmapped: 0,
      });
      const resolved = await pagerduty(pagerDutyPayload('incident.resolved'));
      expect(resolved.body).toEqual({
        accepted: 1,
        duplicates: 0,
        unmapped: 0,
      });
      const again = await pagerduty(pagerDutyPayload('incident.resolved'));
      expect(again.body).toEqual({
        accepted: 0,
        duplicates: 1,
        unmapped: 0,
        duplicate: true,
      });
      const dora = await request(app)
        .get('/dora?entityRef=component:default/hello-world&window=7')
        .set('authorization', user());
      // 15:30:00 to 16:15:00.456
      expect(dora.body.metrics.timeToRestore.value).toBeCloseTo(0.75, 3);
      expect(dora.body.metrics.timeToRestore.sampleSize).toBe(1);
    });

    it('keeps incidents of unknown services and reports them', async () => {
      const payload = pagerDutyPayload('incident.triggered');
      payload.event.data.service.id = 'PUNKNWN';
      expect((await pagerduty(payload)).body).toEqual({
        accepted: 1,
        duplicates: 0,
        unmapped: 1,
      });
      const res = await request(app)
        .get('/unmapped')
        .set('authorization', user());
      expect(res.body.items).toEqual([
        expect.objectContaining({
          source: 'pagerduty',
          key: 'pagerduty:PUNKNWN',
          events: 1,
        }),
      ]);
    });
  });
});
