import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { StoredReport } from '../database/FeedbackStore';

const DESCRIPTION_MAX = 280;

/**
 * What the platform team is told about a new report. An anonymous report's
 * notification names neither the reporter nor their team.
 */
export function newReportPayload(
  report: StoredReport,
): NotificationSendOptions['payload'] {
  const entityName = parseEntityRef(report.entityRef).name;
  const text =
    report.text.length > DESCRIPTION_MAX
      ? `${report.text.slice(0, DESCRIPTION_MAX - 1)}…`
      : report.text;
  const from =
    report.anonymous || !report.reporterRef
      ? ''
      : ` (from ${parseEntityRef(report.reporterRef).name}${
          report.reporterTeamRef
            ? `, ${parseEntityRef(report.reporterTeamRef).name}`
            : ''
        })`;
  return {
    title: `New friction report on ${entityName}: ${report.category}, ${report.severity} severity`,
    description: `${text}${from}`,
    link: `/feedback/${report.id}`,
    topic: 'feedback',
    scope: `feedback-new:${report.id}`,
    severity: report.severity === 'medium' ? 'normal' : report.severity,
  };
}

const DIGEST_LINES = 10;
const SEVERITY_ORDER = ['low', 'normal', 'high', 'critical'] as const;

/**
 * One notification for many new reports at once (a burst), instead of one
 * each: it names no reporter, anonymous or not, and links to the backlog.
 */
export function newReportsDigestPayload(
  reports: StoredReport[],
): NotificationSendOptions['payload'] {
  const line = (r: StoredReport) => {
    const text = r.text.length > 80 ? `${r.text.slice(0, 79)}…` : r.text;
    return `• ${parseEntityRef(r.entityRef).name}: ${r.category}, ${
      r.severity
    }: ${text} (/feedback/${r.id})`;
  };
  const more = reports.length - DIGEST_LINES;
  const severity = reports
    .map(r => newReportPayload(r).severity ?? 'normal')
    .reduce((a, b) =>
      SEVERITY_ORDER.indexOf(b) > SEVERITY_ORDER.indexOf(a) ? b : a,
    );
  return {
    title: `${reports.length} new friction reports`,
    description: [
      ...reports.slice(0, DIGEST_LINES).map(line),
      ...(more > 0 ? [`…and ${more} more`] : []),
    ].join('\n'),
    link: '/feedback',
    topic: 'feedback',
    scope: `feedback-new-digest:${reports[0].id}`,
    severity,
  };
}
