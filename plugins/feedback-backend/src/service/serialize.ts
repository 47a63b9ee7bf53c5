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
 * Events show who moved the report. On an anonymous report only the
 * reporter's own moves are masked (`byReporter`, no actor): the platform
 * team's and the owners' moves stay theirs.
 */
export function toApiEvent(
  event: StoredEvent,
  report: Pick<StoredReport, 'anonymous' | 'reporterRef'>,
): FeedbackReportEvent {
  const out: FeedbackReportEvent = {
    id: event.id,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    note: event.note,
    createdAt: event.createdAt,
  };
  if (report.anonymous && event.actorRef === report.reporterRef) {
    out.byReporter = true;
  } else {
    out.actorRef = event.actorRef;
  }
  return out;
}
