import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { resolve as resolvePath } from 'node:path';
import { DatabaseSurveyStore } from './DatabaseSurveyStore';
import { NewSurveyResponse } from './SurveyStore';
import { bothDatabases } from '@internal/test-utils';

jest.setTimeout(60_000);

const databases = bothDatabases();

const PAY = 'group:default/payments-team';
const IAM = 'group:default/identity-and-access-team';

let n = 0;
function answer(overrides: Partial<NewSurveyResponse>): NewSurveyResponse {
  n++;
  return {
    userRef: `user:default/u${n}`,
    teamRef: PAY,
    quarter: '2026-Q4',
    nps: 8,
    ease: 4,
    createdAt: '2026-11-02T10:00:00.000Z',
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())('DatabaseSurveyStore (%s)', id => {
  let knex: Knex;
  let store: DatabaseSurveyStore;

  beforeEach(async () => {
    knex = await databases.init(id);
    store = await DatabaseSurveyStore.create({
      database: { getClient: async () => knex },
    });
  });

  it('migrates the survey tables down and up again', async () => {
    const directory = resolvePath(__dirname, '../../migrations');
    await knex.migrate.down({ directory, name: '20261122200000_surveys.js' });
    expect(await knex.schema.hasTable('survey_responses')).toBe(false);
    expect(await knex.schema.hasTable('survey_dismissals')).toBe(false);
    expect(await knex.schema.hasTable('reports')).toBe(true);
    await knex.migrate.latest({ directory });
    expect(await knex.schema.hasTable('survey_responses')).toBe(true);
  });

  it('records one answer per user and quarter', async () => {
    const sam = 'user:default/sam.okafor';
    expect(await store.getStatus(sam, '2026-Q4')).toEqual({});
    await store.addResponse(
      answer({ userRef: sam, createdAt: '2026-10-05T09:00:00.000Z' }),
    );
    expect(await store.getStatus(sam, '2026-Q4')).toEqual({
      answeredAt: '2026-10-05T09:00:00.000Z',
    });
    await expect(
      store.addResponse(answer({ userRef: sam, nps: 2 })),
    ).rejects.toThrow(ConflictError);
    // The next quarter is a new survey.
    expect(await store.getStatus(sam, '2027-Q1')).toEqual({});
    await store.addResponse(answer({ userRef: sam, quarter: '2027-Q1' }));
    expect(await store.countResponses()).toBe(2);
  });

  it('records a dismissal once, idempotently', async () => {
    const u = 'user:default/priya.sharma';
    await store.addDismissal(u, '2026-Q4', '2026-11-01T00:00:00.000Z');
    await store.addDismissal(u, '2026-Q4', '2026-11-02T00:00:00.000Z');
    expect(await store.getStatus(u, '2026-Q4')).toEqual({
      dismissedAt: '2026-11-01T00:00:00.000Z',
    });
    expect(await store.getStatus(u, '2026-Q3')).toEqual({});
  });

  it('aggregates per quarter or month and team', async () => {
    // 2026-Q3 (September): payments 10, 6; identity 9.
    await store.addResponse(
      answer({
        quarter: '2026-Q3',
        nps: 10,
        ease: 5,
        createdAt: '2026-09-03T00:00:00.000Z',
      }),
    );
    await store.addResponse(
      answer({
        quarter: '2026-Q3',
        nps: 6,
        ease: 2,
        createdAt: '2026-09-04T00:00:00.000Z',
      }),
    );
    await store.addResponse(
      answer({
        quarter: '2026-Q3',
        teamRef: IAM,
        nps: 9,
        ease: 4,
        createdAt: '2026-09-30T23:59:59.999Z',
      }),
    );
    // 2026-Q4: October payments 7; November no team 0.
    await store.addResponse(
      answer({ nps: 7, ease: 3, createdAt: '2026-10-01T00:00:00.000Z' }),
    );
    await store.addResponse(
      answer({
        teamRef: null,
        nps: 0,
        ease: 1,
        createdAt: '2026-11-20T00:00:00.000Z',
      }),
    );

    // Order of the null team differs between databases; compare as sets.
    const quarters = await store.aggregate('quarter', '2026-Q3');
    expect(quarters).toHaveLength(4);
    expect(quarters).toEqual(
      expect.arrayContaining([
        {
          period: '2026-Q3',
          teamRef: IAM,
          responses: 1,
          promoters: 1,
          detractors: 0,
          easeSum: 4,
        },
        {
          period: '2026-Q3',
          teamRef: PAY,
          responses: 2,
          promoters: 1,
          detractors: 1,
          easeSum: 7,
        },
        {
          period: '2026-Q4',
          teamRef: null,
          responses: 1,
          promoters: 0,
          detractors: 1,
          easeSum: 1,
        },
        {
          period: '2026-Q4',
          teamRef: PAY,
          responses: 1,
          promoters: 0,
          detractors: 0,
          easeSum: 3,
        },
      ]),
    );
    expect(await store.aggregate('quarter', '2026-Q4')).toHaveLength(2);
    const months = await store.aggregate('month', '2026-10');
    expect(months).toEqual(
      expect.arrayContaining([
        {
          period: '2026-10',
          teamRef: PAY,
          responses: 1,
          promoters: 0,
          detractors: 0,
          easeSum: 3,
        },
        {
          period: '2026-11',
          teamRef: null,
          responses: 1,
          promoters: 0,
          detractors: 1,
          easeSum: 1,
        },
      ]),
    );
    expect(months).toHaveLength(2);
    expect(
      (await store.aggregate('month', '2026-09')).filter(
        r => r.period === '2026-09',
      ),
    ).toHaveLength(2);
  });

  it('lists comments of a quarter without anything about who wrote them', async () => {
    await store.addResponse(
      answer({ comment: 'first', createdAt: '2026-10-01T00:00:00.000Z' }),
    );
    await store.addResponse(answer({ createdAt: '2026-10-02T00:00:00.000Z' }));
    await store.addResponse(
      answer({ comment: 'second', createdAt: '2026-10-03T00:00:00.000Z' }),
    );
    await store.addResponse(
      answer({
        quarter: '2026-Q3',
        comment: 'old',
        createdAt: '2026-09-01T00:00:00.000Z',
      }),
    );
    // Not newest first (that would tell who wrote the latest), but by the
    // random response id: stable for paging, unrelated to time. Ids chosen
    // here so that id order is the opposite of time order.
    await knex('survey_responses')
      .where({ comment: 'first' })
      .update({ id: '00000000-0000-4000-8000-000000000001' });
    await knex('survey_responses')
      .where({ comment: 'second' })
      .update({ id: 'ffffffff-0000-4000-8000-000000000001' });
    expect(
      await store.listComments('2026-Q4', { offset: 0, limit: 10 }),
    ).toEqual(['first', 'second']);
    expect(
      await store.listComments('2026-Q4', { offset: 1, limit: 10 }),
    ).toEqual(['second']);
    expect(
      await store.listComments('2026-Q3', { offset: 0, limit: 10 }),
    ).toEqual(['old']);
    expect(await store.countResponses('2026-Q4')).toBe(3);
    expect(await store.countResponses('2026-Q3')).toBe(1);
    expect(await store.countResponses()).toBe(4);
  });
});
