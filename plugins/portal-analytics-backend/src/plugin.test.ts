import {
  BackstageCredentials,
  BackstageUserPrincipal,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import fc from 'fast-check';
import { Knex } from 'knex';
import request from 'supertest';
import { portalAnalyticsPlugin } from './plugin';
import { bothDatabases } from '@internal/test-utils';

jest.setTimeout(180_000);

const databases = bothDatabases();

const DEV = 'user:default/priya.sharma';
const PLATFORM_ENGINEER = 'user:default/sam.platform';

const user = (name: string, groups: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: groups },
  relations: groups.map(g => ({
    type: 'memberOf',
    targetRef: `group:default/${g}`,
  })),
});

const entities: Entity[] = [
  user('priya.sharma', ['payments-team']),
  user('leo.payments', ['payments-team']),
  user('sam.platform', ['platform-team']),
];

const GROUPS: Record<string, string[]> = {
  [DEV]: ['group:default/payments-team'],
  [PLATFORM_ENGINEER]: ['group:default/platform-team'],
};

const now = () => new Date().toISOString();

async function start(knex: Knex) {
  const { server } = await startTestBackend({
    features: [
      portalAnalyticsPlugin,
      mockServices.database.factory({ knex }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      catalogServiceMock.factory({ entities }),
      // The portal's policy in short: usage is for the platform team.
      createServiceFactory({
        service: coreServices.permissions,
        deps: {},
        factory: () =>
          mockServices.permissions.mock({
            authorize: async (requests, options) => {
              const ref = (
                options!.credentials.principal as BackstageUserPrincipal
              ).userEntityRef;
              const platform = GROUPS[ref]?.includes(
                'group:default/platform-team',
              );
              return requests.map(() => ({
                result: platform ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
              }));
            },
          }),
      }),
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => ({
          async getUserInfo(credentials: BackstageCredentials) {
            const ref = (credentials.principal as BackstageUserPrincipal)
              .userEntityRef;
            return {
              userEntityRef: ref,
              ownershipEntityRefs: [ref, ...(GROUPS[ref] ?? [])],
            };
          },
        }),
      }),
    ],
  });
  return server;
}

const as = (ref: string) => mockCredentials.user.header(ref);

describe.each(databases.eachSupportedId())('portal-analytics on %p', id => {
  let knex: Knex;
  let server: Awaited<ReturnType<typeof start>>;

  beforeAll(async () => {
    knex = await databases.init(id);
    server = await start(knex);
  });

  const storedEvents = async () =>
    Number((await knex('usage_events').count({ n: '*' }).first())?.n);

  it('records a batch from a user and shows it to the platform team', async () => {
    const res = await request(server)
      .post('/api/portal-analytics/events')
      .set('authorization', as(DEV))
      .send({
        events: [
          {
            action: 'search',
            subject: 'does-not-exist-anywhere',
            value: 0,
            pluginId: 'search',
            timestamp: now(),
          },
          {
            action: 'navigate',
            subject: '/catalog',
            pluginId: 'catalog',
            timestamp: now(),
          },
        ],
      });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: 2 });

    const top = await request(server)
      .get('/api/portal-analytics/usage/top?days=7')
      .set('authorization', as(PLATFORM_ENGINEER));
    expect(top.status).toBe(200);
    expect(top.body.searchNoResults).toEqual([
      { key: 'does-not-exist-anywhere', count: 1 },
    ]);
    expect(top.body.plugin).toEqual([{ key: 'catalog', count: 1 }]);
    const filtered = await request(server)
      .get('/api/portal-analytics/usage/top?days=7&filter=NOT-EXIST')
      .set('authorization', as(PLATFORM_ENGINEER));
    expect(filtered.body.searchNoResults).toEqual([
      { key: 'does-not-exist-anywhere', count: 1 },
    ]);
    expect(filtered.body.plugin).toEqual([]);

    const summary = await request(server)
      .get('/api/portal-analytics/usage/summary?days=30')
      .set('authorization', as(PLATFORM_ENGINEER));
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({
      totalUsers: 3,
      dau: 1,
      wau: 1,
      mau: 1,
      activeUsers: 1,
      timeZone: 'UTC',
    });
    // Both teams have fewer than 5 active people: too few to show.
    expect(summary.body.teams).toEqual([]);
    expect(summary.body.teamsTooFewToShow).toBe(2);
  });

  it('lets only the platform team read usage', async () => {
    for (const path of ['/usage/summary', '/usage/top']) {
      const dev = await request(server)
        .get(`/api/portal-analytics${path}`)
        .set('authorization', as(DEV));
      expect(dev.status).toBe(403);
      const anon = await request(server)
        .get(`/api/portal-analytics${path}`)
        .set('authorization', mockCredentials.none.header());
      expect(anon.status).toBe(401);
      const service = await request(server)
        .get(`/api/portal-analytics${path}`)
        .set('authorization', mockCredentials.service.header());
      expect(service.status).toBe(403);
    }
  });

  it('accepts events from users only', async () => {
    const body = {
      events: [{ action: 'navigate', subject: '/', timestamp: now() }],
    };
    const anon = await request(server)
      .post('/api/portal-analytics/events')
      .set('authorization', mockCredentials.none.header())
      .send(body);
    expect(anon.status).toBe(401);
    const service = await request(server)
      .post('/api/portal-analytics/events')
      .set('authorization', mockCredentials.service.header())
      .send(body);
    expect(service.status).toBe(403);
  });

  const good = () => ({ action: 'navigate', subject: '/x', timestamp: now() });
  const badBatches: [string, unknown, RegExp][] = [
    ['no body', undefined, /events/],
    ['empty batch', { events: [] }, /events/],
    [
      'too many events',
      { events: Array.from({ length: 501 }, good) },
      /events/,
    ],
    [
      'unknown field',
      { events: [{ ...good(), userRef: 'user:default/x' }] },
      /userRef|Unrecognized/,
    ],
    [
      'lone surrogate',
      { events: [good(), { ...good(), subject: 'a\uD800' }] },
      /events\.1\.subject/,
    ],
    ['NUL', { events: [{ ...good(), subject: 'a\u0000' }] }, /subject/],
    [
      'subject too long',
      { events: [{ ...good(), subject: 'x'.repeat(1001) }] },
      /subject/,
    ],
    [
      'entity ref too long',
      { events: [{ ...good(), entityRef: 'x'.repeat(256) }] },
      /entityRef/,
    ],
    ['empty action', { events: [{ ...good(), action: '' }] }, /action/],
    ['value not a number', { events: [{ ...good(), value: '3' }] }, /value/],
    ['value huge', { events: [{ ...good(), value: 1e300 }] }, /value/],
    [
      'bad timestamp',
      { events: [{ ...good(), timestamp: 'yesterday' }] },
      /timestamp/,
    ],
    [
      'future timestamp',
      { events: [good(), { ...good(), timestamp: '2999-01-01T00:00:00Z' }] },
      /events\.1\.timestamp is in the future/,
    ],
    [
      'old timestamp',
      { events: [{ ...good(), timestamp: '2020-01-01T00:00:00Z' }] },
      /7 days/,
    ],
    ['array body', [good()], /body/],
  ];

  it.each(badBatches)(
    'refuses %s with 400 and stores nothing',
    async (_, body, message) => {
      const before = await storedEvents();
      const req = request(server)
        .post('/api/portal-analytics/events')
        .set('authorization', as(DEV));
      const res =
        body === undefined ? await req : await req.send(body as object);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
      expect(await storedEvents()).toBe(before);
    },
  );

  it.each([
    'days=0',
    'days=366',
    'days=abc',
    'days[]=1',
    'to=2026-13-45',
    'to=yesterday',
    'limit=1000',
    'limit=-1',
    'other=1',
    'filter=a%00b',
    `filter=${'x'.repeat(101)}`,
  ])('refuses the usage query %s with 400', async query => {
    for (const path of ['/usage/summary', '/usage/top']) {
      const res = await request(server)
        .get(`/api/portal-analytics${path}?${query}`)
        .set('authorization', as(PLATFORM_ENGINEER));
      expect(res.status).toBe(400);
    }
  });

  it('answers 4xx, never 5xx, to arbitrary bodies and queries', async () => {
    const scalar = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.integer({ min: 0xd800, max: 0xdfff }).map(c => String.fromCharCode(c)),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant('x'.repeat(2000)),
    );
    const event = fc.record(
      {
        action: scalar,
        subject: scalar,
        pluginId: scalar,
        entityRef: scalar,
        value: scalar,
        timestamp: fc.oneof(scalar, fc.constant(now())),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ events: fc.array(event, { maxLength: 3 }) }),
          fc.anything(),
        ),
        fc.dictionary(
          fc.constantFrom('days', 'to', 'limit', 'x'),
          fc.string({ maxLength: 12 }),
        ),
        async (body, query) => {
          const post = await request(server)
            .post('/api/portal-analytics/events')
            .set('authorization', as(DEV))
            .set('content-type', 'application/json')
            .send(JSON.stringify(body) ?? 'null');
          expect(post.status).toBeLessThan(500);
          const get = await request(server)
            .get('/api/portal-analytics/usage/top')
            .query(query)
            .set('authorization', as(PLATFORM_ENGINEER));
          expect(get.status).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });
});
