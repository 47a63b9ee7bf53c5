import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseSurveyStore } from '../database/DatabaseSurveyStore';
import { seedDemoSurveys } from './demoSurveys';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('seedDemoSurveys', () => {
  const now = new Date('2026-11-22T10:00:00.000Z');

  async function seeded() {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseSurveyStore.create({
      database: { getClient: async () => knex },
    });
    const written = await seedDemoSurveys(store, now);
    return { knex, store, written };
  }

  it('writes the same history every time, a year back to now, into an empty table only', async () => {
    const a = await seeded();
    const b = await seeded();
    expect(a.written).toBeGreaterThan(100);
    expect(b.written).toBe(a.written);
    const rows = (k: typeof a.knex) =>
      k('survey_responses')
        .orderBy('user_ref')
        .orderBy('quarter')
        .select(
          'quarter',
          'user_ref',
          'team_ref',
          'nps',
          'ease',
          'comment',
          'created_at',
        );
    expect(await rows(b.knex)).toEqual(await rows(a.knex));

    const quarters = await a
      .knex('survey_responses')
      .distinct('quarter')
      .orderBy('quarter');
    expect(quarters.map(q => q.quarter)).toEqual([
      '2025-Q4',
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
    ]);
    const [{ latest }] = await a
      .knex('survey_responses')
      .max({ latest: 'created_at' });
    expect(latest <= now.toISOString()).toBe(true);
    // Made-up respondents only: no catalog user is kept from being asked.
    const users = await a.knex('survey_responses').distinct('user_ref');
    expect(
      users.every(u => u.user_ref.startsWith('user:default/demo-respondent-')),
    ).toBe(true);

    expect(await seedDemoSurveys(a.store, now)).toBe(0);
    expect(await a.store.countResponses()).toBe(a.written);
  });
});
