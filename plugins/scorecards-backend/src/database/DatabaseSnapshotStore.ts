import { Knex } from 'knex';
import { chunks } from './chunks';
import { SnapshotStore } from './ScorecardStore';

/** {@link SnapshotStore} on the `snapshots` and `snapshot_counts` tables. */
export class DatabaseSnapshotStore implements SnapshotStore {
  constructor(private readonly db: Knex) {}

  async snapshot(day: string, keepFrom: string): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('snapshots').where({ day }).delete();
      await tx
        .insert(
          tx('results').select(
            tx.raw('? as day', [day]),
            'entity_ref',
            'scorecard_id',
            'owner_ref',
            'level_index',
          ),
        )
        .into(
          tx.raw('?? (??, ??, ??, ??, ??)', [
            'snapshots',
            'day',
            'entity_ref',
            'scorecard_id',
            'owner_ref',
            'level_index',
          ]),
        );
      await tx('snapshots').where('day', '<', keepFrom).delete();
      await tx('snapshot_counts').where('day', '<', keepFrom).delete();
      await this.countDays(tx, day, day);
    });
  }

  /** Recomputes the daily counts (per owner and for the organisation) of days in [from, to]. */
  private async countDays(tx: Knex, from: string, to: string) {
    await tx('snapshot_counts').whereBetween('day', [from, to]).delete();
    const into = tx.raw('?? (??, ??, ??, ??, ??)', [
      'snapshot_counts',
      'day',
      'scorecard_id',
      'owner_ref',
      'level_index',
      'count',
    ]);
    const days = () => tx('snapshots').whereBetween('day', [from, to]);
    await tx
      .insert(
        days()
          .select(
            'day',
            'scorecard_id',
            tx.raw("coalesce(owner_ref, '') as owner_ref"),
            'level_index',
          )
          .count({ count: '*' })
          .groupBy('day', 'scorecard_id', 'owner_ref', 'level_index'),
      )
      .into(into);
    await tx
      .insert(
        days()
          .select(
            'day',
            'scorecard_id',
            tx.raw("'*' as owner_ref"),
            'level_index',
          )
          .count({ count: '*' })
          .groupBy('day', 'scorecard_id', 'level_index'),
      )
      .into(into);
  }

  /** Recomputes the daily counts of [from, to] (after a bulk load of snapshots). */
  async recount(from: string, to: string): Promise<void> {
    await this.db.transaction(tx => this.countDays(tx, from, to));
  }

  async hasSnapshotsBefore(day: string): Promise<boolean> {
    return !!(await this.db('snapshots').where('day', '<', day).first('day'));
  }

  async insertSnapshots(
    rows: {
      day: string;
      entityRef: string;
      scorecardId: string;
      ownerRef: string | null;
      levelIndex: number;
    }[],
  ): Promise<void> {
    for (const part of chunks(rows)) {
      await this.db('snapshots')
        .insert(
          part.map(r => ({
            day: r.day,
            entity_ref: r.entityRef,
            scorecard_id: r.scorecardId,
            owner_ref: r.ownerRef,
            level_index: r.levelIndex,
          })),
        )
        .onConflict(['day', 'entity_ref', 'scorecard_id'])
        .ignore();
    }
    const days = rows.map(r => r.day).sort();
    if (days.length) await this.recount(days[0], days[days.length - 1]);
  }

  async trend(fromDay: string, ownerRef?: string) {
    const rows: any[] = await this.db('snapshot_counts')
      .where('day', '>=', fromDay)
      .where({ owner_ref: ownerRef ?? '*' })
      .select('scorecard_id', 'day', 'level_index', 'count')
      .orderBy(['day', 'scorecard_id', 'level_index']);
    return rows.map(r => ({
      scorecardId: r.scorecard_id,
      day: r.day,
      levelIndex: Number(r.level_index),
      count: Number(r.count),
    }));
  }
}
