import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-feedback-backend',
  'migrations',
);

/** A planned report as the roadmap needs it (never its reporter). */
export interface PlannedReport {
  id: string;
  text: string;
  entityRef: string;
  category: string;
  status: string;
  impact: number;
  effort: string;
  plannedQuarter: string | null;
  /** When it last moved to shipped, if it did. */
  shippedAt: string | null;
}

export interface RoadmapStore {
  /** Sets a report's plan; NotFoundError when there is no such report. */
  setPlan(
    reportId: string,
    plan: { effort: string; plannedQuarter: string | null },
    actorRef: string,
    now: Date,
  ): Promise<void>;
  /** Every planned report. */
  listPlanned(): Promise<PlannedReport[]>;
}

function toIso(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v.toISOString() : String(v);
}

export class DatabaseRoadmapStore implements RoadmapStore {
  static async create(options: {
    database: Pick<DatabaseService, 'getClient'> &
      Partial<Pick<DatabaseService, 'migrations'>>;
    skipMigrations?: boolean;
  }): Promise<DatabaseRoadmapStore> {
    const client = await options.database.getClient();
    const skip =
      options.skipMigrations ?? options.database.migrations?.skip ?? false;
    if (!skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseRoadmapStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async setPlan(
    reportId: string,
    plan: { effort: string; plannedQuarter: string | null },
    actorRef: string,
    now: Date,
  ): Promise<void> {
    const report = await this.db('reports').where('id', reportId).first('id');
    if (!report) throw new NotFoundError('Report not found');
    await this.db('report_plans')
      .insert({
        report_id: reportId,
        effort: plan.effort,
        planned_quarter: plan.plannedQuarter,
        updated_by: actorRef,
        updated_at: now.toISOString(),
      })
      .onConflict('report_id')
      .merge();
  }

  async listPlanned(): Promise<PlannedReport[]> {
    const shipped = this.db('report_events')
      .where('to_status', 'shipped')
      .groupBy('report_id')
      .select('report_id')
      .max({ shipped_at: 'created_at' })
      .as('s');
    const rows = await this.db('report_plans as p')
      .join('reports as r', 'r.id', 'p.report_id')
      .leftJoin(shipped, 's.report_id', 'r.id')
      .select(
        'r.id',
        'r.text',
        'r.entity_ref',
        'r.category',
        'r.status',
        'r.impact',
        'p.effort',
        'p.planned_quarter',
        's.shipped_at',
      );
    return rows.map(r => ({
      id: r.id,
      text: r.text,
      entityRef: r.entity_ref,
      category: r.category,
      status: r.status,
      impact: Number(r.impact),
      effort: r.effort,
      plannedQuarter: r.planned_quarter ?? null,
      // A report reopened after shipping is not shipped.
      shippedAt: r.status === 'shipped' ? toIso(r.shipped_at) : null,
    }));
  }
}
