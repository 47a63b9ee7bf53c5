import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { DateTime } from 'luxon';
import { FeedbackStore, StoredReport } from '../database/FeedbackStore';
import { isoWeek } from './router';

type NotificationPayload = Parameters<
  NotificationService['send']
>[0]['payload'];
type Shipped = StoredReport & { shippedAt: string };

/** The ISO week (Monday 00:00 UTC to the next Monday) before `now`'s week. */
export function previousWeek(now: Date): { start: string; end: string } {
  const end = DateTime.fromJSDate(now, { zone: 'utc' }).startOf('week');
  return { start: end.minus({ weeks: 1 }).toISO()!, end: end.toISO()! };
}

const title = (text: string) =>
  text.length > 80 ? `${text.slice(0, 79)}…` : text;

/**
 * The notification for a week's shipped items, or undefined when nothing
 * shipped. Grouped by the same ISO week as the "What shipped" page.
 */
export function changelogPayload(
  week: string,
  items: Shipped[],
): NotificationPayload | undefined {
  if (items.length === 0) return undefined;
  const lines = items.map(i => `• ${title(i.text)} (/feedback/${i.id})`);
  return {
    title: `What shipped in ${week}: ${items.length} item${
      items.length === 1 ? '' : 's'
    }`,
    description: lines.join('\n'),
    link: '/feedback?tab=shipped',
    topic: 'weekly-changelog',
    scope: `weekly-changelog:${week}`,
    severity: 'low',
  };
}

/** Items shipped in [start, end), newest first (as on the What shipped page). */
export async function shippedBetween(
  store: FeedbackStore,
  start: string,
  end: string,
): Promise<Shipped[]> {
  const out: Shipped[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listShipped(start, { cursor, limit: 100 });
    out.push(...page.items.filter(i => i.shippedAt < end));
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Sends last week's changelog to every user; nothing when nothing shipped. */
export async function sendWeeklyChangelog(options: {
  store: FeedbackStore;
  notifications: NotificationService;
  logger: LoggerService;
  now: Date;
}): Promise<NotificationPayload | undefined> {
  const { start, end } = previousWeek(options.now);
  const items = await shippedBetween(options.store, start, end);
  const payload = changelogPayload(isoWeek(start), items);
  if (!payload) {
    options.logger.info(
      `Weekly changelog: nothing shipped in ${isoWeek(start)}`,
    );
    return undefined;
  }
  await options.notifications.send({
    recipients: { type: 'broadcast' },
    payload,
  });
  return payload;
}

/** Every Monday 08:00 UTC: last week's changelog. */
export async function scheduleWeeklyChangelog(options: {
  store: FeedbackStore;
  notifications: NotificationService;
  logger: LoggerService;
  scheduler: SchedulerService;
}) {
  await options.scheduler.scheduleTask({
    id: 'feedback-weekly-changelog',
    frequency: { cron: '0 8 * * 1' },
    timeout: { minutes: 5 },
    fn: async () => {
      await sendWeeklyChangelog({ ...options, now: new Date() });
    },
  });
}
