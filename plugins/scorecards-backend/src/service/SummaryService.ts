import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  LevelsResponse,
  SummaryResponse,
} from '@internal/plugin-scorecards-common';
import { ResultStore, SnapshotStore } from '../database/ScorecardStore';
import { addDays, dayOf } from '../engine/exemptions';
import { entityLevelsOf } from '../engine/entityLevels';
import { summarize } from '../engine/summary';
import { ScorecardEntities } from './ScorecardEntities';

/** A team's or the organisation's levels, exemptions and trend. */
export class SummaryService {
  constructor(
    private readonly options: {
      results: ResultStore;
      snapshots: SnapshotStore;
      entities: ScorecardEntities;
      clock: () => Date;
    },
  ) {}

  async summary(query: {
    ownerRef?: string;
    days: number;
  }): Promise<SummaryResponse> {
    const { results, snapshots, entities, clock } = this.options;
    const fromDay = addDays(dayOf(clock()), -query.days);
    // A team's services are listed one by one; the organisation's
    // thousands are only counted, by the database.
    const [current, trendRows] = await Promise.all([
      query.ownerRef
        ? results.listResults({ ownerRef: query.ownerRef })
        : results.countResults(),
      snapshots.trend(fromDay, query.ownerRef),
    ]);
    return summarize({
      scorecards: entities.scorecards,
      ...(Array.isArray(current) ? { results: current } : { counts: current }),
      trendRows,
      ownerRef: query.ownerRef,
    });
  }

  /** Levels and failing checks of a page of services, in one read. */
  async levels(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<LevelsResponse> {
    const { results, entities } = this.options;
    const readable = await entities.readableRefs(entityRefs, credentials);
    const current = await results.listResults({ entityRefs: readable });
    return {
      items: entityLevelsOf(entities.scorecards, current, readable),
    };
  }
}
