import { bothDatabases } from '@internal/test-utils';
import { Knex } from 'knex';
import { countResults } from '../engine/summary';
import { createScorecardStores } from './createScorecardStores';
import { ScorecardStores, StoredResultWithChecks } from './ScorecardStore';

jest.setTimeout(60_000);

const databases = bothDatabases();

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

describe.each(databases.eachSupportedId())('scorecard stores (%s)', id => {
  let stores: ScorecardStores;
  let knex: Knex;
  beforeEach(async () => {
    knex = await databases.init(id);
    stores = await createScorecardStores({
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
    expect(await stores.facts.putFact(fact)).toBe(true);
    expect(await stores.facts.putFact(fact)).toBe(false);
    expect(
      await stores.facts.putFact({
        ...fact,
        value: 10,
        measuredAt: '2026-11-19T00:00:00.000Z',
      }),
    ).toBe(false);
    expect(
      await stores.facts.putFact({
        ...fact,
        value: 90,
        measuredAt: '2026-11-21T00:00:00.000Z',
      }),
    ).toBe(true);
    expect(await stores.facts.getFacts(['component:default/a'])).toEqual([
      { ...fact, value: 90, measuredAt: '2026-11-21T00:00:00.000Z' },
    ]);
  });

  it('upserts results, returns the previous levels and prunes stale ones', async () => {
    expect(
      (await stores.results.writeResults([result('component:default/a', 1)]))
        .size,
    ).toBe(0);
    const before = await stores.results.writeResults([
      result('component:default/a', 2, '2026-11-26T11:00:00.000Z'),
      result('component:default/b', 0, '2026-11-26T11:00:00.000Z'),
    ]);
    expect(before.get('component:default/a|production-readiness')).toBe(1);
    expect(
      (await stores.results.listResults({})).map(r => [
        r.entityRef,
        r.levelIndex,
      ]),
    ).toEqual([
      ['component:default/a', 2],
      ['component:default/b', 0],
    ]);
    await stores.results.writeResults([
      result('component:default/a', 2, '2026-11-26T12:00:00.000Z'),
    ]);
    await stores.results.pruneResults('2026-11-26T12:00:00.000Z');
    expect(
      (await stores.results.listResults({})).map(r => r.entityRef),
    ).toEqual(['component:default/a']);
    expect(
      await stores.results.listResults({ ownerRef: 'group:default/other' }),
    ).toEqual([]);
  });

  it('counts results in the database as the summary counts a list of them', async () => {
    const at = (
      entityRef: string,
      levelIndex: number,
      more: Partial<StoredResultWithChecks> = {},
    ) => ({ ...result(entityRef, levelIndex), ...more });
    await stores.results.writeResults([
      at('component:default/c', 1),
      at('component:default/a', 1, { exemptChecks: ['coverage'] }),
      at('component:default/b', 0, { failedChecks: ['on-call'] }),
      at('component:default/d', 2, { ownerRef: null }),
      at('component:default/e', 1, {
        scorecardId: 'security',
        ownerRef: 'group:default/team-b',
        failedChecks: ['vulnerabilities'],
      }),
    ]);
    const counts = await stores.results.countResults();
    expect(counts).toEqual(countResults(await stores.results.listResults({})));
    expect(counts.levels).toEqual([
      {
        scorecardId: 'production-readiness',
        ownerRef: 'group:default/team-a',
        levelIndex: 1,
        count: 2,
        exempt: 1,
      },
      {
        scorecardId: 'production-readiness',
        ownerRef: 'group:default/team-a',
        levelIndex: 0,
        count: 1,
        exempt: 0,
      },
      {
        scorecardId: 'production-readiness',
        ownerRef: null,
        levelIndex: 2,
        count: 1,
        exempt: 0,
      },
      {
        scorecardId: 'security',
        ownerRef: 'group:default/team-b',
        levelIndex: 1,
        count: 1,
        exempt: 0,
      },
    ]);
    expect(counts.failed).toEqual([
      {
        scorecardId: 'production-readiness',
        failedChecks: ['coverage', 'on-call'],
        count: 2,
      },
      {
        scorecardId: 'production-readiness',
        failedChecks: ['on-call'],
        count: 1,
      },
      { scorecardId: 'security', failedChecks: ['vulnerabilities'], count: 1 },
    ]);

    // Reused until a newer evaluation is written, by this or another replica.
    expect(await stores.results.countResults()).toBe(
      await stores.results.countResults(),
    );
    const replica = await createScorecardStores({
      database: { getClient: async () => knex },
    });
    await replica.results.writeResults([
      at('component:default/f', 2, { evaluatedAt: '2026-11-26T11:00:00.000Z' }),
    ]);
    const after = await stores.results.countResults();
    expect(after).not.toBe(counts);
    expect(after).toEqual(countResults(await stores.results.listResults({})));
  });

  it('snapshots a day (again idempotently), counts the trend and drops old days', async () => {
    await stores.results.writeResults([
      result('component:default/a', 1),
      result('component:default/b', 2),
    ]);
    await stores.snapshots.snapshot('2025-01-01', '2024-01-01');
    await stores.snapshots.snapshot('2026-11-25', '2025-10-22');
    await stores.results.writeResults([result('component:default/a', 2)]);
    await stores.snapshots.snapshot('2026-11-26', '2025-10-22');
    await stores.snapshots.snapshot('2026-11-26', '2025-10-22');
    const trend = await stores.snapshots.trend('2000-01-01');
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
    expect(
      await stores.snapshots.trend('2000-01-01', 'group:default/team-a'),
    ).toEqual(trend);
    expect(
      await stores.snapshots.trend('2000-01-01', 'group:default/other'),
    ).toEqual([]);
    expect(await stores.snapshots.trend('2026-11-26')).toHaveLength(1);
  });

  it('keeps exemptions until their day and counts a campaign burn-up', async () => {
    const e = await stores.exemptions.createExemption({
      entityRef: 'component:default/a',
      scorecardId: 'production-readiness',
      checkId: 'coverage',
      reason: 'because',
      expiresOn: '2026-11-30',
      createdBy: 'user:default/sam',
    });
    expect(await stores.exemptions.activeExemptions('2026-11-30')).toHaveLength(
      1,
    );
    expect(await stores.exemptions.activeExemptions('2026-12-01')).toHaveLength(
      0,
    );
    await stores.exemptions.revokeExemption(e.id);
    expect(await stores.exemptions.activeExemptions('2026-11-26')).toHaveLength(
      0,
    );
    expect(await stores.exemptions.getExemption(e.id)).toBeUndefined();

    const c = await stores.campaigns.createCampaign(
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
    await stores.results.writeResults([
      result('component:default/a', 1),
      result('component:default/b', 2),
    ]);
    await stores.snapshots.snapshot('2026-11-25', '2025-01-01');
    await stores.results.writeResults([result('component:default/a', 2)]);
    await stores.snapshots.snapshot('2026-11-26', '2025-01-01');
    expect(await stores.campaigns.burnup(c.id, '2026-11-01')).toEqual([
      { day: '2026-11-25', reached: 1, total: 2 },
      { day: '2026-11-26', reached: 2, total: 2 },
    ]);
    expect(
      await stores.campaigns.activeCampaignsOf(
        ['component:default/a'],
        '2026-11-26',
      ),
    ).toEqual([
      {
        campaignId: c.id,
        scorecardId: 'production-readiness',
        entityRef: 'component:default/a',
      },
    ]);
    expect(
      await stores.campaigns.activeCampaignsOf(
        ['component:default/a'],
        '2027-04-01',
      ),
    ).toEqual([]);
    await stores.campaigns.markWeekNotice(c.id, '2027-03-24T00:00:00.000Z');
    expect((await stores.campaigns.getCampaign(c.id))?.weekNoticeAt).toBe(
      '2027-03-24T00:00:00.000Z',
    );
  });
});
