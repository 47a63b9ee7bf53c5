import { Knex } from 'knex';
import { chunks } from './chunks';
import { FactStore, StoredFact } from './ScorecardStore';

/** {@link FactStore} on the `facts` table. */
export class DatabaseFactStore implements FactStore {
  constructor(private readonly db: Knex) {}

  async putFact(fact: StoredFact): Promise<boolean> {
    const value = JSON.stringify(fact.value);
    return this.db.transaction(async tx => {
      const old = await tx('facts')
        .where({ entity_ref: fact.entityRef, name: fact.name })
        .first();
      if (old && old.measured_at > fact.measuredAt) return false;
      if (old && old.value === value && old.measured_at === fact.measuredAt) {
        return false;
      }
      const row = {
        entity_ref: fact.entityRef,
        name: fact.name,
        value,
        measured_at: fact.measuredAt,
        source: fact.source,
      };
      await tx('facts')
        .insert(row)
        .onConflict(['entity_ref', 'name'])
        .merge(['value', 'measured_at', 'source']);
      return !old || old.value !== value;
    });
  }

  async getFacts(entityRefs?: string[]): Promise<StoredFact[]> {
    const map = (rows: any[]) =>
      rows.map(r => ({
        entityRef: r.entity_ref,
        name: r.name,
        value: JSON.parse(r.value),
        measuredAt: r.measured_at,
        source: r.source,
      }));
    if (!entityRefs) return map(await this.db('facts').select());
    const out: StoredFact[] = [];
    for (const part of chunks(entityRefs)) {
      out.push(...map(await this.db('facts').whereIn('entity_ref', part)));
    }
    return out;
  }
}
