import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { SurveyGranularity } from '@internal/plugin-feedback-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { NewSurveyResponse, SurveyAggregate, SurveyStore } from './SurveyStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-feedback-backend',
  'migrations',
);

/** PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** Knex-backed survey store, SQLite and PostgreSQL (same schema as reports). */
export class DatabaseSurveyStore implements SurveyStore {
  static async create(options: {
    database: Pick<DatabaseService, 'getClient'> &
      Partial<Pick<DatabaseService, 'migrations'>>;
    skipMigrations?: boolean;
  }): Promise<DatabaseSurveyStore> {
    const client = await options.database.getClient();
    const skip =
      options.skipMigrations ?? options.database.migrations?.skip ?? false;
    if (!skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseSurveyStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async getStatus(
    userRef: string,
    quarter: string,
  ): Promise<{ answeredAt?: string; dismissedAt?: string }> {
    const [answer, dismissal] = await Promise.all([
      this.db('survey_responses')
        .where({ user_ref: userRef, quarter })
        .first('created_at'),
      this.db('survey_dismissals')
        .where({ user_ref: userRef, quarter })
        .first('created_at'),
    ]);
    const out: { answeredAt?: string; dismissedAt?: string } = {};
    if (answer) out.answeredAt = String(answer.created_at);
    if (dismissal) out.dismissedAt = String(dismissal.created_at);
    return out;
  }

  async addResponse(response: NewSurveyResponse): Promise<{ id: string }> {
    const id = randomUUID();
    try {
      await this.db('survey_responses').insert({
        id,
        quarter: response.quarter,
        user_ref: response.userRef,
        team_ref: response.teamRef,
        nps: response.nps,
        ease: response.ease,
        comment: response.comment ? response.comment : null,
        created_at: response.createdAt,
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `You already answered the survey of ${response.quarter}`,
        );
      }
      throw error;
    }
    return { id };
  }

  async addDismissal(userRef: string, quarter: string, at: string) {
    await this.db('survey_dismissals')
      .insert({ user_ref: userRef, quarter, created_at: at })
      .onConflict(['user_ref', 'quarter'])
      .ignore();
  }

  async aggregate(
    granularity: SurveyGranularity,
    fromPeriod: string,
  ): Promise<SurveyAggregate[]> {
    // Both 'YYYY-Qn' and 'YYYY-MM' sort correctly as text.
    const period =
      granularity === 'quarter' ? 'quarter' : 'substr(created_at, 1, 7)';
    const rows = await this.db('survey_responses')
      .select(
        this.db.raw(`${period} as period`),
        'team_ref',
        this.db.raw('count(*) as responses'),
        this.db.raw('sum(case when nps >= 9 then 1 else 0 end) as promoters'),
        this.db.raw('sum(case when nps <= 6 then 1 else 0 end) as detractors'),
        this.db.raw('sum(ease) as ease_sum'),
      )
      .whereRaw(`${period} >= ?`, [fromPeriod])
      .groupByRaw(`${period}, team_ref`)
      .orderByRaw(`${period}, team_ref`);
    return rows.map((r: any) => ({
      period: String(r.period),
      teamRef: r.team_ref ?? null,
      responses: Number(r.responses),
      promoters: Number(r.promoters),
      detractors: Number(r.detractors),
      easeSum: Number(r.ease_sum),
    }));
  }

  async listComments(
    quarter: string,
    page: { offset: number; limit: number },
  ): Promise<string[]> {
    const rows = await this.db('survey_responses')
      .where({ quarter })
      .whereNotNull('comment')
      .orderBy('id')
      .offset(page.offset)
      .limit(page.limit)
      .select('comment');
    return rows.map(r => String(r.comment));
  }

  async countResponses(quarter?: string): Promise<number> {
    const query = this.db('survey_responses');
    if (quarter) query.where({ quarter });
    const [row] = await query.count({ n: '*' });
    return Number(row.n);
  }
}
