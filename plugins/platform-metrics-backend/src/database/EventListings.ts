import type { DeliveryEventRow } from '@internal/plugin-platform-metrics-common';
import { Knex } from 'knex';
import { secondsBetween } from '../dora/rules';
import { bool, chunks } from './db';
import { EventQuery, UnmappedKey } from './types';

type Page = { items: DeliveryEventRow[]; total: number };

/**
 * Read-only listings of the event tables: the events behind a number (one
 * page at a time, newest first), unmapped repositories and services, first
 * deployments. Items carry data only; the frontend words them
 * (plugins/platform-metrics/src/components/format.ts, `eventSummary`).
 */
export class EventListings {
  constructor(private readonly db: Knex) {}

  private scoped(q: Knex.QueryBuilder, column: string, refs?: string[]) {
    if (!refs) return q.whereNotNull(column);
    return q.whereIn(column, refs.length ? refs : ['']);
  }

  async listDeployments(query: EventQuery): Promise<Page> {
    const base = () =>
      this.scoped(
        this.db('pm_deployments')
          .where('deployed_at', '>=', query.from)
          .where('deployed_at', '<=', query.to),
        'entity_ref',
        query.entityRefs,
      );
    const [{ n }] = await base().count({ n: '*' });
    const rows = await base()
      .orderBy([
        { column: 'deployed_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(query.limit)
      .offset(query.offset)
      .select();
    const ids = rows.map((r: any) => r.id);
    const commits = ids.length
      ? await this.db('pm_deployment_commits')
          .whereIn('deployment_id', ids)
          .select()
      : [];
    const causes = rows.length
      ? await this.db('pm_incidents')
          .whereIn(
            'cause_deployment_id',
            rows.map((r: any) => r.external_id),
          )
          .select('cause_deployment_id', 'external_id')
      : [];
    return {
      total: Number(n),
      items: rows.map((r: any) => ({
        id: `deployment:${r.source}:${r.external_id}`,
        type: 'deployment' as const,
        entityRef: r.entity_ref,
        time: r.deployed_at,
        details: {
          source: r.source,
          externalId: r.external_id,
          environment: r.environment,
          production: bool(r.is_production),
          status: r.status,
          rollback: bool(r.rollback),
          hotfix: bool(r.hotfix),
          commits: commits
            .filter(c => Number(c.deployment_id) === Number(r.id))
            .map(c => c.sha),
          causedIncidents: causes
            .filter(c => c.cause_deployment_id === r.external_id)
            .map(c => c.external_id),
        },
      })),
    };
  }

  /** Changes first shipped to production in the window by the scope's deployments. */
  async listChanges(query: EventQuery): Promise<Page> {
    const base = () =>
      this.scoped(
        this.db('pm_changes as c')
          .join('pm_deployment_commits as dc', 'dc.sha', 'c.sha')
          .join('pm_deployments as d', 'd.id', 'dc.deployment_id')
          .where('d.status', 'success')
          .where('d.is_production', true)
          .where('d.deployed_at', '>=', query.from)
          .where('d.deployed_at', '<=', query.to),
        'd.entity_ref',
        query.entityRefs,
      );
    const [{ n }] = await base().countDistinct({ n: 'c.sha' });
    const rows = await base()
      .groupBy('c.sha', 'c.authored_at', 'c.merged_at', 'c.title')
      .select('c.sha', 'c.authored_at', 'c.merged_at', 'c.title')
      .min({ deployed_at: 'd.deployed_at', entity_ref: 'd.entity_ref' })
      .orderBy([
        { column: 'deployed_at', order: 'desc' },
        { column: 'c.sha', order: 'asc' },
      ])
      .limit(query.limit)
      .offset(query.offset);
    return {
      total: Number(n),
      items: rows.map(r => ({
        id: `change:${r.sha}`,
        type: 'change' as const,
        entityRef: r.entity_ref,
        time: r.deployed_at,
        details: {
          sha: r.sha,
          title: r.title ?? null,
          authoredAt: r.authored_at,
          mergedAt: r.merged_at,
          deployedAt: r.deployed_at,
          leadTimeHours: secondsBetween(r.authored_at, r.deployed_at) / 3600,
        },
      })),
    };
  }

  /** Incidents open at any time during the window. */
  async listIncidents(query: EventQuery): Promise<Page> {
    const base = () =>
      this.scoped(
        this.db('pm_incidents')
          .where('created_at', '<=', query.to)
          .where(q =>
            q.whereNull('resolved_at').orWhere('resolved_at', '>=', query.from),
          ),
        'entity_ref',
        query.entityRefs,
      );
    const [{ n }] = await base().count({ n: '*' });
    const rows = await base()
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(query.limit)
      .offset(query.offset)
      .select();
    return {
      total: Number(n),
      items: rows.map((r: any) => ({
        id: `incident:${r.source}:${r.external_id}`,
        type: 'incident' as const,
        entityRef: r.entity_ref,
        time: r.created_at,
        details: {
          source: r.source,
          externalId: r.external_id,
          title: r.title ?? null,
          createdAt: r.created_at,
          resolvedAt: r.resolved_at,
          timeToRestoreHours: r.resolved_at
            ? secondsBetween(r.created_at, r.resolved_at) / 3600
            : null,
          causeDeploymentId: r.cause_deployment_id,
          causeCommitSha: r.cause_commit_sha,
        },
      })),
    };
  }

  /** Repositories and services that events named but the catalog does not know. */
  async unmapped(): Promise<UnmappedKey[]> {
    const out = new Map<string, UnmappedKey>();
    for (const table of ['pm_deployments', 'pm_changes', 'pm_incidents']) {
      const rows = await this.db(table)
        .whereNull('entity_ref')
        .whereNotNull('mapping_key')
        .groupBy('source', 'mapping_kind', 'mapping_key')
        .select('source', 'mapping_kind', 'mapping_key')
        .count({ n: '*' })
        .max({ last: 'received_at' });
      for (const r of rows as any[]) {
        const key = `${r.source}\u0000${r.mapping_kind}\u0000${r.mapping_key}`;
        const cur = out.get(key);
        out.set(key, {
          source: r.source,
          kind: r.mapping_kind,
          key: r.mapping_key,
          events: (cur?.events ?? 0) + Number(r.n),
          lastSeen: cur && cur.lastSeen > r.last ? cur.lastSeen : r.last,
        });
      }
    }
    return [...out.values()].sort((a, b) =>
      b.lastSeen.localeCompare(a.lastSeen),
    );
  }

  /** Time of each entity's first successful production deployment. */
  async firstDeployments(entityRefs: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks(entityRefs, 1000)) {
      const rows = await this.db('pm_deployments')
        .whereIn('entity_ref', part)
        .where('status', 'success')
        .where('is_production', true)
        .groupBy('entity_ref')
        .select('entity_ref')
        .min({ first: 'deployed_at' });
      for (const r of rows as any[]) out.set(r.entity_ref, r.first);
    }
    return out;
  }

  /**
   * For each author, the time of the first successful production deployment
   * at or after `since` that shipped a change they wrote.
   */
  async firstShippedByAuthors(
    authors: Array<{ ref: string; since: string }>,
  ): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks(authors, 200)) {
      const rows = await this.db('pm_changes as c')
        .join('pm_deployment_commits as dc', 'dc.sha', 'c.sha')
        .join('pm_deployments as d', 'd.id', 'dc.deployment_id')
        .where('d.status', 'success')
        .where('d.is_production', true)
        .where(q => {
          for (const a of part) {
            q.orWhere(w =>
              w.where('c.author', a.ref).where('d.deployed_at', '>=', a.since),
            );
          }
        })
        .groupBy('c.author')
        .select('c.author')
        .min({ first: 'd.deployed_at' });
      for (const r of rows as any[]) out.set(r.author, r.first);
    }
    return out;
  }

  async countBySource(source: string): Promise<number> {
    const [{ n }] = await this.db('pm_deployments')
      .where('source', source)
      .count({ n: '*' });
    return Number(n);
  }
}
