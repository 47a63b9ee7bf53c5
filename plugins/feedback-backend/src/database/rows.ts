import { FeedbackStatus } from '@internal/plugin-feedback-common';
import { StoredEvent, StoredReport } from './FeedbackStore';

export type ReportRow = {
  id: string;
  entity_ref: string;
  entity_owner_ref: string | null;
  category: string;
  severity: string;
  text: string;
  anonymous: boolean | number | string;
  reporter_ref: string;
  reporter_team_ref: string | null;
  status: string;
  impact: number | string;
  supporter_count: number | string;
  created_at: string | Date;
  updated_at: string | Date;
};

export type EventRow = {
  id: string;
  report_id: string;
  from_status: string;
  to_status: string;
  note: string;
  actor_ref: string;
  created_at: string | Date;
};

/** UTC ISO string, whatever the driver hands back. */
export function toIso(value: string | Date): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/** SQLite gives 0/1 (or '0'/'1'), PostgreSQL true/false. */
function toBool(value: boolean | number | string): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

/** The one place rows become domain objects. */
export function mapReport(row: ReportRow): StoredReport {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    entityOwnerRef: row.entity_owner_ref ?? null,
    category: row.category as StoredReport['category'],
    severity: row.severity as StoredReport['severity'],
    text: row.text,
    anonymous: toBool(row.anonymous),
    reporterRef: row.reporter_ref,
    reporterTeamRef: row.reporter_team_ref ?? null,
    status: row.status as FeedbackStatus,
    impact: Number(row.impact),
    supporterCount: Number(row.supporter_count),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function mapEvent(row: EventRow): StoredEvent {
  return {
    id: row.id,
    reportId: row.report_id,
    fromStatus: row.from_status as FeedbackStatus,
    toStatus: row.to_status as FeedbackStatus,
    note: row.note,
    actorRef: row.actor_ref,
    createdAt: toIso(row.created_at),
  };
}
