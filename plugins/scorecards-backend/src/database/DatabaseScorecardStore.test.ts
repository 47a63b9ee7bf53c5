import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseScorecardStore } from './DatabaseScorecardStore';
import { StoredResultWithChecks } from './ScorecardStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

it('runs every case on PostgreSQL 15 and SQLite 3', () => {
  expect(
    databases
      .eachSupportedId()
      .map(([id]) => id)
      .sort(),
  ).toEqual(['POSTGRES_15', 'SQLITE_3']);
});

const result = (
  entityRef: string,
  levelIndex: number,
  evaluatedAt = '2026-11-26T10:00:00.000Z',
): StoredResultWithChecks => ({
  entityRef,
  scorecardId: 'production-readiness',
  ownerRef: 'group:default/team-a',
  levelIndex,
  failedChecks: levelIndex < 2 ? ['coverage', 'on-call'] : [],
  exemptChecks: [],
  checks: [],
  evaluatedAt,
});

describe.each(databases.eachSupportedId())(
  'DatabaseScorecardStore (%s)',
  id => {
    let store: DatabaseScorecardStore;
    beforeEach(async () => {
      const knex = await databases.init(id);
      store = await DatabaseScorecardStore.create({
        database: { getClient: async () => knex },
      });
    });

    it('keeps the newest fact and tells whether it changed', async () => {
      const fact = {
        entityRef: 'component:default/a',
        name: 'testCoverage',
        value: 81,
        measuredAt: '2026-11-20T00:00:00.000Z',
        source: 'ci',
      };
      expect(await store.putFact(fact)).toBe(true);
      expect(await store.putFact(fact)).toBe(false);
      expect(
        await store.putFact({
          ...fact,
          value: 10,
          measuredAt: '2026-11-19T00:00:00.000Z',
        }),
      ).toBe(false);
      expect(
        await store.putFact({
          ...fact,
          value: 90,
          measuredAt: '2026-11-21T00:00:00.000Z',
        }),
      ).toBe(true);
      expect(await store.getFacts(['component:default/a'])).toEqual([
        { ...fact, value: 90, measuredAt: '2026-11-21T00:00:00.000Z' },
      ]);
    });

    it('upserts results, returns the previous levels and prunes stale ones', async () => {
      expect(
        (await store.writeResults([result('component:default/a', 1)])).size,
      ).toBe(0);
      const before = await store.writeResults([
        result('component:default/a', 2, '2026-11-26T11:00:00.000Z'),
        result('component:default/b', 0, '2026-11-26T11:00:00.000Z'),
      ]);
      expect(before.get('component:default/a|production-readiness')).toBe(1);
      expect(
        (await store.listResults({})).map(r => [r.entityRef, r.levelIndex]),
      ).toEqual([
        ['component:default/a', 2],
        ['component:default/b', 0],
      ]);
      await store.writeResults([
        result('component:default/a', 2, '2026-11-26T12:00:00.000Z'),
      ]);
      await store.pruneResults('2026-11-26T12:00:00.000Z');
      expect((await store.listResults({})).map(r => r.entityRef)).toEqual([
        'component:default/a',
      ]);
      expect(
        await store.listResults({ ownerRef: 'group:default/other' }),
      ).toEqual([]);
    });

    it('snapshots a day (again idempotently), counts the trend and drops old days', async () => {
      await store.writeResults([
        result('component:default/a', 1),
        result('component:default/b', 2),
      ]);
      await store.snapshot('2025-01-01', '2024-01-01');
      await store.snapshot('2026-11-25', '2025-10-22');
      await store.writeResults([result('component:default/a', 2)]);
      await store.snapshot('2026-11-26', '2025-10-22');
      await store.snapshot('2026-11-26', '2025-10-22');
      const trend = await store.trend('2000-01-01');
      expect(trend).toEqual(
        [
          {
            scorecardId: 'production-readiness',
            day: '2026-11-25',
            levelIndex: 1,
            count: 1,
          },
          {
            scorecardId: 'production-readiness',
            day: '2026-11-25',
            levelIndex: 2,
            count: 1,
          },
          {
            scorecardId: 'production-readiness',
            day: '2026-11-26',
            levelIndex: 2,
            count: 2,
          },
        ].sort((x, y) => x.day.localeCompare(y.day)),
      );
      // Per team: the same here, every result is team-a's.
      expect(await store.trend('2000-01-01', 'group:default/team-a')).toEqual(
        trend,
      );
      expect(await store.trend('2000-01-01', 'group:default/other')).toEqual(
        [],
      );
      expect(await store.trend('2026-11-26')).toHaveLength(1);
    });

    it('keeps exemptions until their day and counts a campaign burn-up', async () => {
      const e = await store.createExemption({
        entityRef: 'component:default/a',
        scorecardId: 'production-readiness',
        checkId: 'coverage',
        reason: 'because',
        expiresOn: '2026-11-30',
        createdBy: 'user:default/sam',
      });
      expect(await store.activeExemptions('2026-11-30')).toHaveLength(1);
      expect(await store.activeExemptions('2026-12-01')).toHaveLength(0);
      await store.revokeExemption(e.id);
      expect(await store.activeExemptions('2026-11-26')).toHaveLength(0);
      expect(await store.getExemption(e.id)).toBeUndefined();

      const c = await store.createCampaign(
        {
          title: 'Silver',
          scorecardId: 'production-readiness',
          targetLevel: 'Silver',
          targetIndex: 2,
          deadline: '2027-03-31',
          scope: {},
          createdBy: 'user:default/sam',
        },
        [
          {
            entityRef: 'component:default/a',
            ownerRef: 'group:default/team-a',
          },
          { entityRef: 'component:default/b', ownerRef: null },
        ],
      );
      await store.writeResults([
        result('component:default/a', 1),
        result('component:default/b', 2),
      ]);
      await store.snapshot('2026-11-25', '2025-01-01');
      await store.writeResults([result('component:default/a', 2)]);
      await store.snapshot('2026-11-26', '2025-01-01');
      expect(await store.burnup(c.id, '2026-11-01')).toEqual([
        { day: '2026-11-25', reached: 1, total: 2 },
        { day: '2026-11-26', reached: 2, total: 2 },
      ]);
      expect(
        await store.activeCampaignsOf(['component:default/a'], '2026-11-26'),
      ).toEqual([
        {
          campaignId: c.id,
          scorecardId: 'production-readiness',
          entityRef: 'component:default/a',
        },
      ]);
      expect(
        await store.activeCampaignsOf(['component:default/a'], '2027-04-01'),
      ).toEqual([]);
      await store.markWeekNotice(c.id, '2027-03-24T00:00:00.000Z');
      expect((await store.getCampaign(c.id))?.weekNoticeAt).toBe(
        '2027-03-24T00:00:00.000Z',
      );
    });
  },
);
