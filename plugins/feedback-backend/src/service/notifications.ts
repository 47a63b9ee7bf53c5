import { parseEntityRef } from '@backstage/catalog-model';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
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

/**
 * Tells the platform team group (`portal.platformTeam`) about a new report.
 * Never fails the report because of this.
 */
export async function notifyPlatformTeam(options: {
  notifications: NotificationService;
  logger: LoggerService;
  platformTeamRef: string | undefined;
  report: StoredReport;
}): Promise<void> {
  const { notifications, logger, platformTeamRef, report } = options;
  if (!platformTeamRef) return;
  try {
    await notifications.send({
      recipients: { type: 'entity', entityRef: platformTeamRef },
      payload: newReportPayload(report),
    });
  } catch (error) {
    logger.error(
      `Failed to notify the platform team of feedback report ${report.id}: ${error}`,
    );
  }
}
