import { Knex } from 'knex';
import { resolve as resolvePath } from 'node:path';
import { DatabaseFeedbackStore } from './DatabaseFeedbackStore';
import { impactOf } from '../service/impact';
import { NewReport, StoredReport, Supporter } from './FeedbackStore';
import { bothDatabases } from '@internal/test-utils';

jest.setTimeout(60_000);

const databases = bothDatabases();

const TEAM_SIZES: Record<string, number> = {
  'group:default/identity-and-access-team': 8,
  'group:default/payments-team': 5,
  'group:default/platform-team': 3,
};
const SIZES = new Map(Object.entries(TEAM_SIZES));

/** The impact rule with these sizes, as the router hands it to the store. */
const impactWith =
  (sizes: ReadonlyMap<string, number>) =>
  (supporters: Supporter[], report: StoredReport) =>
    impactOf(
      supporters,
      sizes,
      report.anonymous ? report.reporterRef : undefined,
    );
const impact = impactWith(SIZES);

function newReport(
  overrides: Partial<Omit<NewReport, 'impact'>> = {},
): NewReport {
  const input = {
    entityRef: 'component:default/user-auth-service',
    entityOwnerRef: 'group:default/identity-and-access-team',
    category: 'docs' as const,
    severity: 'medium' as const,
    text: 'The onboarding docs for token refresh are outdated',
    anonymous: false,
    reporterRef: 'user:default/priya.sharma',
    reporterTeamRef: 'group:default/payments-team' as string | null,
    ...overrides,
  };
  const reporter = {
    userRef: input.reporterRef,
    teamRef: input.anonymous ? null : input.reporterTeamRef,
  };
  return { ...input, impact: impactOf([reporter], SIZES) };
}

describe.each(databases.eachSupportedId())('DatabaseFeedbackStore (%s)', id => {
  let knex: Knex;
  let store: DatabaseFeedbackStore;

  beforeEach(async () => {
    knex = await databases.init(id);
    store = await DatabaseFeedbackStore.create({
      database: { getClient: async () => knex },
    });
  });

  it('migrates down and up again', async () => {
    const directory = resolvePath(__dirname, '../../migrations');
    expect(await knex.schema.hasTable('reports')).toBe(true);
    await knex.migrate.rollback({ directory }, true);
    for (const table of ['reports', 'report_supporters', 'report_events']) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }
    await knex.migrate.latest({ directory });
    expect(await knex.schema.hasTable('report_events')).toBe(true);
  });

  it('creates a report with the reporter as first supporter', async () => {
    const report = await store.createReport(newReport());
    expect(report).toMatchObject({
      entityRef: 'component:default/user-auth-service',
      entityOwnerRef: 'group:default/identity-and-access-team',
      category: 'docs',
      severity: 'medium',
      anonymous: false,
      status: 'new',
      impact: 5,
      supporterCount: 1,
      reporterRef: 'user:default/priya.sharma',
      reporterTeamRef: 'group:default/payments-team',
    });
    expect(report.createdAt).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
    );
    expect(report.updatedAt).toBe(report.createdAt);
    expect(await store.getReport(report.id)).toEqual(report);
    expect(await store.listSupporters(report.id)).toEqual([
      {
        userRef: 'user:default/priya.sharma',
        teamRef: 'group:default/payments-team',
      },
    ]);
    const anon = await store.createReport(
      newReport({ anonymous: true, reporterTeamRef: null }),
    );
    expect(anon.anonymous).toBe(true);
    expect(anon.impact).toBe(1);
    expect(await store.getReport('nope')).toBeUndefined();
  });

  it('counts reports about an entity by status', async () => {
    const a = await store.createReport(newReport());
    await store.createReport(newReport());
    await store.createReport(
      newReport({ entityRef: 'component:default/payments-api' }),
    );
    await store.changeStatus(a.id, {
      status: 'planned',
      note: 'Next sprint',
      actorRef: 'user:default/olu',
    });
    expect(
      await store.countByStatus('component:default/user-auth-service'),
    ).toEqual({ new: 1, planned: 1 });
    expect(await store.countByStatus('component:default/none')).toEqual({});
  });

  it('is visible from a fresh store on the same database (restart)', async () => {
    const report = await store.createReport(newReport());
    await store.addSupporter(
      report.id,
      { userRef: 'user:default/sam', teamRef: 'group:default/platform-team' },
      impact,
    );
    await store.changeStatus(report.id, {
      status: 'triaged',
      note: 'Looking at it',
      actorRef: 'user:default/olu',
    });
    const fresh = await DatabaseFeedbackStore.create({
      database: { getClient: async () => knex },
    });
    expect(await fresh.getReport(report.id)).toMatchObject({
      status: 'triaged',
      impact: 8,
      supporterCount: 2,
      anonymous: false,
    });
    expect(await fresh.listEvents(report.id)).toHaveLength(1);
  });

  it('adds me-too idempotently and recomputes impact', async () => {
    const report = await store.createReport(newReport());
    const first = await store.addSupporter(
      report.id,
      {
        userRef: 'user:default/alex',
        teamRef: 'group:default/identity-and-access-team',
      },
      impact,
    );
    expect(first.added).toBe(true);
    expect(first.report.impact).toBe(5 + 8);
    expect(first.report.supporterCount).toBe(2);

    const again = await store.addSupporter(
      report.id,
      {
        userRef: 'user:default/alex',
        teamRef: 'group:default/identity-and-access-team',
      },
      impact,
    );
    expect(again.added).toBe(false);
    expect(again.report).toEqual(first.report);

    // The reporter supporting their own report changes nothing either.
    const own = await store.addSupporter(
      report.id,
      {
        userRef: 'user:default/priya.sharma',
        teamRef: 'group:default/payments-team',
      },
      impact,
    );
    expect(own.added).toBe(false);

    // No team counts 1; unknown team counts 1.
    const noTeam = await store.addSupporter(
      report.id,
      { userRef: 'user:default/kim', teamRef: null },
      impact,
    );
    expect(noTeam.report.impact).toBe(14);
    const unknownTeam = await store.addSupporter(
      report.id,
      { userRef: 'user:default/lee', teamRef: 'group:default/ghosts' },
      impact,
    );
    expect(unknownTeam.report.impact).toBe(15);
    expect(unknownTeam.report.supporterCount).toBe(4);

    // Recompute uses current team sizes for every supporter.
    const bigger = impactWith(
      new Map(
        [...SIZES.keys(), 'group:default/ghosts'].map(r => [r, 10] as const),
      ),
    );
    const recomputed = await store.addSupporter(
      report.id,
      { userRef: 'user:default/max', teamRef: null },
      bigger,
    );
    expect(recomputed.report.impact).toBe(10 + 10 + 1 + 10 + 1);

    expect(
      await store.supportedBy('user:default/alex', [report.id, 'other']),
    ).toEqual(new Set([report.id]));
    await expect(
      store.addSupporter('missing', { userRef: 'x', teamRef: null }, impact),
    ).rejects.toThrow(/not found/);
  });

  it('weighs an anonymous reporter 1 and does not store their team, even after a me-too', async () => {
    const anon = await store.createReport(
      newReport({ anonymous: true }), // payments-team, size 5
    );
    expect(anon.impact).toBe(1);
    expect(anon.reporterTeamRef).toBeNull();
    expect(await store.getReport(anon.id)).toMatchObject({
      impact: 1,
      reporterTeamRef: null,
    });
    expect(await store.listSupporters(anon.id)).toEqual([
      { userRef: 'user:default/priya.sharma', teamRef: null },
    ]);
    const metoo = await store.addSupporter(
      anon.id,
      {
        userRef: 'user:default/alex',
        teamRef: 'group:default/identity-and-access-team',
      },
      impact,
    );
    expect(metoo.report.impact).toBe(1 + 8);

    // A row written before this rule (the reporter's team stored) still
    // weighs 1 when impact is recomputed.
    const old = await store.createReport(newReport());
    await knex('reports').where({ id: old.id }).update({ anonymous: true });
    const after = await store.addSupporter(
      old.id,
      { userRef: 'user:default/kim', teamRef: null },
      impact,
    );
    expect(after.report.impact).toBe(1 + 1);
  });

  it('lists by impact desc then created_at desc, with filters', async () => {
    const small = await store.createReport(
      newReport({ reporterTeamRef: null, category: 'tooling' }),
    );
    const big = await store.createReport(
      newReport({
        reporterTeamRef: 'group:default/identity-and-access-team',
        entityRef: 'component:default/payments-api',
        entityOwnerRef: 'group:default/payments-team',
      }),
    );
    const mid1 = await store.createReport(newReport());
    const mid2 = await store.createReport(newReport({ anonymous: true }));

    const all = await store.listReports({}, { limit: 20 });
    // The anonymous mid2 counts 1, like small, and is newer.
    expect(all.items.map(r => r.id)).toEqual([
      big.id,
      mid1.id,
      mid2.id,
      small.id,
    ]);
    expect(all.nextCursor).toBeUndefined();

    // A me-too moves a report up.
    await store.addSupporter(
      small.id,
      {
        userRef: 'user:default/alex',
        teamRef: 'group:default/identity-and-access-team',
      },
      impact,
    );
    const resorted = await store.listReports({}, { limit: 20 });
    expect(resorted.items[0].id).toBe(small.id);

    const ids = async (filter: Parameters<typeof store.listReports>[0]) =>
      (await store.listReports(filter, { limit: 20 })).items.map(r => r.id);

    expect(await ids({ category: 'tooling' })).toEqual([small.id]);
    expect(await ids({ entityRef: 'component:default/payments-api' })).toEqual([
      big.id,
    ]);
    expect(await ids({ ownerRef: 'group:default/payments-team' })).toEqual([
      big.id,
    ]);
    // The anonymous report never matches a reporter team filter.
    expect(
      await ids({ reporterTeamRef: 'group:default/payments-team' }),
    ).toEqual([mid1.id]);
    await store.changeStatus(mid1.id, {
      status: 'planned',
      note: 'Next sprint',
      actorRef: 'user:default/olu',
    });
    expect(await ids({ status: 'planned' })).toEqual([mid1.id]);
    expect(await ids({ status: 'new', category: 'docs' })).toEqual([
      big.id,
      mid2.id,
    ]);
  });

  it("lists a user's own and supported reports, never their anonymous ones", async () => {
    const me = 'user:default/priya.sharma';
    const filed = await store.createReport(newReport());
    const anonymous = await store.createReport(
      newReport({ anonymous: true, reporterTeamRef: null }),
    );
    const others = await store.createReport(
      newReport({ reporterRef: 'user:default/sam.okafor' }),
    );
    await store.createReport(
      newReport({ reporterRef: 'user:default/olu.adeyemi' }),
    );
    await store.addSupporter(
      others.id,
      { userRef: me, teamRef: 'group:default/payments-team' },
      impact,
    );
    const page = await store.listReports({ supporterRef: me }, { limit: 10 });
    const ids = page.items.map(r => r.id);
    expect(ids.sort()).toEqual([filed.id, others.id].sort());
    expect(ids).not.toContain(anonymous.id);
    const shipped = await store.listReports(
      { supporterRef: me, status: 'shipped' },
      { limit: 10 },
    );
    expect(shipped.items).toEqual([]);
  });

  it('paginates with a cursor', async () => {
    const created = [];
    for (let i = 0; i < 7; i++) {
      created.push(await store.createReport(newReport({ text: `r${i}` })));
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.listReports({}, { limit: 3, cursor });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map(r => r.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(created.map(r => r.id).reverse());
    await expect(
      store.listReports({}, { limit: 3, cursor: 'garbage' }),
    ).rejects.toThrow(/Invalid cursor/);
  });

  it('allows valid transitions and rejects invalid ones without writing', async () => {
    const report = await store.createReport(newReport());

    const skip = await store.changeStatus(report.id, {
      status: 'planned',
      note: 'Skipping triage',
      actorRef: 'user:default/olu',
    });
    expect(skip.report.status).toBe('planned');
    expect(skip.event).toMatchObject({
      fromStatus: 'new',
      toStatus: 'planned',
      note: 'Skipping triage',
      actorRef: 'user:default/olu',
    });

    const before = await store.getReport(report.id);
    await expect(
      store.changeStatus(report.id, {
        status: 'triaged',
        note: 'Backwards',
        actorRef: 'user:default/olu',
      }),
    ).rejects.toThrow(/allowed next statuses: in-progress, shipped, declined/);
    await expect(
      store.changeStatus(report.id, {
        status: 'planned',
        note: 'Same',
        actorRef: 'user:default/olu',
      }),
    ).rejects.toThrow(/allowed next statuses/);
    expect(await store.getReport(report.id)).toEqual(before);
    expect(await store.listEvents(report.id)).toHaveLength(1);

    await store.changeStatus(report.id, {
      status: 'in-progress',
      note: 'Started',
      actorRef: 'user:default/olu',
    });
    await store.changeStatus(report.id, {
      status: 'shipped',
      note: 'Done',
      actorRef: 'user:default/olu',
    });
    await expect(
      store.changeStatus(report.id, {
        status: 'declined',
        note: 'Too late',
        actorRef: 'user:default/olu',
      }),
    ).rejects.toThrow(/final status/);
    const events = await store.listEvents(report.id);
    expect(events.map(e => e.toStatus)).toEqual([
      'planned',
      'in-progress',
      'shipped',
    ]);

    const other = await store.createReport(newReport());
    await store.changeStatus(other.id, {
      status: 'declined',
      note: 'Works as intended',
      actorRef: 'user:default/olu',
    });
    await expect(
      store.changeStatus(other.id, {
        status: 'shipped',
        note: 'x',
        actorRef: 'user:default/olu',
      }),
    ).rejects.toThrow(/final status/);
    await expect(
      store.changeStatus('missing', {
        status: 'triaged',
        note: 'x',
        actorRef: 'user:default/olu',
      }),
    ).rejects.toThrow(/not found/);
  });

  it('lists open candidates for the same entity or category', async () => {
    const sameEntity = await store.createReport(
      newReport({ category: 'tooling' }),
    );
    const sameCategory = await store.createReport(
      newReport({ entityRef: 'component:default/payments-api' }),
    );
    await store.createReport(
      newReport({ entityRef: 'component:default/other', category: 'other' }),
    );
    const closed = await store.createReport(newReport());
    await store.changeStatus(closed.id, {
      status: 'declined',
      note: 'no',
      actorRef: 'user:default/olu',
    });
    const found = await store.listOpenCandidates({
      entityRef: 'component:default/user-auth-service',
      category: 'docs',
      limit: 10,
    });
    expect(found.map(r => r.id).sort()).toEqual(
      [sameEntity.id, sameCategory.id].sort(),
    );
  });

  it('lists shipped reports by shipping time, paginated', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await store.createReport(newReport({ text: `s${i}` }));
      await store.changeStatus(r.id, {
        status: 'shipped',
        note: `shipped ${i}`,
        actorRef: 'user:default/olu',
      });
      ids.push(r.id);
    }
    await store.createReport(newReport()); // not shipped

    // An old shipping event falls outside the window.
    const old = await store.createReport(newReport());
    await store.changeStatus(old.id, {
      status: 'shipped',
      note: 'long ago',
      actorRef: 'user:default/olu',
    });
    await knex('report_events')
      .where({ report_id: old.id })
      .update({ created_at: '2020-01-06T10:00:00.000Z' });

    const since = new Date(Date.now() - 7 * 86400_000).toISOString();
    const first = await store.listShipped(since, { limit: 2 });
    expect(first.items.map(r => r.id)).toEqual([ids[2], ids[1]]);
    expect(first.items[0].shippedAt).toMatch(/Z$/);
    expect(first.nextCursor).toBeDefined();
    const second = await store.listShipped(since, {
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second.items.map(r => r.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeUndefined();

    const all = await store.listShipped('2020-01-01T00:00:00.000Z', {
      limit: 10,
    });
    expect(all.items.map(r => r.id)).toEqual([...ids.reverse(), old.id]);
    expect(all.items[3].shippedAt).toBe('2020-01-06T10:00:00.000Z');
  });
});
