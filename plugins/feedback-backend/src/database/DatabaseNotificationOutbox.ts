import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { StoredReport } from './FeedbackStore';
import { mapReport, ReportRow } from './rows';

/** Outbox kind: tell the platform team about a new report. */
export const NEW_REPORT = 'new-report';

/** A notification owed for a committed report. */
export interface OutboxEntry {
  id: number;
  reportId: string;
  kind: string;
  attempts: number;
  /** The report as it is now; undefined once deleted. */
  report?: StoredReport;
}

/**
 * Notifications owed for committed reports. Rows are written by the
 * feedback store in the report's own transaction; this reads and clears them.
 */
export interface NotificationOutbox {
  /** Entries due at `now` (UTC ISO), oldest first, with their reports. */
  due(now: string, limit: number): Promise<OutboxEntry[]>;
  /** Sent (or nothing to send): the entries are gone. */
  done(ids: number[]): Promise<void>;
  /** Failed once more: tried again at `at` (UTC ISO). */
  retryAt(ids: number[], at: string, error: string): Promise<void>;
  /** How many entries wait, due or not. */
  pending(): Promise<number>;
}

/** Knex-backed outbox on the feedback plugin's database (migrated by the store). */
export class DatabaseNotificationOutbox implements NotificationOutbox {
  static async create(options: {
    database: Pick<DatabaseService, 'getClient'>;
  }): Promise<DatabaseNotificationOutbox> {
    return new DatabaseNotificationOutbox(await options.database.getClient());
  }

  private constructor(private readonly db: Knex) {}

  async due(now: string, limit: number): Promise<OutboxEntry[]> {
    const rows: Array<
      ReportRow & {
        outbox_id: number | string;
        outbox_report_id: string;
        kind: string;
        attempts: number | string;
      }
    > = await this.db('feedback_outbox as o')
      .leftJoin('reports as r', 'r.id', 'o.report_id')
      .where('o.next_attempt_at', '<=', now)
      .orderBy('o.id', 'asc')
      .limit(limit)
      .select(
        'r.*',
        'o.id as outbox_id',
        'o.report_id as outbox_report_id',
        'o.kind',
        'o.attempts',
      );
    return rows.map(r => ({
      id: Number(r.outbox_id),
      reportId: r.outbox_report_id,
      kind: r.kind,
      attempts: Number(r.attempts),
      report: r.id ? mapReport(r) : undefined,
    }));
  }

  async done(ids: number[]): Promise<void> {
    if (ids.length)
      await this.db('feedback_outbox').whereIn('id', ids).delete();
  }

  async retryAt(ids: number[], at: string, error: string): Promise<void> {
    if (!ids.length) return;
    await this.db('feedback_outbox')
      .whereIn('id', ids)
      .update({
        next_attempt_at: at,
        attempts: this.db.raw('attempts + 1'),
        last_error: error.slice(0, 2000),
      });
  }

  async pending(): Promise<number> {
    const [{ n }] = await this.db('feedback_outbox').count({ n: '*' });
    return Number(n);
  }
}
