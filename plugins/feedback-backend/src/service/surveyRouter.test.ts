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

// Many respondents: user:default/c<n> in Checkout Core, i<n> in Identity &
// Access, g<n> without a team.
const teamOf = (userRef: string) => {
  if (TEAMS[userRef]) return TEAMS[userRef];
  if (userRef.startsWith('user:default/c')) return TEAMS[PRIYA];
  if (userRef.startsWith('user:default/i')) return TEAMS[MARCO];
  return null;
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
          teamOf: async c => teamOf(c.principal.userEntityRef),
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

  const answerAll = async (
    prefix: string,
    answers: Array<[number, number]>,
    comment?: string,
  ) => {
    for (const [i, [nps, ease]] of answers.entries()) {
      const res = await respond(`user:default/${prefix}${i + 1}`, {
        nps,
        ease,
        ...(comment ? { comment: `${comment} ${i + 1}` } : {}),
      });
      expect(res.status).toBe(201);
    }
  };

  const suppressed = (period: string) => ({
    period,
    suppressed: true,
    responses: null,
    nps: null,
    promoters: null,
    passives: null,
    detractors: null,
    averageEase: null,
  });

  it('results: NPS overall and per team, hand-computed, with cells of fewer than 5 answers suppressed', async () => {
    // 2026-Q3 (August): Checkout 10,10,9,7,3; Identity 6,6,8,9,10.
    now = new Date('2026-08-15T00:00:00.000Z');
    await answerAll('c', [
      [10, 5],
      [10, 4],
      [9, 4],
      [7, 3],
      [3, 2],
    ]);
    await answerAll('i', [
      [6, 2],
      [6, 2],
      [8, 3],
      [9, 4],
      [10, 5],
    ]);
    // 2026-Q4: one answer without a team in October; in November Checkout
    // 9,9,9,9,9,0 (6 answers) and Identity 10,7,2 (3 answers).
    now = new Date('2026-10-05T00:00:00.000Z');
    await answerAll('g', [[8, 3]]);
    now = new Date('2026-11-22T10:00:00.000Z');
    await answerAll('c', [
      [9, 5],
      [9, 5],
      [9, 5],
      [9, 5],
      [9, 5],
      [0, 1],
    ]);
    await answerAll('i', [
      [10, 4],
      [7, 3],
      [2, 1],
    ]);

    const res = await request(app)
      .get('/surveys/results?granularity=quarter&periods=3')
      .set(as(GUEST));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      overall: [
        suppressed('2026-Q2'), // nobody answered
        // 10 answers: 5 promoters, 3 detractors -> (5 - 3) / 10 = 20;
        // ease 34 / 10 = 3.4
        {
          period: '2026-Q3',
          suppressed: false,
          responses: 10,
          nps: 20,
          promoters: 5,
          passives: 2,
          detractors: 3,
          averageEase: 3.4,
        },
        // 10 answers: 6 promoters, 2 detractors -> 40; ease 37 / 10 = 3.7
        {
          period: '2026-Q4',
          suppressed: false,
          responses: 10,
          nps: 40,
          promoters: 6,
          passives: 2,
          detractors: 2,
          averageEase: 3.7,
        },
      ],
      teams: [
        {
          entityRef: 'group:default/checkout-core-team',
          title: 'Checkout Core',
          periods: [
            suppressed('2026-Q2'),
            // (3 - 1) / 5 = 40; ease 18 / 5 = 3.6
            {
              period: '2026-Q3',
              suppressed: false,
              responses: 5,
              nps: 40,
              promoters: 3,
              passives: 1,
              detractors: 1,
              averageEase: 3.6,
            },
            // 6 answers, but 10 overall minus 6 would give away the 4
            // others (3 of Identity, 1 without a team): hidden as well.
            suppressed('2026-Q4'),
          ],
        },
        {
          entityRef: 'group:default/identity-and-access-team',
          title: 'Identity & Access',
          periods: [
            suppressed('2026-Q2'),
            // (2 - 2) / 5 = 0; ease 16 / 5 = 3.2
            {
              period: '2026-Q3',
              suppressed: false,
              responses: 5,
              nps: 0,
              promoters: 2,
              passives: 1,
              detractors: 2,
              averageEase: 3.2,
            },
            suppressed('2026-Q4'), // 3 answers
          ],
        },
      ],
      responses: 20,
    });
    // No respondent anywhere in the results.
    expect(JSON.stringify(res.body)).not.toMatch(/user:|priya|marco|guest/);

    // By month: August as above; October has 1 answer, so November (9)
    // would give it away from the quarter's 10: both hidden, and with them
    // every team's month.
    const months = await request(app)
      .get('/surveys/results?granularity=month&periods=4')
      .set(as(GUEST));
    expect(
      months.body.overall.map((p: any) => [p.period, p.responses, p.nps]),
    ).toEqual([
      ['2026-08', 10, 20],
      ['2026-09', null, null],
      ['2026-10', null, null],
      ['2026-11', null, null],
    ]);
    expect(months.body.overall[3].suppressed).toBe(true);
    expect(
      months.body.teams.map((t: any) => [
        t.title,
        t.periods.map((p: any) => p.responses),
      ]),
    ).toEqual([
      ['Checkout Core', [5, null, null, null]],
      ['Identity & Access', [5, null, null, null]],
    ]);
    expect(months.body.responses).toBe(10);

    // The same cells whatever the window.
    const lastMonth = await request(app)
      .get('/surveys/results?granularity=month&periods=1')
      .set(as(GUEST));
    expect(lastMonth.body.overall).toEqual([suppressed('2026-11')]);
    expect(lastMonth.body.teams).toEqual([]);
    expect(lastMonth.body.responses).toBe(0);
  });

  it('a team below 5 answers is not listed at all, and its numbers cannot be derived', async () => {
    now = new Date('2026-11-22T10:00:00.000Z');
    await answerAll('c', [
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
    const few = await request(app)
      .get('/surveys/results?periods=1')
      .set(as(GUEST));
    expect(few.body).toEqual({
      overall: [suppressed('2026-Q4')],
      teams: [],
      responses: 0,
    });
    // With 5 more answers of another team, the overall shows (8 answers),
    // the other team's 5 would give away Checkout's 3: hidden.
    await answerAll('i', [
      [10, 5],
      [10, 5],
      [10, 5],
      [10, 5],
      [10, 5],
    ]);
    const more = await request(app)
      .get('/surveys/results?periods=1')
      .set(as(GUEST));
    expect(more.body.overall[0]).toMatchObject({
      suppressed: false,
      responses: 8,
    });
    expect(more.body.teams).toEqual([]);
  });

  it('shows comments only for a quarter with at least 5 answers', async () => {
    now = new Date('2026-11-22T10:00:00.000Z');
    await answerAll(
      'c',
      [
        [3, 1],
        [4, 2],
        [5, 3],
        [6, 2],
      ],
      'Slow search',
    );
    const few = await request(app).get('/surveys/comments').set(as(PRIYA));
    expect(few.status).toBe(200);
    expect(few.body).toEqual({ items: [], suppressed: true });

    await answerAll('g', [[9, 5]]);
    const enough = await request(app)
      .get('/surveys/comments?limit=3')
      .set(as(PRIYA));
    expect(enough.body.suppressed).toBe(false);
    expect(enough.body.items).toHaveLength(3);
    expect(enough.body.nextCursor).toBe('3');
    const rest = await request(app)
      .get('/surveys/comments?limit=3&cursor=3')
      .set(as(PRIYA));
    expect(
      [...enough.body.items, ...rest.body.items].map((c: any) => c.text).sort(),
    ).toEqual([
      'Slow search 1',
      'Slow search 2',
      'Slow search 3',
      'Slow search 4',
    ]);
    expect(JSON.stringify(enough.body)).not.toMatch(/user:|team|created/);
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
