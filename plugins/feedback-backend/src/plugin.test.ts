import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { feedbackReportUpdatePermission } from '@internal/plugin-feedback-common';
import request from 'supertest';
import { feedbackPlugin } from './plugin';

jest.setTimeout(30_000);

const PRIYA = 'user:default/priya.sharma'; // payments-team (3 members)
const ALEX = 'user:default/alex.chen'; // identity-and-access-team (8)
const OLU = 'user:default/olu.adeyemi'; // platform-team (4)
const SAM = 'user:default/sam.nobody'; // no team

const TEAMS: Record<string, string> = {
  [PRIYA]: 'group:default/payments-team',
  [ALEX]: 'group:default/identity-and-access-team',
  [OLU]: 'group:default/platform-team',
};

const group = (
  name: string,
  annotations: Record<string, string>,
  members: string[],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'team', children: [] },
  relations: members.map(m => ({
    type: 'hasMember',
    targetRef: `user:default/${m}`,
  })),
});

const user = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: {},
});

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'user-auth-service', namespace: 'default' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'identity-and-access-team',
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', namespace: 'default' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments-team',
    },
  },
  group('identity-and-access-team', { 'fintech-fast.example/team-size': '8' }, [
    'alex.chen',
  ]),
  group('payments-team', {}, ['priya.sharma', 'a', 'b']),
  group('platform-team', { 'fintech-fast.example/team-size': '4' }, [
    'olu.adeyemi',
  ]),
  user('priya.sharma'),
  user('alex.chen'),
  user('olu.adeyemi'),
  user('sam.nobody'),
];

const as = (userRef: string) => ({
  Authorization: mockCredentials.user.header(userRef),
});

const validReport = {
  entityRef: 'component:default/user-auth-service',
  category: 'docs',
  severity: 'high',
  text: 'Token refresh documentation is outdated and misleading',
  anonymous: false,
};

describe('feedback plugin', () => {
  let server: Parameters<typeof request>[0];
  let permissionResult: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  let sent: NotificationSendOptions[];
  let failNotifications: boolean;
  let authorizeCalls: unknown[];
  let logLines: string[];

  const recordingLogger = (): LoggerService => {
    const line =
      (level: string) =>
      (message: string, meta?: Parameters<LoggerService['info']>[1]) => {
        logLines.push(`${level} ${message} ${JSON.stringify(meta ?? {})}`);
      };
    return {
      error: line('error'),
      warn: line('warn'),
      info: line('info'),
      debug: line('debug'),
      child: () => recordingLogger(),
    };
  };

  beforeEach(async () => {
    logLines = [];
    permissionResult = AuthorizeResult.ALLOW;
    sent = [];
    failNotifications = false;
    authorizeCalls = [];
    const backend = await startTestBackend({
      features: [
        feedbackPlugin,
        createServiceFactory({
          service: coreServices.logger,
          deps: {},
          factory: () => recordingLogger(),
        }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        mockServices.auth.factory(),
        catalogServiceMock.factory({ entities }),
        createServiceFactory({
          service: coreServices.userInfo,
          deps: {},
          factory: () => ({
            async getUserInfo(credentials: any) {
              const ref = credentials.principal.userEntityRef as string;
              return {
                userEntityRef: ref,
                ownershipEntityRefs: TEAMS[ref] ? [ref, TEAMS[ref]] : [ref],
              };
            },
          }),
        }),
        createServiceFactory({
          service: coreServices.permissions,
          deps: {},
          factory: () => ({
            async authorize(requests: any[]) {
              authorizeCalls.push(...requests);
              return requests.map(() => ({ result: permissionResult }));
            },
            async authorizeConditional(requests: any[]) {
              return requests.map(() => ({ result: permissionResult }));
            },
          }),
        }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({
            async send(options: NotificationSendOptions) {
              if (failNotifications) throw new Error('notifications down');
              sent.push(options);
            },
          }),
        }),
      ],
    });
    server = backend.server;
  });

  const create = (userRef: string, body: object = validReport) =>
    request(server).post('/api/feedback/reports').set(as(userRef)).send(body);

  const countReports = async () =>
    (await request(server).get('/api/feedback/reports').set(as(OLU))).body.items
      .length;

  it('creates a report and reads it back', async () => {
    const res = await create(PRIYA);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      entityRef: 'component:default/user-auth-service',
      entityOwnerRef: 'group:default/identity-and-access-team',
      category: 'docs',
      severity: 'high',
      text: validReport.text,
      anonymous: false,
      status: 'new',
      impact: 3,
      supporterCount: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      reporterRef: PRIYA,
      reporterTeamRef: 'group:default/payments-team',
      supportedByMe: true,
    });

    const get = await request(server)
      .get(`/api/feedback/reports/${res.body.id}`)
      .set(as(ALEX));
    expect(get.status).toBe(200);
    expect(get.body).toMatchObject({
      id: res.body.id,
      supportedByMe: false,
      supporterCount: 1,
      events: [],
    });

    const missing = await request(server)
      .get('/api/feedback/reports/does-not-exist')
      .set(as(ALEX));
    expect(missing.status).toBe(404);
  });

  it('lists reports to backend services too (the scorecards read open friction)', async () => {
    await create(PRIYA);
    const res = await request(server)
      .get('/api/feedback/reports')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0].supportedByMe).toBe(false);
  });

  it('answers 401 without credentials', async () => {
    await request(server).get('/api/feedback/reports').expect(401);
    await request(server)
      .post('/api/feedback/reports')
      .send(validReport)
      .expect(401);
    await request(server).get('/api/feedback/shipped').expect(401);
    expect(await countReports()).toBe(0);
  });

  it.each([
    ['empty text', { ...validReport, text: '' }, /text/],
    ['whitespace text', { ...validReport, text: '   ' }, /text/],
    ['4001 chars', { ...validReport, text: 'x'.repeat(4001) }, /text/],
    ['unknown category', { ...validReport, category: 'vibes' }, /category/],
    ['unknown severity', { ...validReport, severity: 'meh' }, /severity/],
    [
      'unknown entity',
      { ...validReport, entityRef: 'component:default/nope' },
      /Unknown entity component:default\/nope/,
    ],
    ['bad entity ref', { ...validReport, entityRef: 'nope' }, /entityRef/],
    ['missing fields', {}, /Invalid report/],
  ])('rejects %s with 400 and writes nothing', async (_name, body, message) => {
    const res = await create(PRIYA, body);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toMatch(message);
    expect(await countReports()).toBe(0);
  });

  it('accepts exactly 4000 characters', async () => {
    const res = await create(PRIYA, { ...validReport, text: 'x'.repeat(4000) });
    expect(res.status).toBe(201);
  });

  it('lists with filters, sorting by impact, and pagination', async () => {
    const a = (await create(PRIYA)).body; // impact 3
    const b = (
      await create(ALEX, {
        ...validReport,
        entityRef: 'component:default/payments-api',
        category: 'ci-cd',
      })
    ).body; // impact 8
    const c = (await create(SAM)).body; // impact 1

    const list = await request(server)
      .get('/api/feedback/reports')
      .set(as(PRIYA));
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: any) => r.id)).toEqual([b.id, a.id, c.id]);
    expect(list.body.items.map((r: any) => r.supportedByMe)).toEqual([
      false,
      true,
      false,
    ]);
    expect(list.body.nextCursor).toBeUndefined();

    const byOwner = await request(server)
      .get('/api/feedback/reports')
      .query({ ownerRef: 'payments-team' })
      .set(as(PRIYA));
    expect(byOwner.body.items.map((r: any) => r.id)).toEqual([b.id]);

    const byCategory = await request(server)
      .get('/api/feedback/reports')
      .query({
        category: 'docs',
        entityRef: 'component:default/user-auth-service',
      })
      .set(as(PRIYA));
    expect(byCategory.body.items.map((r: any) => r.id)).toEqual([a.id, c.id]);

    const byTeam = await request(server)
      .get('/api/feedback/reports')
      .query({ reporterTeamRef: 'group:default/payments-team' })
      .set(as(PRIYA));
    expect(byTeam.body.items.map((r: any) => r.id)).toEqual([a.id]);

    const page1 = await request(server)
      .get('/api/feedback/reports')
      .query({ limit: 2 })
      .set(as(PRIYA));
    expect(page1.body.items).toHaveLength(2);
    const page2 = await request(server)
      .get('/api/feedback/reports')
      .query({ limit: 2, cursor: page1.body.nextCursor })
      .set(as(PRIYA));
    expect(page2.body.items.map((r: any) => r.id)).toEqual([c.id]);
    expect(page2.body.nextCursor).toBeUndefined();

    for (const query of [
      { limit: 101 },
      { limit: 0 },
      { limit: 'ten' },
      { status: 'done' },
      { category: 'vibes' },
      { cursor: 'garbage' },
      { unknown: 'x' },
    ]) {
      const res = await request(server)
        .get('/api/feedback/reports')
        .query(query)
        .set(as(PRIYA));
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
    }
  });

  it('adds me-too idempotently and recomputes impact', async () => {
    const report = (await create(PRIYA)).body;
    const first = await request(server)
      .post(`/api/feedback/reports/${report.id}/me-too`)
      .set(as(ALEX));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      impact: 3 + 8,
      supporterCount: 2,
      supportedByMe: true,
    });
    const second = await request(server)
      .post(`/api/feedback/reports/${report.id}/me-too`)
      .set(as(ALEX));
    expect(second.body).toEqual(first.body);
    const noTeam = await request(server)
      .post(`/api/feedback/reports/${report.id}/me-too`)
      .set(as(SAM));
    expect(noTeam.body).toMatchObject({ impact: 12, supporterCount: 3 });
    await request(server)
      .post('/api/feedback/reports/missing/me-too')
      .set(as(SAM))
      .expect(404);
  });

  describe('status changes', () => {
    let id: string;
    beforeEach(async () => {
      id = (await create(PRIYA)).body.id;
      await request(server)
        .post(`/api/feedback/reports/${id}/me-too`)
        .set(as(ALEX))
        .expect(200);
    });

    const move = (body: object, userRef = OLU) =>
      request(server)
        .post(`/api/feedback/reports/${id}/status`)
        .set(as(userRef))
        .send(body);

    const unchanged = async () => {
      const res = await request(server)
        .get(`/api/feedback/reports/${id}`)
        .set(as(OLU));
      expect(res.body.status).toBe('new');
      expect(res.body.events).toEqual([]);
      expect(sent).toEqual([]);
    };

    it('moves, records history and notifies every supporter', async () => {
      const res = await move({ status: 'planned', note: 'Next sprint' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, status: 'planned' });
      expect(authorizeCalls).toEqual([
        {
          permission: feedbackReportUpdatePermission,
          resourceRef: 'component:default/user-auth-service',
        },
      ]);
      expect(isResourcePermission(feedbackReportUpdatePermission)).toBe(true);

      expect(sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: [PRIYA, ALEX] },
          payload: expect.objectContaining({
            title: 'Your feedback on user-auth-service is now planned',
            description: 'Next sprint',
            link: `/feedback/${id}`,
          }),
        },
      ]);

      const details = await request(server)
        .get(`/api/feedback/reports/${id}`)
        .set(as(ALEX));
      expect(details.body.events).toEqual([
        {
          id: expect.any(String),
          fromStatus: 'new',
          toStatus: 'planned',
          note: 'Next sprint',
          actorRef: OLU,
          createdAt: expect.any(String),
        },
      ]);
    });

    it('still moves when notifications fail', async () => {
      failNotifications = true;
      const res = await move({ status: 'triaged', note: 'Seen' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('triaged');
    });

    it('answers 403 on DENY and changes nothing', async () => {
      permissionResult = AuthorizeResult.DENY;
      const res = await move({ status: 'triaged', note: 'Seen' }, SAM);
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
      await unchanged();
    });

    it.each([
      ['missing note', { status: 'triaged' }, /note/],
      ['empty note', { status: 'triaged', note: '' }, /note/],
      ['2001-char note', { status: 'triaged', note: 'x'.repeat(2001) }, /note/],
      ['unknown status', { status: 'done', note: 'x' }, /status/],
      [
        'same status',
        { status: 'new', note: 'x' },
        /allowed next statuses: triaged, planned, in-progress, shipped, declined/,
      ],
    ])('rejects %s with 400 and changes nothing', async (_n, body, message) => {
      const res = await move(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
      await unchanged();
    });

    it('rejects backwards and post-final moves with 400', async () => {
      await move({ status: 'in-progress', note: 'Started' }).expect(200);
      const back = await move({ status: 'triaged', note: 'Oops' });
      expect(back.status).toBe(400);
      expect(back.body.error.message).toMatch(
        /allowed next statuses: shipped, declined/,
      );
      await move({ status: 'declined', note: 'No' }).expect(200);
      const after = await move({ status: 'shipped', note: 'Yes' });
      expect(after.status).toBe(400);
      expect(after.body.error.message).toMatch(/final/);
      const details = await request(server)
        .get(`/api/feedback/reports/${id}`)
        .set(as(OLU));
      expect(details.body.status).toBe('declined');
      expect(details.body.events).toHaveLength(2);
      expect(sent).toHaveLength(2);
      // No me-too on closed reports.
      await request(server)
        .post(`/api/feedback/reports/${id}/me-too`)
        .set(as(SAM))
        .expect(400);
    });

    it('returns 404 for an unknown report', async () => {
      const res = await request(server)
        .post('/api/feedback/reports/missing/status')
        .set(as(OLU))
        .send({ status: 'triaged', note: 'x' });
      expect(res.status).toBe(404);
    });
  });

  it('finds similar open reports, best match first', async () => {
    const tokens = (
      await create(PRIYA, {
        ...validReport,
        text: 'Token refresh docs are wrong',
      })
    ).body;
    const unrelated = (
      await create(PRIYA, {
        ...validReport,
        text: 'Pipeline is slow',
        category: 'ci-cd',
      })
    ).body;
    const otherEntity = (
      await create(ALEX, {
        ...validReport,
        entityRef: 'component:default/payments-api',
        text: 'Nothing in common here',
      })
    ).body;
    await create(ALEX, {
      ...validReport,
      entityRef: 'component:default/payments-api',
      category: 'tooling',
      text: 'token refresh token refresh',
    }); // neither same entity nor same category

    const res = await request(server)
      .post('/api/feedback/reports/similar')
      .send({
        entityRef: 'component:default/user-auth-service',
        category: 'docs',
        text: 'the token refresh flow is confusing',
      })
      .set(as(SAM));
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: any) => r.id)).toEqual([
      tokens.id,
      unrelated.id,
      otherEntity.id,
    ]);
    await request(server)
      .post('/api/feedback/reports/similar')
      .send({ text: 'x' })
      .set(as(SAM))
      .expect(400);
    // The draft is never read from a URL (it would end up in access logs).
    const inUrl = await request(server)
      .get('/api/feedback/reports/similar')
      .query({ category: 'docs', text: 'the token refresh flow' })
      .set(as(SAM));
    expect(inUrl.status).toBe(404);
    expect(inUrl.body.items).toBeUndefined();
  });

  it('groups shipped reports by ISO week', async () => {
    const report = (await create(PRIYA)).body;
    await request(server)
      .post(`/api/feedback/reports/${report.id}/status`)
      .set(as(OLU))
      .send({ status: 'shipped', note: 'Rewritten' })
      .expect(200);
    const res = await request(server)
      .get('/api/feedback/shipped')
      .query({ weeks: 12 })
      .set(as(SAM));
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        week: expect.stringMatching(/^\d{4}-W\d\d$/),
        items: [
          expect.objectContaining({
            id: report.id,
            status: 'shipped',
            shippedAt: expect.any(String),
          }),
        ],
      },
    ]);
    await request(server)
      .get('/api/feedback/shipped')
      .query({ weeks: 'many' })
      .set(as(SAM))
      .expect(400);
  });

  it('no response of any endpoint carries the reporter of an anonymous report, nor does any other channel', async () => {
    const bodies: string[] = [];
    const urls: string[] = [];
    const record = (res: request.Response) => {
      expect(res.status).toBeLessThan(300);
      bodies.push(JSON.stringify(res.body));
      return res;
    };
    const get = async (url: string, u: string) => {
      urls.push(url);
      return record(await request(server).get(url).set(as(u)));
    };
    const post = async (url: string, u: string, body?: object) => {
      urls.push(url);
      return record(await request(server).post(url).set(as(u)).send(body));
    };
    const users = [PRIYA, ALEX, OLU];
    const draft = 'Token refresh docs are wrong';

    // Typing the draft looks for similar reports: in a body, not a URL.
    await post('/api/feedback/reports/similar', PRIYA, {
      entityRef: 'component:default/user-auth-service',
      category: 'docs',
      text: draft,
    });
    const created = (
      await post('/api/feedback/reports', PRIYA, {
        ...validReport,
        anonymous: true,
        text: draft,
      })
    ).body;
    expect(created.anonymous).toBe(true);
    expect('reporterRef' in created).toBe(false);
    expect('reporterTeamRef' in created).toBe(false);
    // Impact: the anonymous reporter weighs 1, not their team's size (3
    // would name payments-team, the only team of 3).
    expect(created.impact).toBe(1);
    const id = created.id;

    // A "me too" adds the supporter's team size, the reporter still 1.
    expect(
      (await post(`/api/feedback/reports/${id}/me-too`, ALEX)).body.impact,
    ).toBe(1 + 8);

    const readAll = async () => {
      for (const u of users) {
        for (const query of [
          '',
          '?status=new',
          '?category=docs',
          '?entityRef=component:default/user-auth-service',
          '?ownerRef=group:default/identity-and-access-team',
          '?reporterTeamRef=payments-team',
          '?limit=1',
        ]) {
          await get(`/api/feedback/reports${query}`, u);
        }
        await get(`/api/feedback/reports/${id}`, u);
        await get(
          '/api/feedback/reports/counts?entityRef=component:default/user-auth-service',
          u,
        );
        await post('/api/feedback/reports/similar', u, {
          entityRef: 'component:default/user-auth-service',
          category: 'docs',
          text: 'token refresh',
        });
        await get('/api/feedback/shipped', u);
      }
    };

    await readAll();
    // Everyone says "me too", the reporter included (which changes nothing).
    for (const u of users) {
      await post(`/api/feedback/reports/${id}/me-too`, u);
    }
    expect((await get(`/api/feedback/reports/${id}`, OLU)).body).toMatchObject({
      impact: 1 + 8 + 4,
      supporterCount: 3,
    });
    // Everyone (policy ALLOW here) moves it once, the reporter included.
    const steps = ['triaged', 'planned', 'in-progress'];
    for (const [i, u] of users.entries()) {
      await post(`/api/feedback/reports/${id}/status`, u, {
        status: steps[i],
        note: `step ${i}`,
      });
    }
    await readAll();
    await post(`/api/feedback/reports/${id}/status`, OLU, {
      status: 'shipped',
      note: 'done',
    });
    await readAll();

    const shipped = JSON.parse(bodies[bodies.length - 1]);
    expect(shipped.items[0].items[0].id).toBe(id);

    // History: the reporter's own move is masked; the owner's and the
    // platform team's moves stay theirs.
    const details = (await get(`/api/feedback/reports/${id}`, ALEX)).body;
    expect(
      details.events.map((e: any) => [e.toStatus, e.actorRef, e.byReporter]),
    ).toEqual([
      ['triaged', undefined, true],
      ['planned', ALEX, undefined],
      ['in-progress', OLU, undefined],
      ['shipped', OLU, undefined],
    ]);

    // Notifications: the reporter is told like every other supporter; the
    // recipients are for the notification service only, and what a
    // recipient sees names nobody (neither the reporter nor who moved it).
    expect(sent).toHaveLength(4);
    for (const notification of sent) {
      expect(notification.recipients).toEqual({
        type: 'entity',
        entityRef: [PRIYA, ALEX, OLU],
      });
      expect(JSON.stringify(notification.payload)).not.toMatch(
        /user:|group:|priya|alex|olu|payments|identity|platform-team/,
      );
    }

    // Small-group aggregates: the reporter answers the survey; one answer
    // shows neither a number nor their team.
    await post('/api/feedback/surveys/responses', PRIYA, {
      nps: 2,
      ease: 1,
      comment: 'The anonymous reporter also answered',
    });
    for (const u of users) {
      await get('/api/feedback/surveys/results', u);
      await get('/api/feedback/surveys/results?granularity=month', u);
      await get('/api/feedback/surveys/comments', u);
    }
    expect(bodies[bodies.length - 1]).not.toContain('anonymous reporter');

    expect(bodies.length).toBeGreaterThan(80);
    for (const body of bodies) {
      expect(body).not.toContain(PRIYA);
      expect(body).not.toContain('priya');
      expect(body).not.toContain('payments-team');
    }
    // URLs (and so access logs) never carry the draft.
    for (const url of urls) {
      expect(url.toLocaleLowerCase('en-US')).not.toContain('token');
    }
    // Nor do the plugin's own logs carry the reporter.
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) {
      expect(line).not.toMatch(/priya|payments-team/);
    }
  });

  it('serves the survey: offered, answered with the team from the catalog, not offered again', async () => {
    const current = await request(server)
      .get('/api/feedback/surveys/current')
      .set(as(PRIYA));
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ offer: true });
    expect(
      (
        await request(server)
          .post('/api/feedback/surveys/responses')
          .set(as(PRIYA))
          .send({ nps: 10, ease: 5, comment: 'Quick to find owners' })
      ).status,
    ).toBe(201);
    expect(
      (
        await request(server)
          .get('/api/feedback/surveys/current')
          .set(as(PRIYA))
      ).body.offer,
    ).toBe(false);
    const results = await request(server)
      .get('/api/feedback/surveys/results?granularity=quarter&periods=1')
      .set(as(ALEX));
    // One answer: nothing shown, not even the team.
    expect(results.body).toEqual({
      overall: [
        expect.objectContaining({
          suppressed: true,
          responses: null,
          nps: null,
        }),
      ],
      teams: [],
      responses: 0,
    });
    expect(JSON.stringify(results.body)).not.toMatch(/priya|payments/);
  });

  it('counts the reports about an entity by status', async () => {
    const a = (await create(PRIYA)).body.id;
    await create(ALEX);
    await create(PRIYA, {
      ...validReport,
      entityRef: 'component:default/payments-api',
    });
    await request(server)
      .post(`/api/feedback/reports/${a}/status`)
      .set(as(OLU))
      .send({ status: 'shipped', note: 'Done' });

    const res = await request(server)
      .get('/api/feedback/reports/counts?entityRef=Component:user-auth-service')
      .set(as(SAM));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityRef: 'component:default/user-auth-service',
      open: 1,
      total: 2,
      byStatus: {
        new: 1,
        triaged: 0,
        planned: 0,
        'in-progress': 0,
        shipped: 1,
        declined: 0,
      },
    });
    const none = await request(server)
      .get('/api/feedback/reports/counts?entityRef=component:default/nothing')
      .set(as(SAM));
    expect(none.body).toMatchObject({ open: 0, total: 0 });

    const missing = await request(server)
      .get('/api/feedback/reports/counts')
      .set(as(SAM));
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('entityRef');
    expect(
      (await request(server).get('/api/feedback/reports/counts?entityRef=x'))
        .status,
    ).toBe(401);
  });

  it("limits one person's writes with 429 and Retry-After, not others' or reads", async () => {
    // 30 writes a minute per person (reports, me-toos, moves, answers).
    for (let i = 0; i < 30; i++) {
      expect((await create(PRIYA)).status).toBe(201);
    }
    const refused = await create(PRIYA);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.error.message).toMatch(
      /^Too many requests to feedback: at most 30 per 60 seconds/,
    );
    const listed = await request(server)
      .get('/api/feedback/reports?limit=50')
      .set(as(OLU));
    expect(listed.body.items).toHaveLength(30);
    expect((await create(OLU)).status).toBe(201);
    expect(
      (await request(server).get('/api/feedback/reports').set(as(PRIYA)))
        .status,
    ).toBe(200);
  });
});
