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
import { bothDatabases } from '@internal/test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import { portalAnalyticsPlugin } from './plugin';

/**
 * Personal figures stay personal, through the plugin on SQLite and
 * PostgreSQL: small teams are not shown, the raw trail names no one after a
 * day and is kept two weeks, and one person cannot flood the event API.
 */

jest.setTimeout(180_000);

const databases = bothDatabases();

const PLATFORM_ENGINEER = 'user:default/sam.platform';
/** Five people in payments, four in data. */
const TEAMS: Record<string, string[]> = {
  'payments-team': ['p1', 'p2', 'p3', 'p4', 'p5'],
  'data-team': ['d1', 'd2', 'd3', 'd4'],
  'platform-team': ['sam.platform'],
};
const teamOf = new Map(
  Object.entries(TEAMS).flatMap(([team, people]) =>
    people.map(p => [`user:default/${p}`, `group:default/${team}`]),
  ),
);

const entities: Entity[] = Object.entries(TEAMS).flatMap(([team, people]) =>
  people.map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: [team] },
    relations: [{ type: 'memberOf', targetRef: `group:default/${team}` }],
  })),
);

async function start(knex: Knex) {
  const scheduler = mockServices.scheduler.mock();
  const { server } = await startTestBackend({
    features: [
      portalAnalyticsPlugin,
      scheduler.factory,
      mockServices.database.factory({ knex }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      catalogServiceMock.factory({ entities }),
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => ({
          async getUserInfo(credentials: BackstageCredentials) {
            const ref = (credentials.principal as BackstageUserPrincipal)
              .userEntityRef;
            const team = teamOf.get(ref);
            return {
              userEntityRef: ref,
              ownershipEntityRefs: team ? [ref, team] : [ref],
            };
          },
        }),
      }),
    ],
  });
  const retention = () => {
    const task = scheduler.scheduleTask.mock.calls
      .map(([t]) => t)
      .find(t => t.id === 'portal-analytics-retention');
    if (!task) throw new Error('no retention task scheduled');
    return task;
  };
  return { server, retention };
}

const as = (ref: string) => mockCredentials.user.header(ref);
const event = (at = new Date()) => ({
  action: 'navigate',
  subject: '/catalog',
  timestamp: at.toISOString(),
});

describe.each(databases.eachSupportedId())('on %p', id => {
  let knex: Knex;
  let backend: Awaited<ReturnType<typeof start>>;

  beforeAll(async () => {
    knex = await databases.init(id);
    backend = await start(knex);
  });

  const send = (ref: string) =>
    request(backend.server)
      .post('/api/portal-analytics/events')
      .set('authorization', as(ref))
      .send({ events: [event()] });

  it('shows usage by team only for teams with at least 5 active people', async () => {
    for (const ref of teamOf.keys()) {
      expect((await send(ref)).status).toBe(202);
    }
    const summary = await request(backend.server)
      .get('/api/portal-analytics/usage/summary?days=7')
      .set('authorization', as(PLATFORM_ENGINEER));
    expect(summary.status).toBe(200);
    expect(summary.body.activeUsers).toBe(10);
    expect(summary.body.teams).toEqual([
      { teamRef: 'group:default/payments-team', activeUsers: 5, members: 5 },
    ]);
    // data-team (4 active) and platform-team (1 active) are too few to show.
    expect(summary.body.teamsTooFewToShow).toBe(2);
    expect(JSON.stringify(summary.body)).not.toContain('data-team');
  });

  it('names no user on raw events older than a day, and keeps them 14 days', async () => {
    const hoursAgo = (h: number) =>
      new Date(Date.now() - h * 3_600_000).toISOString();
    const row = (occurredAt: string, user: string) => ({
      occurred_at: occurredAt,
      day: occurredAt.slice(0, 10),
      user_ref: user,
      team_ref: 'group:default/data-team',
      action: 'navigate',
      subject: '/feedback',
    });
    await knex('usage_events').insert([
      row(hoursAgo(25), 'user:default/d1'),
      row(hoursAgo(24 * 10), 'user:default/d2'),
      row(hoursAgo(24 * 20), 'user:default/d3'),
    ]);
    expect((await send('user:default/d4')).status).toBe(202);

    await backend.retention().fn(new AbortController().signal);

    const rows = await knex('usage_events')
      .whereIn('subject', ['/feedback', '/catalog'])
      .select('occurred_at', 'user_ref', 'team_ref');
    const named = rows.filter(r => r.user_ref !== null);
    // Only events of the last day name their user (and team).
    expect(named.length).toBeGreaterThan(0);
    for (const r of named) {
      expect(Date.parse(r.occurred_at)).toBeGreaterThan(
        Date.now() - 24 * 3_600_000,
      );
    }
    const old = rows.filter(
      r => Date.parse(r.occurred_at) < Date.now() - 24 * 3_600_000,
    );
    expect(old.length).toBe(2);
    expect(old.every(r => r.user_ref === null && r.team_ref === null)).toBe(
      true,
    );
    // Older than 14 days: gone.
    expect(
      rows.some(r => Date.parse(r.occurred_at) < Date.now() - 14 * 86_400_000),
    ).toBe(false);
    // Who was active on which day stays counted in the daily aggregate.
    const summary = await request(backend.server)
      .get('/api/portal-analytics/usage/summary?days=7')
      .set('authorization', as(PLATFORM_ENGINEER));
    expect(summary.body.activeUsers).toBe(10);
  });

  it("limits one person's event rate with 429 and Retry-After", async () => {
    const ref = 'user:default/p1';
    // p1 sent one batch above; 30 a minute are allowed.
    for (let i = 1; i < 30; i++) {
      expect((await send(ref)).status).toBe(202);
    }
    const stored = await knex('usage_events').count({ n: '*' }).first();
    const refused = await send(ref);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.error.message).toMatch(/Too many requests/);
    expect(await knex('usage_events').count({ n: '*' }).first()).toEqual(
      stored,
    );
    // Someone else is not held back by p1.
    expect((await send('user:default/p2')).status).toBe(202);
  });

  it('answers an oversized body 413 naming the limit', async () => {
    const res = await request(backend.server)
      .post('/api/portal-analytics/events')
      .set('authorization', as('user:default/p3'))
      .send({
        events: [{ ...event(), subject: 'x'.repeat(2 * 1024 * 1024) }],
      });
    expect(res.status).toBe(413);
    expect(res.body.error.message).toBe(
      'Request body too large: at most 1048576 bytes',
    );
  });
});
