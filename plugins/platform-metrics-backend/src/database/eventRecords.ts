import { InputError } from '@backstage/errors';
import { dayOf } from '../dora/rules';
import { NewChange, NewDeployment, NewIncident } from './types';

/**
 * The event rows as stored: how an event becomes a row, and what an event
 * seen again changes in the stored one. No query runs here.
 */

export const keyOf = (d: { source: string; externalId: string }) =>
  `${d.source}\u0000${d.externalId}`;

export function deploymentRecord(d: NewDeployment) {
  return {
    source: d.source,
    external_id: d.externalId,
    entity_ref: d.entityRef,
    mapping_kind: d.mappingKind,
    mapping_key: d.mappingKey,
    received_at: new Date().toISOString(),
    environment: d.environment,
    is_production: d.isProduction,
    status: d.status,
    deployed_at: d.deployedAt,
    day: dayOf(d.deployedAt),
    rollback: d.rollback,
    hotfix: d.hotfix,
  };
}

/** What a commit seen again adds to its stored row: only what was missing. */
export function gapsFilled(row: any, c: NewChange): Record<string, unknown> {
  const update: Record<string, unknown> = {};
  if (!row.merged_at && c.mergedAt) update.merged_at = c.mergedAt;
  if (!row.head_sha && c.headSha) update.head_sha = c.headSha;
  if (!row.title && c.title) update.title = c.title;
  if (!row.entity_ref && c.entityRef) update.entity_ref = c.entityRef;
  if (!row.author && c.author) update.author = c.author;
  return update;
}

/**
 * The stored values of an incident after this event, or undefined when it
 * changes nothing: an event older than the stored state (a late or replayed
 * "opened") never moves the incident back.
 */
export function incidentValues(i: NewIncident, row: any) {
  if (row && i.stateAt < (row.state_at ?? row.resolved_at ?? row.created_at)) {
    return undefined;
  }
  const resolvedAt: string | null =
    i.resolvedAt === undefined ? row?.resolved_at ?? null : i.resolvedAt;
  const createdAt: string = row?.created_at ?? i.createdAt;
  if (resolvedAt && resolvedAt < createdAt) {
    throw new InputError(
      `Invalid incident ${i.externalId}: resolvedAt: must not be before createdAt (${createdAt})`,
    );
  }
  const values = {
    entity_ref: (row?.entity_ref ?? i.entityRef) as string | null,
    mapping_kind: row?.mapping_kind ?? i.mappingKind,
    mapping_key: row?.mapping_key ?? i.mappingKey,
    title: i.title ?? row?.title ?? null,
    created_at: createdAt,
    state_at: i.stateAt,
    resolved_at: resolvedAt,
    resolved_day: resolvedAt ? dayOf(resolvedAt) : null,
    cause_deployment_id: (i.causeDeploymentId ??
      row?.cause_deployment_id ??
      null) as string | null,
    cause_commit_sha: (i.causeCommitSha ?? row?.cause_commit_sha ?? null) as
      | string
      | null,
  };
  const same =
    row &&
    (Object.keys(values) as Array<keyof typeof values>).every(
      k => (row[k] ?? null) === values[k],
    );
  return same ? undefined : values;
}

export function mergeChange(a: NewChange, b: NewChange): NewChange {
  return {
    ...a,
    mergedAt: a.mergedAt ?? b.mergedAt,
    headSha: a.headSha ?? b.headSha,
    title: a.title ?? b.title,
    entityRef: a.entityRef ?? b.entityRef,
    author: a.author ?? b.author,
  };
}
