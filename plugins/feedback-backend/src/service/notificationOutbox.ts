import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  NEW_REPORT,
  NotificationOutbox,
  OutboxEntry,
} from '../database/DatabaseNotificationOutbox';
import { StoredReport } from '../database/FeedbackStore';
import { newReportPayload, newReportsDigestPayload } from './notifications';

type NotificationPayload = Parameters<
  NotificationService['send']
>[0]['payload'];

const BATCH = 100;
/** More new reports than this due at once go out as one digest. */
export const DIGEST_FROM = 5;
/** After this many failed attempts (about 8.5 hours) the entry is dropped. */
export const MAX_ATTEMPTS = 10;

/** Wait before the next attempt: 30 s, doubled per failure, at most 2 hours. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(30_000 * 2 ** (failedAttempts - 1), 2 * 60 * 60_000);
}

export interface OutboxDeps {
  outbox: NotificationOutbox;
  notifications: NotificationService;
  logger: LoggerService;
  /** `portal.platformTeam`; without it there is nobody to tell. */
  platformTeamRef: string | undefined;
  clock?: () => Date;
}

type Due = { entry: OutboxEntry; report: StoredReport };

/**
 * Sends what the outbox holds, oldest first, until nothing is due or
 * `budgetMs` has passed: one notification per new report, or one digest
 * when more than DIGEST_FROM are due at once, so a burst of reports costs
 * the notification service a few sends rather than one each. An entry is
 * removed only once sent (or when there is nothing left to send), so a
 * crash in between sends it again on the next run; the notification's
 * scope makes the notifications backend update rather than duplicate it.
 */
export async function drainNotificationOutbox(
  deps: OutboxDeps,
  budgetMs = 60_000,
): Promise<{ sent: number; failed: number }> {
  const { outbox, notifications, logger, platformTeamRef } = deps;
  const clock = deps.clock ?? (() => new Date());
  const started = clock().getTime();
  let sent = 0;
  let failed = 0;

  async function send(batch: Due[], payload: NotificationPayload) {
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: platformTeamRef! },
        payload,
      });
    } catch (error) {
      failed += batch.length;
      await retryOrDrop(batch, error);
      return;
    }
    await outbox.done(batch.map(d => d.entry.id));
    sent += batch.length;
  }

  async function retryOrDrop(batch: Due[], error: unknown) {
    const ids = (d: Due) => d.entry.id;
    const last = batch.filter(d => d.entry.attempts + 1 >= MAX_ATTEMPTS);
    const again = batch.filter(d => d.entry.attempts + 1 < MAX_ATTEMPTS);
    for (const { entry, report } of last) {
      logger.error(
        `Gave up notifying the platform team of feedback report ${
          report.id
        } after ${entry.attempts + 1} attempts: ${error}`,
      );
    }
    await outbox.done(last.map(ids));
    // Entries of one batch may have failed different numbers of times.
    for (const attempts of new Set(again.map(d => d.entry.attempts + 1))) {
      const same = again.filter(d => d.entry.attempts + 1 === attempts);
      logger.warn(
        `Failed to notify the platform team of feedback reports ${same
          .map(d => d.report.id)
          .join(', ')} (attempt ${attempts}), trying again later: ${error}`,
      );
      const at = new Date(clock().getTime() + retryDelayMs(attempts));
      await outbox.retryAt(same.map(ids), at.toISOString(), String(error));
    }
  }

  for (;;) {
    const entries = await outbox.due(clock().toISOString(), BATCH);
    const due: Due[] = [];
    const nothingToSend: number[] = [];
    for (const { report, ...entry } of entries) {
      if (report && platformTeamRef && entry.kind === NEW_REPORT) {
        due.push({ entry, report });
      } else {
        nothingToSend.push(entry.id);
      }
    }
    await outbox.done(nothingToSend);
    if (due.length > DIGEST_FROM) {
      await send(due, newReportsDigestPayload(due.map(d => d.report)));
    } else {
      for (const d of due) await send([d], newReportPayload(d.report));
    }
    if (entries.length < BATCH || clock().getTime() - started >= budgetMs) {
      return { sent, failed };
    }
  }
}

/**
 * Every few seconds, once per cluster: the platform team hears of a new
 * report seconds after its 201, and the request does not wait for it.
 */
export async function scheduleNotificationOutbox(
  deps: OutboxDeps & { scheduler: SchedulerService },
) {
  await deps.scheduler.scheduleTask({
    id: 'feedback-notification-outbox',
    frequency: { seconds: 5 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 5 },
    fn: async () => {
      const { sent, failed } = await drainNotificationOutbox(deps);
      if (sent || failed) {
        deps.logger.info(
          `Feedback notification outbox: ${sent} sent, ${failed} failed`,
        );
      }
    },
  });
}
