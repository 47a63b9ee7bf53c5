import { mockServices } from '@backstage/backend-test-utils';
import { DateTime } from 'luxon';
import { DatabaseFeedbackStore } from '../database/DatabaseFeedbackStore';
import { isoWeek } from './router';
import {
  changelogPayload,
  previousWeek,
  sendWeeklyChangelog,
} from './weeklyChangelog';
import { bothDatabases } from '@internal/test-utils';

jest.setTimeout(60_000);

const databases = bothDatabases();

it('previousWeek is the ISO week before, Monday to Monday UTC', () => {
  expect(previousWeek(new Date('2026-11-23T08:00:00Z'))).toEqual({
    start: '2026-11-16T00:00:00.000Z',
    end: '2026-11-23T00:00:00.000Z',
  });
  // Sunday 23:59 still belongs to the week that started on the 16th.
  expect(previousWeek(new Date('2026-11-22T23:59:00Z')).start).toBe(
    '2026-11-09T00:00:00.000Z',
  );
});

it('changelogPayload is nothing for an empty week', () => {
  expect(changelogPayload('2026-W47', [])).toBeUndefined();
});

describe.each(databases.eachSupportedId())('weekly changelog on %p', id => {
  it('sends what shipped last week, the same items as the What shipped page, and nothing for an empty week', async () => {
    const knex = await databases.init(id);
    const store = await DatabaseFeedbackStore.create({
      database: { getClient: async () => knex },
    });
    const ship = async (text: string) => {
      const r = await store.createReport({
        entityRef: 'component:default/svc',
        entityOwnerRef: null,
        category: 'docs',
        severity: 'medium',
        text,
        anonymous: true,
        reporterRef: 'user:default/secret.reporter',
        reporterTeamRef: null,
        impact: 1,
      });
      await store.changeStatus(r.id, {
        status: 'shipped',
        note: 'done',
        actorRef: 'user:default/olu',
      });
      return r.id;
    };
    const a = await ship('Docs search finds runbooks now');
    const b = await ship('Faster template runs');
    const notifications = { send: jest.fn(async () => {}) };
    const logger = mockServices.logger.mock();

    // This week: nothing shipped last week, nothing sent.
    expect(
      await sendWeeklyChangelog({
        store,
        notifications,
        logger,
        now: new Date(),
      }),
    ).toBeUndefined();
    expect(notifications.send).not.toHaveBeenCalled();

    // Next week: this week's items, once, to everyone.
    const nextWeek = DateTime.utc().plus({ weeks: 1 }).toJSDate();
    const payload = await sendWeeklyChangelog({
      store,
      notifications,
      logger,
      now: nextWeek,
    });
    expect(notifications.send).toHaveBeenCalledTimes(1);
    expect(notifications.send).toHaveBeenCalledWith({
      recipients: { type: 'broadcast' },
      payload,
    });
    const week = isoWeek(new Date().toISOString());
    expect(payload!.title).toBe(`What shipped in ${week}: 2 items`);
    expect(payload!.scope).toBe(`weekly-changelog:${week}`);
    expect(payload!.link).toBe('/feedback?tab=shipped');
    expect(payload!.description!).toContain(`/feedback/${a}`);
    expect(payload!.description!).toContain(`/feedback/${b}`);
    expect(payload!.description!).not.toContain('secret.reporter');

    // The What shipped page's week holds the same items.
    const page = await store.listShipped(
      DateTime.utc().startOf('week').toISO()!,
      { limit: 100 },
    );
    const onPage = page.items.filter(i => isoWeek(i.shippedAt) === week);
    expect(onPage.map(i => i.id).sort()).toEqual([a, b].sort());
    expect(payload!.description!.split('\n')).toHaveLength(onPage.length);
  });
});
