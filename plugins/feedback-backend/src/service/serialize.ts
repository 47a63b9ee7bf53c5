import {
  FeedbackReport,
  FeedbackReportEvent,
} from '@internal/plugin-feedback-common';
import { StoredEvent, StoredReport } from '../database/FeedbackStore';

/**
 * The only way a stored report leaves the plugin. Anonymous reports lose
 * their reporter and reporter team (the keys are absent, not null).
 */
export function toApiReport(
  report: StoredReport,
  supportedByMe: boolean,
): FeedbackReport {
  const out: FeedbackReport = {
    id: report.id,
    entityRef: report.entityRef,
    entityOwnerRef: report.entityOwnerRef,
    category: report.category,
    severity: report.severity,
    text: report.text,
    anonymous: report.anonymous,
    status: report.status,
    impact: report.impact,
    supporterCount: report.supporterCount,
    createdAt: report.createdAt,
    updatedAt: report.updatedAt,
    supportedByMe,
  };
  if (!report.anonymous) {
    out.reporterRef = report.reporterRef;
    out.reporterTeamRef = report.reporterTeamRef;
  }
  return out;
}

/**
 * Events show who moved the report, except on anonymous reports, where no
 * event has an actor: leaving it out only when the reporter moved their own
 * report would single them out among the few who may move it.
 */
export function toApiEvent(
  event: StoredEvent,
  anonymousReport: boolean,
): FeedbackReportEvent {
  const out: FeedbackReportEvent = {
    id: event.id,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    note: event.note,
    createdAt: event.createdAt,
  };
  if (!anonymousReport) {
    out.actorRef = event.actorRef;
  }
  return out;
}
