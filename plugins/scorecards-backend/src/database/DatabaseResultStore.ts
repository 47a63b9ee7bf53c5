import { Knex } from 'knex';
import { chunks } from './chunks';
import {
  ResultCounts,
  ResultStore,
  StoredResult,
  StoredResultWithChecks,
} from './ScorecardStore';

type ResultRow = {
  entity_ref: string;
  scorecard_id: string;
  owner_ref: string | null;
  level_index: number | string;
  failed_checks: string;
  exempt_checks: string;
  evaluated_at: string;
  checks?: string;
};

const toResult = (r: ResultRow): StoredResult => ({
  entityRef: r.entity_ref,
  scorecardId: r.scorecard_id,
  ownerRef: r.owner_ref ?? null,
  levelIndex: Number(r.level_index),
  failedChecks: r.failed_checks ? r.failed_checks.split(',') : [],
  exemptChecks: r.exempt_checks ? r.exempt_checks.split(',') : [],
  evaluatedAt: r.evaluated_at,
});

/** {@link ResultStore} on the `results` table. */
export class DatabaseResultStore implements ResultStore {
  /** The last counts, and the newest evaluation they include. */
  private counted?: { version: string | null; value: Promise<ResultCounts> };

  constructor(private readonly db: Knex) {}

  async writeResults(
    results: StoredResultWithChecks[],
  ): Promise<Map<string, number>> {
    const before = new Map<string, number>();
    for (const part of chunks(results)) {
      const rows = await this.db('results')
        .whereIn('entity_ref', [...new Set(part.map(r => r.entityRef))])
        .select('entity_ref', 'scorecard_id', 'level_index');
      for (const r of rows) {
        before.set(`${r.entity_ref}|${r.scorecard_id}`, Number(r.level_index));
      }
      await this.db('results')
        .insert(
          part.map(r => ({
            entity_ref: r.entityRef,
            scorecard_id: r.scorecardId,
            owner_ref: r.ownerRef,
            level_index: r.levelIndex,
            failed_checks: r.failedChecks.join(','),
            exempt_checks: r.exemptChecks.join(','),
            checks: JSON.stringify(r.checks),
            evaluated_at: r.evaluatedAt,
          })),
        )
        .onConflict(['entity_ref', 'scorecard_id'])
        .merge();
    }
    return before;
  }

  async pruneResults(before: string): Promise<void> {
    await this.db('results').where('evaluated_at', '<', before).delete();
  }

  async getEntityResults(entityRef: string): Promise<StoredResultWithChecks[]> {
    const rows: ResultRow[] = await this.db('results')
      .where({ entity_ref: entityRef })
      .orderBy('scorecard_id');
    return rows.map(r => ({ ...toResult(r), checks: JSON.parse(r.checks!) }));
  }

  async listResults(filter: {
    ownerRef?: string;
    entityRefs?: string[];
  }): Promise<StoredResult[]> {
    if (filter.entityRefs) {
      const rows: ResultRow[] = [];
      for (const part of chunks([...new Set(filter.entityRefs)])) {
        rows.push(
          ...(await this.listQuery(filter.ownerRef).whereIn(
            'entity_ref',
            part,
          )),
        );
      }
      return rows
        .sort((a, b) => a.entity_ref.localeCompare(b.entity_ref))
        .map(toResult);
    }
    const rows: ResultRow[] = await this.listQuery(filter.ownerRef).orderBy(
      'entity_ref',
    );
    return rows.map(toResult);
  }

  private listQuery(ownerRef?: string) {
    const query = this.db('results').select(
      'entity_ref',
      'scorecard_id',
      'owner_ref',
      'level_index',
      'failed_checks',
      'exempt_checks',
      'evaluated_at',
    );
    if (ownerRef) query.where({ owner_ref: ownerRef });
    return query;
  }

  /**
   * Every write stamps its rows with the evaluation's time, so the counts
   * are reused, on any replica, until a newer evaluation time shows up (an
   * index lookup instead of counting thousands of rows, which an evaluation
   * rewrites every minute).
   */
  async countResults(): Promise<ResultCounts> {
    const [{ version }] = await this.db('results').max({
      version: 'evaluated_at',
    });
    let counted = this.counted;
    if (!counted || counted.version !== version) {
      const value = this.count();
      counted = { version, value };
      this.counted = counted;
      value.catch(() => {
        if (this.counted?.value === value) this.counted = undefined;
      });
    }
    return counted.value;
  }

  private async count(): Promise<ResultCounts> {
    const [levels, failed] = await Promise.all([
      this.db('results')
        .select('scorecard_id', 'owner_ref', 'level_index')
        .count({ n: '*' })
        .select(
          this.db.raw(
            "sum(case when exempt_checks <> '' then 1 else 0 end) as exempt",
          ),
        )
        .min({ first: 'entity_ref' })
        .groupBy('scorecard_id', 'owner_ref', 'level_index')
        .orderBy([{ column: 'first' }, { column: 'scorecard_id' }]),
      this.db('results')
        .where('failed_checks', '<>', '')
        .select('scorecard_id', 'failed_checks')
        .count({ n: '*' })
        .min({ first: 'entity_ref' })
        .groupBy('scorecard_id', 'failed_checks')
        .orderBy([{ column: 'first' }, { column: 'scorecard_id' }]),
    ]);
    return {
      levels: levels.map((r: any) => ({
        scorecardId: r.scorecard_id,
        ownerRef: r.owner_ref ?? null,
        levelIndex: Number(r.level_index),
        count: Number(r.n),
        exempt: Number(r.exempt),
      })),
      failed: failed.map((r: any) => ({
        scorecardId: r.scorecard_id,
        failedChecks: r.failed_checks.split(','),
        count: Number(r.n),
      })),
    };
  }
}
