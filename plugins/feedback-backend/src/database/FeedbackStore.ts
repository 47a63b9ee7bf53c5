import {
  FeedbackCategory,
  FeedbackSeverity,
  FeedbackStatus,
} from '@internal/plugin-feedback-common';

/** A report as stored, reporter included. Never sent to clients as is. */
export interface StoredReport {
  id: string;
  entityRef: string;
  entityOwnerRef: string | null;
  category: FeedbackCategory;
  severity: FeedbackSeverity;
  text: string;
  anonymous: boolean;
  reporterRef: string;
  reporterTeamRef: string | null;
  status: FeedbackStatus;
  impact: number;
  supporterCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface StoredEvent {
  id: string;
  reportId: string;
  fromStatus: FeedbackStatus;
  toStatus: FeedbackStatus;
  note: string;
  actorRef: string;
  createdAt: string;
}

export interface Supporter {
  userRef: string;
  teamRef: string | null;
}

export interface NewReport {
  entityRef: string;
  entityOwnerRef: string | null;
  category: FeedbackCategory;
  severity: FeedbackSeverity;
  text: string;
  anonymous: boolean;
  reporterRef: string;
  reporterTeamRef: string | null;
  /** The reporter's weight, from the impact rule (service/impact.ts). */
  impact: number;
}

export interface ReportFilter {
  status?: FeedbackStatus;
  /** Only reports not shipped or declined yet. */
  open?: boolean;
  category?: FeedbackCategory;
  entityRef?: string;
  ownerRef?: string;
  /** Matches non-anonymous reports only. */
  reporterTeamRef?: string;
  /**
   * Reports this user filed or supported; never the ones they filed
   * anonymously (no answer ties an anonymous report to its reporter).
   */
  supporterRef?: string;
}

export interface PageRequest {
  cursor?: string;
  limit: number;
}

export interface StorePage<T> {
  items: T[];
  nextCursor?: string;
}

export interface FeedbackStore {
  /**
   * With `notifyPlatformTeam`, an outbox entry is committed with the report
   * (see DatabaseNotificationOutbox).
   */
  createReport(
    input: NewReport,
    options?: { notifyPlatformTeam?: boolean },
  ): Promise<StoredReport>;
  getReport(id: string): Promise<StoredReport | undefined>;
  /** Sorted by impact desc, then created_at desc. */
  listReports(
    filter: ReportFilter,
    page: PageRequest,
  ): Promise<StorePage<StoredReport>>;
  /** Reports about the entity, per status (statuses without any absent). */
  countByStatus(
    entityRef: string,
  ): Promise<Partial<Record<FeedbackStatus, number>>>;
  listEvents(reportId: string): Promise<StoredEvent[]>;
  listSupporters(reportId: string): Promise<Supporter[]>;
  /** Of the given report ids, those the user supports. */
  supportedBy(userRef: string, reportIds: string[]): Promise<Set<string>>;
  /**
   * Adds a supporter and stores the impact `impactOf` gives for all the
   * report's supporters. Idempotent: `added` is false and nothing changes
   * when the user already supports the report.
   */
  addSupporter(
    reportId: string,
    supporter: Supporter,
    impactOf: (supporters: Supporter[], report: StoredReport) => number,
  ): Promise<{ report: StoredReport; added: boolean }>;
  /** Throws InputError on a transition the lifecycle does not allow. */
  changeStatus(
    reportId: string,
    change: { status: FeedbackStatus; note: string; actorRef: string },
  ): Promise<{ report: StoredReport; event: StoredEvent }>;
  /** Open reports about the entity or in the category, by impact. */
  listOpenCandidates(query: {
    entityRef?: string;
    category?: FeedbackCategory;
    limit: number;
  }): Promise<StoredReport[]>;
  /** Shipped reports whose shipping event is at or after `since`, newest first. */
  listShipped(
    since: string,
    page: PageRequest,
  ): Promise<StorePage<StoredReport & { shippedAt: string }>>;
}
