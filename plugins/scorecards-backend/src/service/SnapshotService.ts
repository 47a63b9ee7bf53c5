import { ResultStore, SnapshotStore } from '../database/ScorecardStore';
import { demoHistory } from '../engine/demo';
import { addDays, dayOf } from '../engine/exemptions';

/** Snapshots are kept this many days (more than a year). */
export const SNAPSHOT_RETENTION_DAYS = 400;

/** The daily history of levels that the trends and burn-ups read. */
export class SnapshotService {
  constructor(
    private readonly options: {
      results: ResultStore;
      snapshots: SnapshotStore;
      /** Write half a year of made-up history once (demo only). */
      demoFacts?: boolean;
      clock: () => Date;
    },
  ) {}

  /** Copies today's levels into the history; drops what is over 400 days old. */
  async snapshot() {
    const { results, snapshots, demoFacts, clock } = this.options;
    const now = clock();
    const today = dayOf(now);
    await snapshots.snapshot(today, addDays(today, -SNAPSHOT_RETENTION_DAYS));
    if (demoFacts && !(await snapshots.hasSnapshotsBefore(today))) {
      await snapshots.insertSnapshots(
        demoHistory(await results.listResults({}), now),
      );
    }
  }
}
