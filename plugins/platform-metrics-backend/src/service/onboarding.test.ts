import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { DEFAULT_BANDS } from '@internal/plugin-platform-metrics-common';
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

// The onboarding time through the router on a real database: change
// authors from the event API and GitHub pushes, the read endpoint, and the
// bounds on `author`.

const GITHUB_SECRET = 'github-secret';
const SVC_A = 'component:default/svc-a';
const DAY = 86_400_000;
const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY).toISOString();

const user = (name: string, joinedDaysAgo?: number): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: {
    name,
    namespace: 'default',
    annotations:
      joinedDaysAgo === undefined
        ? {}
        : { 'fintech-fast.example/created-at': at(joinedDaysAgo) },
  },
  spec: {},
});

const databases = bothDatabases();

describe.each(databases.eachSupportedId())('onboarding on %s', id => {
  let knex: Knex;
  let app: express.Express;

  beforeEach(async () => {
    jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate'] });
    knex = await databases.init(id);
    const store = await MetricsStore.create({
      database: { getClient: async () => knex },
    });
    const snapshot = buildSnapshot([
      ...ENTITIES,
      user('old.hand', 200),
      user('ana', 30),
      user('bo', 20),
      user('cy', 10),
      user('dee', 5),
      user('eve', 10),
      user('fay', 11),
      user('no.date'),
    ]);
    const service = new MetricsService({
      store,
      snapshot: async () => snapshot,
      bands: DEFAULT_BANDS,
      productionEnvironments: ['production'],
      logger: mockServices.logger.mock(),
      clock: () => new Date(NOW),
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
    });
    app = express().use(router).use(mockErrorHandler());
  });

  afterEach(() => jest.useRealTimers());

  const ci = mockCredentials.service.header({
    onBehalfOf: mockCredentials.service('ci-a'),
    targetPluginId: 'platform-metrics',
  });
  const post = (path: string, body: unknown) =>
    request(app)
      .post(path)
      .set('authorization', ci)
      .send(body as object);
  const change = (
    sha: string,
    author: string | undefined,
    daysAgo: number,
  ) => ({
    sha,
    entityRef: SVC_A,
    authoredAt: at(daysAgo),
    ...(author === undefined ? {} : { author }),
  });
  const deploy = (
    depId: string,
    shas: string[],
    daysAgo: number,
    over: Record<string, unknown> = {},
  ) => ({
    id: depId,
    entityRef: SVC_A,
    status: 'success',
    commitShas: shas,
    deployedAt: at(daysAgo),
    ...over,
  });

  it('stores the author as a user ref and computes the median per new User', async () => {
    const changes = await post('/events/changes', {
      events: [
        // old.hand joined before the window: never counted.
        change('a000001', 'old.hand', 29),
        // ana: first change shipped 2 days after joining, in two
        // deployments (the first counts); a later change counts no more.
        change('a000002', 'user:default/ana', 29),
        change('a000003', 'ana', 20),
        // bo: a change deployed before joining does not count; the first
        // after joining does (5 days).
        change('b000001', 'bo', 25),
        change('b000002', 'User:Default/Bo', 16),
        // cy: shipped only to staging, or in a failed deployment: waiting.
        change('c000001', 'cy', 9),
        change('c000002', 'cy', 8),
        // dee: 1 day.
        change('d000001', 'dee', 5),
        // no author: counts for no one.
        change('e000001', undefined, 5),
      ],
    });
    expect(changes.status).toBe(202);
    expect(
      await knex('pm_changes').where('sha', 'b000002').select('author'),
    ).toEqual([{ author: 'user:default/bo' }]);
    const deployments = await post('/events/deployments', {
      events: [
        deploy('d1', ['a000001'], 28),
        deploy('d2', ['a000002'], 28),
        deploy('d3', ['a000002', 'a000003'], 19),
        deploy('d4', ['b000001'], 24),
        deploy('d5', ['b000002'], 15),
        deploy('d6', ['c000001'], 8, { environment: 'staging' }),
        deploy('d7', ['c000002'], 7, { status: 'failure' }),
        deploy('d8', ['d000001', 'e000001'], 4),
      ],
    });
    expect(deployments.status).toBe(202);

    const res = await request(app)
      .get('/onboarding?window=90')
      .set('authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    // ana 48 h, bo 120 h, dee 24 h; cy, eve and fay waiting. Three people:
    // the median would tell about someone, so it is withheld.
    expect(res.body).toMatchObject({
      window: { days: 90 },
      medianHours: null,
      tooFewToShow: true,
      sampleSize: 3,
      joined: 6,
      waiting: 3,
    });

    // eve and fay ship (72 h and 96 h): five people, the median shows.
    const more = await post('/events/changes', {
      events: [change('f000011', 'eve', 9), change('f000012', 'fay', 10)],
    });
    expect(more.status).toBe(202);
    const deployed = await post('/events/deployments', {
      events: [deploy('d9', ['f000011'], 7), deploy('d10', ['f000012'], 7)],
    });
    expect(deployed.status).toBe(202);
    const five = await request(app)
      .get('/onboarding?window=90')
      .set('authorization', mockCredentials.user.header());
    expect(five.body).toMatchObject({
      medianHours: 72,
      tooFewToShow: false,
      sampleSize: 5,
      joined: 6,
      waiting: 1,
    });

    // A 7-day window: only dee joined in it.
    const week = await request(app)
      .get('/onboarding?window=7')
      .set('authorization', mockCredentials.user.header());
    expect(week.body).toMatchObject({
      medianHours: null,
      tooFewToShow: true,
      joined: 1,
    });
  });

  it('takes the author of a GitHub push from its commits’ GitHub logins', async () => {
    const body = JSON.stringify({
      ref: 'refs/heads/main',
      after: 'f000002',
      commits: [
        {
          id: 'f000001',
          timestamp: at(9),
          message: 'First change',
          author: { name: 'Dee', username: 'Dee' },
        },
        {
          id: 'f000002',
          timestamp: at(9),
          message: 'No login',
          author: { name: 'Someone' },
        },
        // Not a GitHub login: no author rather than a made-up User.
        {
          id: 'f000003',
          timestamp: at(9),
          message: 'Odd login',
          author: { username: '../admin\ud800' },
        },
        {
          id: 'f000004',
          timestamp: at(9),
          message: 'Long login',
          author: { username: 'a'.repeat(300) },
        },
        { id: 'f000005', timestamp: at(9), message: 'No author', author: null },
      ],
      repository: { full_name: 'acme/svc-a', default_branch: 'main' },
    });
    const res = await request(app)
      .post('/webhooks/github')
      .set('content-type', 'application/json')
      .set('x-github-event', 'push')
      .set('x-github-delivery', randomUUID())
      .set(
        'x-hub-signature-256',
        `sha256=${createHmac('sha256', GITHUB_SECRET)
          .update(body)
          .digest('hex')}`,
      )
      .send(body);
    expect(res.status).toBe(202);
    expect(
      await knex('pm_changes').orderBy('sha').select('sha', 'author'),
    ).toEqual([
      { sha: 'f000001', author: 'user:default/dee' },
      { sha: 'f000002', author: null },
      { sha: 'f000003', author: null },
      { sha: 'f000004', author: null },
      { sha: 'f000005', author: null },
    ]);
  });

  it.each([
    ['too long', `user:default/${'a'.repeat(250)}`, /author/],
    ['too long with its kind added', 'a'.repeat(250), /author/],
    ['a lone surrogate', 'ana\ud800', /surrogate/],
    ['a control character', 'ana\u0000', /control/],
    ['not a User', 'group:default/team-a', /must name a User/],
    ['empty', '', /author/],
  ])(
    'refuses an author that is %s with a 400 and writes nothing',
    async (_, author, message) => {
      const res = await post('/events/changes', change('a000009', author, 1));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
      expect(Number((await knex('pm_changes').count({ n: '*' }))[0].n)).toBe(0);
    },
  );

  it('lets users and services read, and refuses a bad window', async () => {
    expect(
      (await request(app).get('/onboarding').set('authorization', ci)).status,
    ).toBe(200);
    expect((await request(app).get('/onboarding')).status).toBe(401);
    const bad = await request(app)
      .get('/onboarding?window=12')
      .set('authorization', mockCredentials.user.header());
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/window/);
  });
});
