import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { DatabaseSurveyStore } from '../database/DatabaseSurveyStore';
import { createSurveyRouter } from './surveyRouter';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const PRIYA = 'user:default/priya.sharma';
const MARCO = 'user:default/marco.rossi';
const GUEST = 'user:default/guest';
const TEAMS: Record<string, string> = {
  [PRIYA]: 'group:default/checkout-core-team',
  [MARCO]: 'group:default/identity-and-access-team',
};

const as = (userRef: string) => ({
  Authorization: mockCredentials.user.header(userRef),
});

describe('survey routes', () => {
  let app: express.Express;
  let now: Date;

  beforeEach(async () => {
    now = new Date('2026-11-22T10:00:00.000Z');
    const knex = await databases.init('SQLITE_3');
    const surveys = await DatabaseSurveyStore.create({
      database: { getClient: async () => knex },
    });
    app = express();
    app.use(
      createSurveyRouter({
        surveys,
        httpAuth: mockServices.httpAuth({
          defaultCredentials: mockCredentials.none(),
        }),
        catalogInfo: {
          teamOf: async c => TEAMS[c.principal.userEntityRef] ?? null,
          teamTitles: async refs =>
            new Map(
              refs.map(r => [
                r,
                r === TEAMS[MARCO] ? 'Identity & Access' : 'Checkout Core',
              ]),
            ),
        },
        clock: () => now,
      }),
    );
    app.use(mockErrorHandler());
  });

  const current = (user: string) =>
    request(app).get('/surveys/current').set(as(user));
  const respond = (user: string, body: object) =>
    request(app).post('/surveys/responses').set(as(user)).send(body);

  it('offers the survey once per quarter: answered means not again until the next quarter', async () => {
    expect((await current(PRIYA)).body).toEqual({
      period: '2026-Q4',
      offer: true,
    });

    const res = await respond(PRIYA, { nps: 9, ease: 4, comment: 'Good' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      period: '2026-Q4',
      createdAt: '2026-11-22T10:00:00.000Z',
    });
    expect((await current(PRIYA)).body).toEqual({
      period: '2026-Q4',
      offer: false,
      answeredAt: '2026-11-22T10:00:00.000Z',
    });
    // Others are still asked.
    expect((await current(MARCO)).body.offer).toBe(true);

    // Later in the same quarter: still answered, a second answer is refused.
    now = new Date('2026-12-31T23:59:59.000Z');
    expect((await current(PRIYA)).body.offer).toBe(false);
    const again = await respond(PRIYA, { nps: 3, ease: 2 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      'You already answered the survey of 2026-Q4',
    );

    // A new quarter, a new survey.
    now = new Date('2027-01-01T00:00:00.000Z');
    expect((await current(PRIYA)).body).toEqual({
      period: '2027-Q1',
      offer: true,
    });
    expect((await respond(PRIYA, { nps: 10, ease: 5 })).status).toBe(201);
  });

  it('a dismissal counts for the quarter, and the user may still answer', async () => {
    const res = await request(app)
      .post('/surveys/dismissals')
      .set(as(MARCO))
      .send({});
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      period: '2026-Q4',
      offer: false,
      dismissedAt: '2026-11-22T10:00:00.000Z',
    });
    expect((await current(MARCO)).body.offer).toBe(false);
    expect((await respond(MARCO, { nps: 5, ease: 2 })).status).toBe(201);
    now = new Date('2027-02-10T00:00:00.000Z');
    expect((await current(MARCO)).body.offer).toBe(true);
  });

  it.each([
    ['nps above 10', { nps: 11, ease: 3 }, 'nps'],
    ['negative nps', { nps: -1, ease: 3 }, 'nps'],
    ['fractional nps', { nps: 7.5, ease: 3 }, 'nps'],
    ['nps as a string', { nps: '9', ease: 3 }, 'nps'],
    ['ease 0', { nps: 9, ease: 0 }, 'ease'],
    ['ease 6', { nps: 9, ease: 6 }, 'ease'],
    ['no ease', { nps: 9 }, 'ease'],
    [
      'a 2001-character comment',
      { nps: 9, ease: 3, comment: 'x'.repeat(2001) },
      'comment',
    ],
    ['an unknown key', { nps: 9, ease: 3, user: PRIYA }, 'Unrecognized key'],
  ])(
    'rejects %s with a 400 and records nothing',
    async (_label, body, field) => {
      const res = await respond(GUEST, body);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain(field);
      expect((await current(GUEST)).body.offer).toBe(true);
    },
  );

  it('needs a signed-in user', async () => {
    expect((await request(app).get('/surveys/current')).status).toBe(401);
    expect(
      (await request(app).post('/surveys/responses').send({ nps: 9, ease: 3 }))
        .status,
    ).toBe(401);
    expect(
      (await request(app).post('/surveys/dismissals').send({})).status,
    ).toBe(401);
  });

  it('results: NPS overall and per team per quarter, hand-computed', async () => {
    // 2026-Q3: priya 10 (promoter), marco 6 (detractor), guest 8 (passive).
    now = new Date('2026-08-15T00:00:00.000Z');
    await respond(PRIYA, { nps: 10, ease: 5 });
    await respond(MARCO, { nps: 6, ease: 2 });
    await respond(GUEST, { nps: 8, ease: 4 });
    // 2026-Q4: priya 9, marco 9, guest 3.
    now = new Date('2026-11-22T10:00:00.000Z');
    await respond(PRIYA, { nps: 9, ease: 4 });
    await respond(MARCO, { nps: 9, ease: 5 });
    await respond(GUEST, { nps: 3, ease: 1, comment: 'Slow search' });

    const res = await request(app)
      .get('/surveys/results?granularity=quarter&periods=3')
      .set(as(GUEST));
    expect(res.status).toBe(200);
    const empty = (period: string) => ({
      period,
      responses: 0,
      nps: null,
      promoters: 0,
      passives: 0,
      detractors: 0,
      averageEase: null,
    });
    expect(res.body).toEqual({
      overall: [
        empty('2026-Q2'),
        // (1 - 1) / 3 = 0; ease (5 + 2 + 4) / 3 = 3.67
        {
          period: '2026-Q3',
          responses: 3,
          nps: 0,
          promoters: 1,
          passives: 1,
          detractors: 1,
          averageEase: 3.67,
        },
        // (2 - 1) / 3 = 33.3 -> 33; ease 10 / 3 = 3.33
        {
          period: '2026-Q4',
          responses: 3,
          nps: 33,
          promoters: 2,
          passives: 0,
          detractors: 1,
          averageEase: 3.33,
        },
      ],
      teams: [
        {
          entityRef: 'group:default/checkout-core-team',
          title: 'Checkout Core',
          periods: [
            empty('2026-Q2'),
            {
              period: '2026-Q3',
              responses: 1,
              nps: 100,
              promoters: 1,
              passives: 0,
              detractors: 0,
              averageEase: 5,
            },
            {
              period: '2026-Q4',
              responses: 1,
              nps: 100,
              promoters: 1,
              passives: 0,
              detractors: 0,
              averageEase: 4,
            },
          ],
        },
        {
          entityRef: 'group:default/identity-and-access-team',
          title: 'Identity & Access',
          periods: [
            empty('2026-Q2'),
            {
              period: '2026-Q3',
              responses: 1,
              nps: -100,
              promoters: 0,
              passives: 0,
              detractors: 1,
              averageEase: 2,
            },
            {
              period: '2026-Q4',
              responses: 1,
              nps: 100,
              promoters: 1,
              passives: 0,
              detractors: 0,
              averageEase: 5,
            },
          ],
        },
      ],
      responses: 6,
    });
    // No respondent anywhere in the results.
    expect(JSON.stringify(res.body)).not.toMatch(/user:|priya|marco|guest/);

    const months = await request(app)
      .get('/surveys/results?granularity=month&periods=4')
      .set(as(GUEST));
    expect(
      months.body.overall.map((p: any) => [p.period, p.responses, p.nps]),
    ).toEqual([
      ['2026-08', 3, 0],
      ['2026-09', 0, null],
      ['2026-10', 0, null],
      ['2026-11', 3, 33],
    ]);
    expect(months.body.responses).toBe(6);

    const comments = await request(app).get('/surveys/comments').set(as(PRIYA));
    expect(comments.body).toEqual({
      items: [{ period: '2026-Q4', text: 'Slow search' }],
    });
  });

  it('rejects bad result and comment queries', async () => {
    for (const q of ['granularity=week', 'periods=0', 'periods=41', 'foo=1']) {
      const res = await request(app)
        .get(`/surveys/results?${q}`)
        .set(as(GUEST));
      expect(res.status).toBe(400);
    }
    const res = await request(app)
      .get('/surveys/comments?period=2026-11')
      .set(as(GUEST));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('quarter');
  });
});
