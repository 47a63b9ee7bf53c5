import {
  BackstageCredentials,
  BackstageUserPrincipal,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { feedbackRoadmapPlanPermission } from '@internal/plugin-feedback-common';
import express from 'express';
import request from 'supertest';
import { feedbackPlugin } from '../plugin';
import { quarterOf } from '@internal/plugin-portal-common';
import { createRoadmapRouter } from './roadmapRouter';
import { RoadmapStore } from '../database/RoadmapStore';
import { bothDatabases } from '@internal/test-utils';

jest.setTimeout(120_000);

const databases = bothDatabases();

const DEV = 'user:default/priya.sharma';
const PLATFORM = 'user:default/sam.platform';
const GROUPS: Record<string, string[]> = {
  [DEV]: ['group:default/payments-team'],
  [PLATFORM]: ['group:default/platform-team'],
};

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

const allow = async (requests: any[]) =>
  requests.map(() => ({ result: AuthorizeResult.ALLOW }));
/** The portal's policy in short: planning is for the platform team. */
const platformPlans = async (
  requests: { permission: { name: string } }[],
  options: { credentials: BackstageCredentials },
) => {
  const ref = (options.credentials.principal as BackstageUserPrincipal)
    .userEntityRef;
  return requests.map(r => ({
    result:
      r.permission.name !== feedbackRoadmapPlanPermission.name ||
      GROUPS[ref]?.includes('group:default/platform-team')
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
  }));
};

describe.each(databases.eachSupportedId())('roadmap on %p', id => {
  let server: Parameters<typeof request>[0];
  const as = (ref: string) => ({
    Authorization: mockCredentials.user.header(ref),
  });

  beforeAll(async () => {
    const knex = await databases.init(id);
    const backend = await startTestBackend({
      features: [
        feedbackPlugin,
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
              return {
                userEntityRef: ref,
                ownershipEntityRefs: [ref, ...(GROUPS[ref] ?? [])],
              };
            },
          }),
        }),
        createServiceFactory({
          service: coreServices.permissions,
          deps: {},
          factory: () => ({
            authorize: platformPlans,
            authorizeConditional: allow,
          }),
        }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ async send() {} }),
        }),
      ],
    });
    server = backend.server;
  });

  async function report(text: string): Promise<string> {
    const res = await request(server)
      .post('/api/feedback/reports')
      .set(as(DEV))
      .send({
        entityRef: 'component:default/payments-api',
        category: 'docs',
        severity: 'medium',
        text,
      });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  const plan = (reportId: string, body: unknown, who = PLATFORM) =>
    request(server)
      .put(`/api/feedback/roadmap/items/${reportId}`)
      .set(as(who))
      .send(body as object);

  it('puts a planned item in its quarter, ranked by impact per effort, and counts completion', async () => {
    const now = quarterOf(new Date().toISOString());
    const small = await report('Roadmap small item');
    const large = await report('Roadmap large item');
    const unscheduled = await report('Roadmap unscheduled item');
    expect(
      (await plan(small, { effort: 'S', plannedQuarter: now })).status,
    ).toBe(200);
    expect(
      (await plan(large, { effort: 'L', plannedQuarter: now })).status,
    ).toBe(200);
    expect(
      (await plan(unscheduled, { effort: '3', plannedQuarter: null })).status,
    ).toBe(200);
    const shipped = await request(server)
      .post(`/api/feedback/reports/${small}/status`)
      .set(as(PLATFORM))
      .send({ status: 'shipped', note: 'done' });
    expect(shipped.status).toBe(200);

    const res = await request(server).get('/api/feedback/roadmap').set(as(DEV));
    expect(res.status).toBe(200);
    expect(res.body.quarters).toHaveLength(4);
    const column = res.body.quarters.find((q: any) => q.quarter === now);
    // Same impact (one supporter each): the small one ranks first.
    expect(column.items.map((i: any) => i.id)).toEqual([small, large]);
    expect(column.items[0].shippedAt).toEqual(expect.any(String));
    expect(column.items[1].shippedAt).toBeNull();
    expect(column).toMatchObject({ planned: 2, completed: 1, ratio: 0.5 });
    expect(res.body.unscheduled.map((i: any) => i.id)).toEqual([unscheduled]);
    // The reporter is never part of the roadmap.
    expect(JSON.stringify(res.body)).not.toContain('priya');
  });

  it('lets only the platform team plan', async () => {
    const id1 = await report('Roadmap permission item');
    const res = await plan(
      id1,
      { effort: 'S', plannedQuarter: '2027-Q1' },
      DEV,
    );
    expect(res.status).toBe(403);
    const anon = await request(server)
      .put(`/api/feedback/roadmap/items/${id1}`)
      .set({ Authorization: mockCredentials.none.header() })
      .send({ effort: 'S', plannedQuarter: '2027-Q1' });
    expect(anon.status).toBe(401);
  });

  it.each([
    [{ effort: 'XL', plannedQuarter: '2027-Q1' }, 400],
    [{ effort: 'S', plannedQuarter: '2027-Q5' }, 400],
    [{ effort: 'S', plannedQuarter: '2027-Q1\u0000' }, 400],
    [{ effort: 'S\uD800', plannedQuarter: null }, 400],
    [{ effort: 'S' }, 400],
    [{ effort: 5, plannedQuarter: null }, 400],
    [{ effort: 'S', plannedQuarter: null, extra: 1 }, 400],
    [[], 400],
  ])('refuses the plan %j with %i', async (body, status) => {
    const id1 = await report('Roadmap bad input item');
    expect((await plan(id1, body)).status).toBe(status);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    const body = { effort: 'S', plannedQuarter: null };
    expect(
      (await plan('8f1d7a0e-4c59-4b8e-9d2a-1f0e6c3b5a77', body)).status,
    ).toBe(404);
    expect((await plan('not-a-uuid', body)).status).toBe(404);
    expect((await plan('x'.repeat(5000), body)).status).toBe(404);
  });

  it.each([
    'from=2027-Q1&to=2026-Q1',
    'from=2020-Q1&to=2030-Q1',
    'from=2026-Q0',
    'to=x',
    'from[]=2026-Q1',
    'other=1',
  ])('refuses the roadmap query %s with 400', async query => {
    const res = await request(server)
      .get(`/api/feedback/roadmap?${query}`)
      .set(as(DEV));
    expect(res.status).toBe(400);
  });
});

describe('roadmap router', () => {
  const ID = '8f1d7a0e-4c59-4b8e-9d2a-1f0e6c3b5a77';
  const plan = { effort: 'S', plannedQuarter: '2027-Q1' };

  async function app(options: {
    result?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    store?: Partial<RoadmapStore>;
    logger?: ReturnType<typeof mockServices.logger.mock>;
  }) {
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(() => ({
          result: options.result ?? AuthorizeResult.DENY,
        })),
    });
    const store: RoadmapStore = {
      setPlan: async () => {},
      listPlanned: async () => [],
      ...options.store,
    };
    const router = await createRoadmapRouter({
      httpAuth: mockServices.httpAuth(),
      permissions,
      logger: options.logger ?? mockServices.logger.mock(),
      database: {} as any,
      roadmap: store,
    });
    return {
      permissions,
      server: express().use(router).use(mockErrorHandler()),
    };
  }

  it('asks the permission framework, not the groups, who may plan', async () => {
    // A platform-team member whom the policy denies may not plan ...
    const denied = await app({ result: AuthorizeResult.DENY });
    const refused = await request(denied.server)
      .put(`/roadmap/items/${ID}`)
      .set('Authorization', mockCredentials.user.header(PLATFORM))
      .send(plan);
    expect(refused.status).toBe(403);
    expect(denied.permissions.authorize).toHaveBeenCalledWith(
      [{ permission: feedbackRoadmapPlanPermission }],
      { credentials: mockCredentials.user(PLATFORM) },
    );
    // ... and a developer whom it allows may.
    const allowed = await app({ result: AuthorizeResult.ALLOW });
    const saved = await request(allowed.server)
      .put(`/roadmap/items/${ID}`)
      .set('Authorization', mockCredentials.user.header(DEV))
      .send(plan);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ id: ID, ...plan });
  });

  it('answers an internal failure without its details and logs it', async () => {
    const logger = mockServices.logger.mock();
    const { server } = await app({
      logger,
      store: {
        listPlanned: async () => {
          throw new Error('connect ECONNREFUSED db.internal:5432');
        },
      },
    });
    const res = await request(server)
      .get('/roadmap')
      .set('Authorization', mockCredentials.user.header(DEV));
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('db.internal');
    expect(logger.error).toHaveBeenCalled();
  });
});
