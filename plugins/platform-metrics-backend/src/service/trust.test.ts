// Over 400 lines: every trust rule (who may send, replays, bounds), one file.
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  DEFAULT_BANDS,
  MAX_BATCH_SIZE,
  MAX_COMMITS_PER_DEPLOYMENT,
  MAX_COMMITS_PER_REQUEST,
} from '@internal/plugin-platform-metrics-common';
import express from 'express';
import { Knex } from 'knex';
import { createHmac, randomUUID } from 'node:crypto';
import request from 'supertest';
import { MetricsStore } from '../database/MetricsStore';
import { ENTITIES } from '../__testUtils__/fixtures';
import { buildSnapshot } from './catalog';
import { MetricsService } from './MetricsService';
import { createRouter } from './router';
import { bothDatabases } from '@internal/test-utils';

jest.setTimeout(60_000);

// Who may send delivery data, replay safety and impossible times, through
// the router on a real database (PostgreSQL 15 and SQLite 3).

const GITHUB_SECRET = 'github-secret';
const PAGERDUTY_SECRET = 'pagerduty-secret';
const SVC_A = 'component:default/svc-a';
const SVC_B = 'component:default/svc-b';

const databases = bothDatabases();

/** A static token of `backend.auth.externalAccess` with this subject. */
const token = (subject: string) =>
  mockCredentials.service.header({
    onBehalfOf: mockCredentials.service(subject),
    targetPluginId: 'platform-metrics',
  });
const user = (ref = 'user:default/guest') => mockCredentials.user.header(ref);

const hoursAgo = (h: number) =>
  new Date(Date.now() - h * 3_600_000).toISOString();

const deployment = (over: Record<string, unknown> = {}) => ({
  id: 'd1',
  entityRef: SVC_A,
  status: 'success',
  deployedAt: hoursAgo(5),
  ...over,
});

describe.each(databases.eachSupportedId())('trust on %s', id => {
  let knex: Knex;
  let app: express.Express;

  beforeEach(async () => {
    knex = await databases.init(id);
    const store = await MetricsStore.create({
      database: { getClient: async () => knex },
    });
    const snapshot = buildSnapshot(ENTITIES);
    const service = new MetricsService({
      store,
      snapshot: async () => snapshot,
      bands: DEFAULT_BANDS,
      productionEnvironments: ['production'],
      logger: mockServices.logger.mock(),
      remapIntervalMs: 0,
    });
    const router = await createRouter({
      service,
      httpAuth: mockServices.httpAuth({
        pluginId: 'platform-metrics',
        defaultCredentials: mockCredentials.none(),
      }),
      permissions: mockServices.permissions.mock(),
      logger: mockServices.logger.mock(),
      githubWebhookSecret: GITHUB_SECRET,
      pagerDutyWebhookSecret: PAGERDUTY_SECRET,
    });
    app = express().use(router).use(mockErrorHandler());
  });

  const count = async (table: string) =>
    Number((await knex(table).count({ n: '*' }))[0].n);

  const post = (path: string, auth: string, body: unknown) =>
    request(app)
      .post(path)
      .set('authorization', auth)
      .send(body as object);

  function github(event: string, payload: unknown, delivery = randomUUID()) {
    const body = JSON.stringify(payload);
    return request(app)
      .post('/webhooks/github')
      .set('content-type', 'application/json')
      .set('x-github-event', event)
      .set('x-github-delivery', delivery)
      .set(
        'x-hub-signature-256',
        `sha256=${createHmac('sha256', GITHUB_SECRET)
          .update(body)
          .digest('hex')}`,
      )
      .send(body);
  }

  function pagerduty(payload: unknown) {
    const body = JSON.stringify(payload);
    return request(app)
      .post('/webhooks/pagerduty')
      .set('content-type', 'application/json')
      .set(
        'x-pagerduty-signature',
        `v1=${createHmac('sha256', PAGERDUTY_SECRET)
          .update(body)
          .digest('hex')}`,
      )
      .send(body);
  }

  const incidents = async () =>
    (
      await request(app)
        .get(`/events?entityRef=${SVC_A}&window=30&type=incident`)
        .set('authorization', user())
    ).body.items.map((i: any) => ({
      id: i.details.externalId,
      source: i.details.source,
      createdAt: i.details.createdAt,
      resolvedAt: i.details.resolvedAt,
    }));

  describe('who may send delivery events', () => {
    it('refuses users (even a guest) on every event endpoint and writes nothing', async () => {
      for (const [path, body] of [
        ['/events/deployments', deployment()],
        [
          '/events/changes',
          { sha: 'abcdef1', entityRef: SVC_A, authoredAt: hoursAgo(9) },
        ],
        [
          '/events/incidents',
          { id: 'i1', entityRef: SVC_A, createdAt: hoursAgo(3) },
        ],
      ] as const) {
        const res = await post(path, user(), body);
        expect(res.status).toBe(403);
      }
      expect(await count('pm_deployments')).toBe(0);
      expect(await count('pm_changes')).toBe(0);
      expect(await count('pm_incidents')).toBe(0);
    });

    it('refuses plugin tokens and subjects that cannot be a source', async () => {
      for (const subject of [
        'plugin:catalog',
        'github',
        'pagerduty',
        'demo',
        'api',
        'external:test-service',
        'a-subject-longer-than-sixteen',
      ]) {
        const res = await post('/events/deployments', token(subject), {
          ...deployment(),
        });
        expect(res.status).toBe(403);
        expect(res.body.error.message).not.toMatch(/externalAccess|config/i);
      }
      expect(await count('pm_deployments')).toBe(0);
    });

    it('refuses a body naming another source than the token', async () => {
      const res = await post('/events/deployments', token('ci-a'), {
        events: [
          deployment({ source: 'ci-a', id: 'ok' }),
          deployment({ source: 'github' }),
        ],
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        "Invalid deployment: events.1.source: this token sends as 'ci-a', not as another source",
      );
      expect(await count('pm_deployments')).toBe(0);
    });

    it('keys events per source: another sender cannot replace a deployment or an incident', async () => {
      expect(
        (await post('/events/deployments', token('ci-a'), deployment())).status,
      ).toBe(202);
      expect(
        (
          await post(
            '/events/deployments',
            token('ci-b'),
            deployment({ status: 'failure', deployedAt: hoursAgo(1) }),
          )
        ).status,
      ).toBe(202);
      const rows = await knex('pm_deployments')
        .orderBy('source')
        .select('source', 'external_id', 'status');
      expect(rows).toEqual([
        { source: 'ci-a', external_id: 'd1', status: 'success' },
        { source: 'ci-b', external_id: 'd1', status: 'failure' },
      ]);

      await post('/events/incidents', token('ci-a'), {
        id: 'i1',
        entityRef: SVC_A,
        createdAt: hoursAgo(4),
        resolvedAt: hoursAgo(3),
      });
      await post('/events/incidents', token('ci-b'), {
        id: 'i1',
        entityRef: SVC_A,
        createdAt: hoursAgo(2),
        resolvedAt: null,
        updatedAt: hoursAgo(0),
      });
      expect(
        (await incidents()).find((i: any) => i.source === 'ci-a').resolvedAt,
      ).not.toBeNull();
    });

    it('refuses a CI token reporting for a service not bound to it, on every event endpoint', async () => {
      // svc-b names only ci-a in its fintech-fast.example/ci-sources.
      const bodies: Array<[string, Record<string, unknown>]> = [
        ['/events/deployments', deployment({ entityRef: SVC_B })],
        [
          '/events/deployments',
          deployment({ entityRef: undefined, repository: 'acme/svc-b' }),
        ],
        [
          '/events/changes',
          { sha: 'abc1234', entityRef: SVC_B, authoredAt: hoursAgo(9) },
        ],
        [
          '/events/incidents',
          { id: 'i1', repository: 'ACME/svc-b', createdAt: hoursAgo(3) },
        ],
      ];
      for (const [path, body] of bodies) {
        // A batch is refused whole when one of its events is not the token's.
        const events = path.endsWith('deployments')
          ? [deployment({ id: 'mine', entityRef: SVC_A }), body]
          : [body];
        const res = await post(path, token('ci-b'), { events });
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe(
          `events.${
            events.length - 1
          }: this CI token ('ci-b') does not report for component:default/svc-b: its fintech-fast.example/ci-sources annotation must name it`,
        );
      }
      for (const table of ['pm_deployments', 'pm_changes', 'pm_incidents']) {
        const [{ n }] = await knex(table).count({ n: '*' });
        expect(Number(n)).toBe(0);
      }
      const own = await post('/events/deployments', token('ci-a'), {
        events: [deployment({ entityRef: SVC_B })],
      });
      expect(own.status).toBe(202);
    });

    it('refuses CI events for a service the catalog does not know, with a 400', async () => {
      for (const body of [
        deployment({ entityRef: 'component:default/no-such-service' }),
        deployment({ entityRef: undefined, repository: 'acme/no-such-repo' }),
      ]) {
        const res = await post('/events/deployments', token('ci-a'), body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(
          /^Invalid event: events.0: (component:default\/no-such-service|acme\/no-such-repo) is not a component in the catalog$/,
        );
      }
      const [{ n }] = await knex('pm_deployments').count({ n: '*' });
      expect(Number(n)).toBe(0);
    });

    it('lets no sender fill in another sender’s change', async () => {
      const sha = 'abcdef1234567';
      await post('/events/changes', token('ci-a'), {
        sha,
        entityRef: SVC_B,
        authoredAt: hoursAgo(9),
      });
      const other = await post('/events/changes', token('ci-b'), {
        sha,
        entityRef: SVC_A,
        authoredAt: hoursAgo(8),
        mergedAt: hoursAgo(7),
        title: 'Claims the commit',
      });
      expect(other.body).toMatchObject({ accepted: 0, duplicates: 1 });
      expect(
        await knex('pm_changes').select(
          'source',
          'entity_ref',
          'merged_at',
          'title',
        ),
      ).toEqual([
        { source: 'ci-a', entity_ref: SVC_B, merged_at: null, title: null },
      ]);
    });
  });

  describe('replay safety', () => {
    const issue = (
      action: 'opened' | 'closed',
      times: { created: string; updated: string; closed?: string },
    ) => ({
      action,
      issue: {
        id: 4711,
        number: 12,
        title: 'Checkout is down',
        state: action === 'closed' ? 'closed' : 'open',
        created_at: times.created,
        updated_at: times.updated,
        closed_at: times.closed ?? null,
        labels: [{ name: 'incident' }],
      },
      repository: { full_name: 'acme/svc-a', default_branch: 'main' },
    });

    it('does not reopen a resolved GitHub incident with a redelivered or replayed "opened"', async () => {
      const created = hoursAgo(6);
      const opened = issue('opened', { created, updated: created });
      const openedId = randomUUID();
      expect((await github('issues', opened, openedId)).status).toBe(202);
      const closedAt = hoursAgo(5);
      const closed = issue('closed', {
        created,
        updated: closedAt,
        closed: closedAt,
      });
      expect((await github('issues', closed)).body).toMatchObject({
        accepted: 1,
      });

      // GitHub's redelivery: same delivery id, acknowledged and ignored.
      const redelivery = await github('issues', opened, openedId);
      expect(redelivery.status).toBe(202);
      expect(redelivery.body).toEqual({
        accepted: 0,
        duplicates: 1,
        unmapped: 0,
        duplicate: true,
      });
      // The same signed bytes under a fresh delivery id: older, ignored.
      const replay = await github('issues', opened);
      expect(replay.status).toBe(202);
      expect(replay.body).toMatchObject({ accepted: 0, duplicates: 1 });

      expect(await incidents()).toEqual([
        expect.objectContaining({ resolvedAt: closedAt.replace('Z', 'Z') }),
      ]);
      expect(await count('pm_webhook_deliveries')).toBe(3);

      // A real reopening (newer) is applied.
      const reopenedAt = hoursAgo(4);
      const reopened = {
        ...issue('opened', { created, updated: reopenedAt }),
        action: 'reopened',
      };
      expect((await github('issues', reopened)).body).toMatchObject({
        accepted: 1,
      });
      expect((await incidents())[0].resolvedAt).toBeNull();
    });

    it('remembers PagerDuty event ids: a redelivery changes nothing', async () => {
      const created = hoursAgo(6);
      const event = (type: string, eventId: string, occurredAt: string) => ({
        event: {
          id: eventId,
          event_type: type,
          resource_type: 'incident',
          occurred_at: occurredAt,
          data: {
            id: 'PINC1',
            type: 'incident',
            title: 'Latency',
            created_at: created,
            service: { id: 'PSVCA01' },
          },
        },
      });
      await pagerduty(event('incident.triggered', 'E1', created));
      const resolvedAt = hoursAgo(5);
      await pagerduty(event('incident.resolved', 'E2', resolvedAt));
      // The same event id again, even with other content: a duplicate.
      const again = await pagerduty(
        event('incident.resolved', 'E2', hoursAgo(1)),
      );
      expect(again.status).toBe(202);
      expect(again.body).toMatchObject({ accepted: 0, duplicate: true });
      // An older "triggered" under a new id does not reopen it.
      await pagerduty(event('incident.triggered', 'E3', created));
      expect(await incidents()).toEqual([
        expect.objectContaining({ source: 'pagerduty', resolvedAt }),
      ]);
    });

    it('does not reopen an API incident with an older event, only with a newer updatedAt', async () => {
      const createdAt = hoursAgo(6);
      const resolvedAt = hoursAgo(5);
      await post('/events/incidents', token('ci-a'), {
        id: 'i1',
        entityRef: SVC_A,
        createdAt,
        resolvedAt,
      });
      const stale = await post('/events/incidents', token('ci-a'), {
        id: 'i1',
        entityRef: SVC_A,
        createdAt,
        resolvedAt: null,
      });
      expect(stale.body).toMatchObject({ accepted: 0, duplicates: 1 });
      expect((await incidents())[0].resolvedAt).toBe(resolvedAt);
      await post('/events/incidents', token('ci-a'), {
        id: 'i1',
        entityRef: SVC_A,
        createdAt,
        resolvedAt: null,
        updatedAt: hoursAgo(1),
      });
      expect((await incidents())[0].resolvedAt).toBeNull();
    });
  });

  describe('impossible times', () => {
    it('refuses an incident resolved before it was created on every path, naming the field', async () => {
      const created = hoursAgo(2);
      const before = hoursAgo(3);
      const api = await post('/events/incidents', token('ci-a'), {
        id: 'i1',
        entityRef: SVC_A,
        createdAt: created,
        resolvedAt: before,
      });
      expect(api.status).toBe(400);
      expect(api.body.error.message).toBe(
        'Invalid incident: resolvedAt: must not be before createdAt',
      );

      const gh = await github('issues', {
        action: 'closed',
        issue: {
          id: 1,
          number: 1,
          state: 'closed',
          created_at: created,
          updated_at: created,
          closed_at: before,
          labels: [{ name: 'incident' }],
        },
        repository: { full_name: 'acme/svc-a' },
      });
      expect(gh.status).toBe(400);
      expect(gh.body.error.message).toBe(
        'Invalid issues payload: issue.closed_at: must not be before issue.created_at',
      );

      const pd = await pagerduty({
        event: {
          id: 'E1',
          event_type: 'incident.resolved',
          resource_type: 'incident',
          occurred_at: before,
          data: {
            id: 'P1',
            type: 'incident',
            created_at: created,
            service: { id: 'PSVCA01' },
          },
        },
      });
      expect(pd.status).toBe(400);
      expect(pd.body.error.message).toBe(
        'Invalid PagerDuty payload: event.occurred_at: must not be before event.data.created_at',
      );
      expect(await count('pm_incidents')).toBe(0);
      expect(await count('pm_webhook_deliveries')).toBe(0);
    });

    it('refuses a resolution before the stored creation time', async () => {
      await post('/events/incidents', token('ci-a'), {
        id: 'i1',
        entityRef: SVC_A,
        createdAt: hoursAgo(2),
      });
      const res = await post('/events/incidents', token('ci-a'), {
        id: 'i1',
        entityRef: SVC_A,
        createdAt: hoursAgo(5),
        resolvedAt: hoursAgo(4),
        updatedAt: hoursAgo(0),
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /^Invalid incident i1: resolvedAt: must not be before createdAt/,
      );
      expect((await incidents())[0].resolvedAt).toBeNull();
    });

    it('refuses times in the far future on every path', async () => {
      const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
      const api = await post(
        '/events/deployments',
        token('ci-a'),
        deployment({ deployedAt: future }),
      );
      expect(api.status).toBe(400);
      expect(api.body.error.message).toBe(
        'Invalid deployment: deployedAt: must not be in the future',
      );
      const gh = await github('deployment_status', {
        deployment_status: { state: 'success', created_at: future },
        deployment: {
          id: 1,
          sha: 'abcdef1',
          environment: 'production',
        },
        repository: { full_name: 'acme/svc-a' },
      });
      expect(gh.status).toBe(400);
      expect(gh.body.error.message).toBe(
        'Invalid deployment_status payload: deployment_status.created_at: must not be in the future',
      );
      const pd = await pagerduty({
        event: {
          id: 'E1',
          event_type: 'incident.triggered',
          resource_type: 'incident',
          occurred_at: future,
          data: {
            id: 'P1',
            type: 'incident',
            created_at: future,
            service: { id: 'PSVCA01' },
          },
        },
      });
      expect(pd.status).toBe(400);
      expect(pd.body.error.message).toMatch(/must not be in the future/);
      expect(await count('pm_deployments')).toBe(0);
      expect(await count('pm_incidents')).toBe(0);
    });
  });

  describe('request limits', () => {
    it('checks the signature header before reading the body', async () => {
      // 6 MB of invalid JSON, over the 5 MB limit: never read.
      const res = await request(app)
        .post('/webhooks/github')
        .set('content-type', 'application/json')
        .set('x-github-event', 'push')
        .send('{'.repeat(6 * 1024 * 1024));
      expect(res.status).toBe(401);
      expect(res.body.error.message).toBe(
        'Missing X-Hub-Signature-256 signature header',
      );
      const pd = await request(app)
        .post('/webhooks/pagerduty')
        .set('content-type', 'application/json')
        .send('{'.repeat(6 * 1024 * 1024));
      expect(pd.status).toBe(401);
    });

    it('answers 400 to a missing, empty or non-JSON body', async () => {
      const missing = await request(app)
        .post('/events/deployments')
        .set('authorization', token('ci-a'));
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toBe(
        'Invalid body: the body is empty',
      );
      const text = await request(app)
        .post('/events/deployments')
        .set('authorization', token('ci-a'))
        .set('content-type', 'text/plain')
        .send('hello');
      expect(text.status).toBe(400);
      const broken = await request(app)
        .post('/events/deployments')
        .set('authorization', token('ci-a'))
        .set('content-type', 'application/json')
        .send('{"id":');
      expect(broken.status).toBe(400);
      const signedEmpty = await request(app)
        .post('/webhooks/github')
        .set('x-github-event', 'push')
        .set('x-github-delivery', randomUUID())
        .set(
          'x-hub-signature-256',
          `sha256=${createHmac('sha256', GITHUB_SECRET)
            .update('')
            .digest('hex')}`,
        );
      expect(signedEmpty.status).toBe(400);
      expect(signedEmpty.body.error.message).toBe(
        'Invalid webhook: empty body',
      );
    });

    it('needs a GitHub delivery id', async () => {
      const body = '{"zen":"Design for failure."}';
      const res = await request(app)
        .post('/webhooks/github')
        .set('content-type', 'application/json')
        .set('x-github-event', 'ping')
        .set(
          'x-hub-signature-256',
          `sha256=${createHmac('sha256', GITHUB_SECRET)
            .update(body)
            .digest('hex')}`,
        )
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'Missing or invalid X-GitHub-Delivery header',
      );
    });

    it('caps events per batch and commits per deployment and per request', async () => {
      const many = await post('/events/deployments', token('ci-a'), {
        events: Array.from({ length: MAX_BATCH_SIZE + 1 }, (_, i) =>
          deployment({ id: `d${i}` }),
        ),
      });
      expect(many.status).toBe(400);
      expect(many.body.error.message).toBe(
        `Invalid deployment: events: Array must contain at most ${MAX_BATCH_SIZE} element(s)`,
      );
      const sha = (i: number) => i.toString(16).padStart(40, '0');
      const commits = (n: number, from = 0) =>
        Array.from({ length: n }, (_, i) => sha(from + i));
      const fat = await post(
        '/events/deployments',
        token('ci-a'),
        deployment({ commitShas: commits(MAX_COMMITS_PER_DEPLOYMENT + 1) }),
      );
      expect(fat.status).toBe(400);
      expect(fat.body.error.message).toBe(
        `Invalid deployment: commitShas: Array must contain at most ${MAX_COMMITS_PER_DEPLOYMENT} element(s)`,
      );
      const perRequest =
        Math.floor(MAX_COMMITS_PER_REQUEST / MAX_COMMITS_PER_DEPLOYMENT) + 1;
      const total = await post('/events/deployments', token('ci-a'), {
        events: Array.from({ length: perRequest }, (_, i) =>
          deployment({
            id: `d${i}`,
            commitShas: commits(
              MAX_COMMITS_PER_DEPLOYMENT,
              i * MAX_COMMITS_PER_DEPLOYMENT,
            ),
          }),
        ),
      });
      expect(total.status).toBe(400);
      expect(total.body.error.message).toBe(
        `Invalid deployment: events: at most ${MAX_COMMITS_PER_REQUEST} commitShas per request, got ${
          perRequest * MAX_COMMITS_PER_DEPLOYMENT
        }`,
      );
      expect(await count('pm_deployments')).toBe(0);
    });
  });

  describe('input the database columns cannot hold', () => {
    it('refuses lone surrogates and control characters, and a second event still works', async () => {
      for (const bad of ['component:default/svc-\ud800', 'svc\u0000a']) {
        for (let i = 0; i < 2; i++) {
          const res = await post(
            '/events/deployments',
            token('ci-a'),
            deployment({ id: `x${i}`, entityRef: bad }),
          );
          expect(res.status).toBe(400);
        }
      }
      const badId = await post(
        '/events/deployments',
        token('ci-a'),
        deployment({ id: 'd\udc00' }),
      );
      expect(badId.status).toBe(400);
      expect(badId.body.error.message).toBe(
        'Invalid deployment: id: must not contain lone UTF-16 surrogates',
      );
      expect(
        (await post('/events/deployments', token('ci-a'), deployment())).status,
      ).toBe(202);
    });

    it('refuses entity refs and repositories longer than their columns', async () => {
      const long = await post(
        '/events/deployments',
        token('ci-a'),
        deployment({ entityRef: `component:default/${'x'.repeat(300)}` }),
      );
      expect(long.status).toBe(400);
      const repo = await post(
        '/events/deployments',
        token('ci-a'),
        deployment({
          entityRef: undefined,
          repository: `a/${'x'.repeat(300)}`,
        }),
      );
      expect(repo.status).toBe(400);
      // 250 characters, but with kind and namespace added 268.
      const grows = await post(
        '/events/deployments',
        token('ci-a'),
        deployment({ entityRef: 'x'.repeat(250) }),
      );
      expect(grows.status).toBe(400);
      expect(grows.body.error.message).toMatch(/longer than 255 characters/);
      expect(await count('pm_deployments')).toBe(0);
    });

    it('bounds the events offset', async () => {
      const res = await request(app)
        .get('/events?offset=99999999999999999999')
        .set('authorization', user());
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'Invalid query: offset: Number must be less than or equal to 100000',
      );
    });
  });
});
