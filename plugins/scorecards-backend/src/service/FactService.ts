import { FactPost } from '@internal/plugin-scorecards-common';
import { FactStore } from '../database/ScorecardStore';
import { factsOfPost } from '../engine/factPost';

/** Facts posted by CI. */
export class FactService {
  constructor(
    private readonly options: { facts: FactStore; clock: () => Date },
  ) {}

  /**
   * Stores what a post states about one entity (ref already normalised);
   * returns whether anything changed (replays and older posts change nothing).
   */
  async record(
    body: FactPost,
    entityRef: string,
    source: string,
  ): Promise<boolean> {
    let changed = false;
    for (const fact of factsOfPost(
      body,
      entityRef,
      source,
      this.options.clock(),
    )) {
      changed = (await this.options.facts.putFact(fact)) || changed;
    }
    return changed;
  }
}
