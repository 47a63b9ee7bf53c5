import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  allowedNextStatuses,
  FeedbackStatus,
  FINAL_STATUSES,
} from '@internal/plugin-feedback-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import {
  decodeCursor,
  encodeCursor,
  reportCursorSchema,
  shippedCursorSchema,
} from './cursors';
import { NEW_REPORT } from './DatabaseNotificationOutbox';
import { EventRow, mapEvent, mapReport, ReportRow, toIso } from './rows';
import {
  FeedbackStore,
  NewReport,
  PageRequest,
  ReportFilter,
  StoredEvent,
  StoredReport,
  StorePage,
  Supporter,
} from './FeedbackStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-feedback-backend',
  'migrations',
);

let lastTimestamp = 0;

/** Knex-backed store, SQLite and PostgreSQL. */
export class DatabaseFeedbackStore implements FeedbackStore {
  static async create(options: {
    database: Pick<DatabaseService, 'getClient'> &
      Partial<Pick<DatabaseService, 'migrations'>>;
    skipMigrations?: boolean;
  }): Promise<DatabaseFeedbackStore> {
    const client = await options.database.getClient();
    const skip =
      options.skipMigrations ?? options.database.migrations?.skip ?? false;
    if (!skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseFeedbackStore(client);
  }

  private constructor(private readonly db: Knex) {}

  /**
   * Strictly increasing within the process, so that records created in the
   * same millisecond still sort in creation order.
   */
  private now(): string {
    const ms = Math.max(Date.now(), lastTimestamp + 1);
    lastTimestamp = ms;
    return new Date(ms).toISOString();
  }

  async createReport(
    input: NewReport,
    options: { notifyPlatformTeam?: boolean } = {},
  ): Promise<StoredReport> {
    const id = randomUUID();
    const now = this.now();
    // The team of an anonymous reporter is not even stored.
    const reporterTeamRef = input.anonymous ? null : input.reporterTeamRef;
    const row: ReportRow = {
      id,
      entity_ref: input.entityRef,
      entity_owner_ref: input.entityOwnerRef,
      category: input.category,
      severity: input.severity,
      text: input.text,
      anonymous: input.anonymous,
      reporter_ref: input.reporterRef,
      reporter_team_ref: reporterTeamRef,
      status: 'new',
      impact: input.impact,
      supporter_count: 1,
      created_at: now,
      updated_at: now,
    };
    const supporterRow = {
      report_id: id,
      user_ref: input.reporterRef,
      team_ref: reporterTeamRef,
      created_at: now,
    };
    // Committed with the report, so the notification survives a crash
    // right after the 201; the outbox task sends it.
    const outboxRow = {
      report_id: id,
      kind: NEW_REPORT,
      created_at: now,
      next_attempt_at: now,
      attempts: 0,
    };
    if (
      ['pg', 'postgres', 'postgresql'].includes(this.db.client.config.client)
    ) {
      // One statement, so one round trip instead of five (begin, three
      // inserts, commit); atomic and committed when it returns. PostgreSQL
      // runs every data-modifying WITH clause, read or not.
      await this.db.raw(
        `with r as (?),
         s as (insert into report_supporters (report_id, user_ref, team_ref, created_at)
           select id, reporter_ref, reporter_team_ref, created_at from r)
         ${
           options.notifyPlatformTeam
             ? `insert into feedback_outbox (report_id, kind, created_at, next_attempt_at, attempts)
                select id, ?, created_at, created_at, 0 from r`
             : 'select 1'
         }`,
        [
          this.db('reports')
            .insert(row)
            .returning([
              'id',
              'reporter_ref',
              'reporter_team_ref',
              'created_at',
            ]),
          ...(options.notifyPlatformTeam ? [NEW_REPORT] : []),
        ],
      );
    } else {
      await this.db.transaction(async tx => {
        await tx('reports').insert(row);
        await tx('report_supporters').insert(supporterRow);
        if (options.notifyPlatformTeam) {
          await tx('feedback_outbox').insert(outboxRow);
        }
      });
    }
    // What was committed; no need to read it back.
    return mapReport(row);
  }

  async getReport(id: string): Promise<StoredReport | undefined> {
    const row = await this.db<ReportRow>('reports').where({ id }).first();
    return row ? mapReport(row) : undefined;
  }

  async listReports(
    filter: ReportFilter,
    page: PageRequest,
  ): Promise<StorePage<StoredReport>> {
    const query = this.db<ReportRow>('reports');
    if (filter.status) query.where('status', filter.status);
    if (filter.open) query.whereNotIn('status', [...FINAL_STATUSES]);
    if (filter.category) query.where('category', filter.category);
    if (filter.entityRef) query.where('entity_ref', filter.entityRef);
    if (filter.ownerRef) query.where('entity_owner_ref', filter.ownerRef);
    if (filter.reporterTeamRef) {
      // Anonymous reports never match: the filter would reveal the team.
      query
        .where('reporter_team_ref', filter.reporterTeamRef)
        .where('anonymous', false);
    }
    if (filter.supporterRef) {
      const userRef = filter.supporterRef;
      query
        .whereIn(
          'id',
          this.db('report_supporters')
            .where('user_ref', userRef)
            .select('report_id'),
        )
        .whereNot(b =>
          b.where('anonymous', true).where('reporter_ref', userRef),
        );
    }
    if (page.cursor) {
      const c = decodeCursor(page.cursor, reportCursorSchema);
      query.where(b =>
        b
          .where('impact', '<', c.i)
          .orWhere(b2 => b2.where('impact', c.i).where('created_at', '<', c.c))
          .orWhere(b3 =>
            b3
              .where('impact', c.i)
              .where('created_at', c.c)
              .where('id', '<', c.id),
          ),
      );
    }
    const rows = await query
      .orderBy([
        { column: 'impact', order: 'desc' },
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(page.limit + 1);
    const items = rows.slice(0, page.limit).map(mapReport);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > page.limit && last
          ? encodeCursor({ i: last.impact, c: last.createdAt, id: last.id })
          : undefined,
    };
  }

  async countByStatus(
    entityRef: string,
  ): Promise<Partial<Record<FeedbackStatus, number>>> {
    const rows: Array<{ status: string; n: number | string }> = await this.db(
      'reports',
    )
      .where('entity_ref', entityRef)
      .groupBy('status')
      .select('status', this.db.raw('count(*) as n'));
    return Object.fromEntries(
      rows.map(r => [r.status, Number(r.n)]),
    ) as Partial<Record<FeedbackStatus, number>>;
  }

  async listEvents(reportId: string): Promise<StoredEvent[]> {
    const rows = await this.db<EventRow>('report_events')
      .where({ report_id: reportId })
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(mapEvent);
  }

  async listSupporters(reportId: string): Promise<Supporter[]> {
    const rows = await this.db('report_supporters')
      .where({ report_id: reportId })
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'user_ref', order: 'asc' },
      ])
      .select('user_ref', 'team_ref');
    return rows.map(r => ({
      userRef: r.user_ref,
      teamRef: r.team_ref ?? null,
    }));
  }

  async supportedBy(
    userRef: string,
    reportIds: string[],
  ): Promise<Set<string>> {
    if (reportIds.length === 0) {
      return new Set();
    }
    const rows = await this.db('report_supporters')
      .where({ user_ref: userRef })
      .whereIn('report_id', reportIds)
      .select('report_id');
    return new Set(rows.map(r => r.report_id as string));
  }

  async addSupporter(
    reportId: string,
    supporter: Supporter,
    impactOf: (supporters: Supporter[], report: StoredReport) => number,
  ): Promise<{ report: StoredReport; added: boolean }> {
    const report = await this.getReport(reportId);
    if (!report) {
      throw new NotFoundError(`Report ${reportId} not found`);
    }
    const existing = await this.db('report_supporters')
      .where({ report_id: reportId, user_ref: supporter.userRef })
      .first();
    if (existing) {
      return { report, added: false };
    }
    await this.db('report_supporters')
      .insert({
        report_id: reportId,
        user_ref: supporter.userRef,
        team_ref: supporter.teamRef,
        created_at: this.now(),
      })
      .onConflict(['report_id', 'user_ref'])
      .ignore();
    // From all supporters, so every supporter weighs as the rule says now.
    const supporters = await this.listSupporters(reportId);
    await this.db('reports')
      .where({ id: reportId })
      .update({
        impact: impactOf(supporters, report),
        supporter_count: supporters.length,
      });
    return { report: (await this.getReport(reportId))!, added: true };
  }

  async changeStatus(
    reportId: string,
    change: { status: FeedbackStatus; note: string; actorRef: string },
  ): Promise<{ report: StoredReport; event: StoredEvent }> {
    const now = this.now();
    const event = await this.db.transaction(async tx => {
      const row = await tx<ReportRow>('reports')
        .where({ id: reportId })
        .first();
      if (!row) {
        throw new NotFoundError(`Report ${reportId} not found`);
      }
      const from = row.status as FeedbackStatus;
      const allowed = allowedNextStatuses(from);
      if (!allowed.includes(change.status)) {
        throw new InputError(
          FINAL_STATUSES.includes(from)
            ? `Report is ${from}, a final status; it cannot move to ${change.status}`
            : `Cannot move a report from ${from} to ${
                change.status
              }; allowed next statuses: ${allowed.join(', ')}`,
        );
      }
      const updated = await tx('reports')
        .where({ id: reportId, status: from })
        .update({ status: change.status, updated_at: now });
      if (updated !== 1) {
        throw new ConflictError(
          'The report was changed at the same time, try again',
        );
      }
      const eventRow: EventRow = {
        id: randomUUID(),
        report_id: reportId,
        from_status: from,
        to_status: change.status,
        note: change.note,
        actor_ref: change.actorRef,
        created_at: now,
      };
      await tx('report_events').insert(eventRow);
      return mapEvent(eventRow);
    });
    return { report: (await this.getReport(reportId))!, event };
  }

  async listOpenCandidates(query: {
    entityRef?: string;
    category?: StoredReport['category'];
    limit: number;
  }): Promise<StoredReport[]> {
    if (!query.entityRef && !query.category) {
      return [];
    }
    const rows = await this.db<ReportRow>('reports')
      .whereNotIn('status', [...FINAL_STATUSES])
      .where(b => {
        if (query.entityRef) b.orWhere('entity_ref', query.entityRef);
        if (query.category) b.orWhere('category', query.category);
      })
      .orderBy([
        { column: 'impact', order: 'desc' },
        { column: 'created_at', order: 'desc' },
      ])
      .limit(query.limit);
    return rows.map(mapReport);
  }

  async listShipped(
    since: string,
    page: PageRequest,
  ): Promise<StorePage<StoredReport & { shippedAt: string }>> {
    const query = this.db('report_events as e')
      .join('reports as r', 'r.id', 'e.report_id')
      .where('e.to_status', 'shipped')
      .where('e.created_at', '>=', since)
      .select('r.*', 'e.created_at as shipped_at', 'e.id as event_id');
    if (page.cursor) {
      const c = decodeCursor(page.cursor, shippedCursorSchema);
      query.where(b =>
        b
          .where('e.created_at', '<', c.s)
          .orWhere(b2 =>
            b2.where('e.created_at', c.s).where('e.id', '<', c.id),
          ),
      );
    }
    const rows = await query
      .orderBy([
        { column: 'e.created_at', order: 'desc' },
        { column: 'e.id', order: 'desc' },
      ])
      .limit(page.limit + 1);
    const items = rows.slice(0, page.limit).map(row => ({
      ...mapReport(row),
      shippedAt: toIso(row.shipped_at),
    }));
    const lastRow = rows[page.limit - 1];
    return {
      items,
      nextCursor:
        rows.length > page.limit
          ? encodeCursor({ s: toIso(lastRow.shipped_at), id: lastRow.event_id })
          : undefined,
    };
  }
}
