import {
  ExemptionCreate,
  ExemptionInfo,
} from '@internal/plugin-scorecards-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { chunks } from './chunks';
import { ExemptionStore } from './ScorecardStore';

type ExemptionRow = {
  id: string;
  entity_ref: string;
  scorecard_id: string;
  check_id: string;
  reason: string;
  expires_on: string;
  created_by: string;
  created_at: string;
  approved_by: string | null;
  approved_at: string | null;
};

const toExemption = (r: ExemptionRow): ExemptionInfo => ({
  id: r.id,
  entityRef: r.entity_ref,
  scorecardId: r.scorecard_id,
  checkId: r.check_id,
  reason: r.reason,
  expiresOn: r.expires_on,
  createdBy: r.created_by,
  createdAt: r.created_at,
  approvedBy: r.approved_by ?? null,
  approvedAt: r.approved_at ?? null,
});

/** {@link ExemptionStore} on the `exemptions` table. */
export class DatabaseExemptionStore implements ExemptionStore {
  constructor(private readonly db: Knex) {}

  async createExemption(
    input: ExemptionCreate & { createdBy: string; approvedBy?: string },
  ): Promise<ExemptionInfo> {
    const now = new Date().toISOString();
    const row: ExemptionRow = {
      id: randomUUID(),
      entity_ref: input.entityRef,
      scorecard_id: input.scorecardId,
      check_id: input.checkId,
      reason: input.reason,
      expires_on: input.expiresOn,
      created_by: input.createdBy,
      created_at: now,
      approved_by: input.approvedBy ?? null,
      approved_at: input.approvedBy ? now : null,
    };
    await this.db('exemptions').insert(row);
    return toExemption(row);
  }

  async getExemption(id: string): Promise<ExemptionInfo | undefined> {
    const row = await this.db('exemptions')
      .where({ id })
      .whereNull('revoked_at')
      .first();
    return row ? toExemption(row) : undefined;
  }

  async approveExemption(id: string, approvedBy: string): Promise<void> {
    await this.db('exemptions').where({ id }).whereNull('approved_by').update({
      approved_by: approvedBy,
      approved_at: new Date().toISOString(),
    });
  }

  async revokeExemption(id: string): Promise<void> {
    await this.db('exemptions')
      .where({ id })
      .update({ revoked_at: new Date().toISOString() });
  }

  async activeExemptions(
    today: string,
    entityRefs?: string[],
  ): Promise<ExemptionInfo[]> {
    const base = () =>
      this.db('exemptions')
        .whereNull('revoked_at')
        .where('expires_on', '>=', today)
        .orderBy('created_at');
    if (!entityRefs) return (await base()).map(toExemption);
    const out: ExemptionInfo[] = [];
    for (const part of chunks(entityRefs)) {
      out.push(...(await base().whereIn('entity_ref', part)).map(toExemption));
    }
    return out;
  }
}
