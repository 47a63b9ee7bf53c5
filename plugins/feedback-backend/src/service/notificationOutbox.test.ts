import { mockServices } from '@backstage/backend-test-utils';
import { bothDatabases } from '@internal/test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import { DatabaseFeedbackStore } from '../database/DatabaseFeedbackStore';
import {
  DatabaseNotificationOutbox,
  NotificationOutbox,
} from '../database/DatabaseNotificationOutbox';
import { NewReport } from '../database/FeedbackStore';
import {
  DIGEST_FROM,
  drainNotificationOutbox,
  MAX_ATTEMPTS,
  OutboxDeps,
  retryDelayMs,
} from './notificationOutbox';

jest.setTimeout(60_000);

const databases = bothDatabases();
const PLATFORM = 'group:default/platform-team';

const input: NewReport = {
  entityRef: 'component:default/user-auth-service',
  entityOwnerRef: 'group:default/identity-and-access-team',
  category: 'docs',
  severity: 'high',
  text: 'Token refresh is undocumented',
  anonymous: false,
  reporterRef: 'user:default/priya.sharma',
  reporterTeamRef: 'group:default/payments-team',
  impact: 5,
};

/** A notification service that records, or fails while `down` is set. */
function notificationsRecorder() {
  const sent: NotificationSendOptions[] = [];
  const state = { down: false };
  return {
    sent,
    state,
    notifications: {
      async send(options: NotificationSendOptions) {
        if (state.down) throw new Error('notifications down');
        sent.push(options);
      },
    },
  };
}

describe.each(databases.eachSupportedId())('notification outbox (%s)', id => {
  let knex: Knex;
  let now: Date;
  const clock = () => now;

  /** A fresh store and outbox on the same database, as after a restart. */
  async function open() {
    const database = { getClient: async () => knex };
    return {
      store: await DatabaseFeedbackStore.create({ database }),
      outbox: await DatabaseNotificationOutbox.create({ database }),
    };
  }

  function deps(
    parts: { store: DatabaseFeedbackStore; outbox: NotificationOutbox },
    notifications: OutboxDeps['notifications'],
    logger = mockServices.logger.mock(),
  ): OutboxDeps {
    return {
      ...parts,
      notifications,
      logger,
      platformTeamRef: PLATFORM,
      clock,
    };
  }

  beforeEach(async () => {
    knex = await databases.init(id);
    // The store stamps entries with the real time (a little ahead when
    // many share a millisecond); the drain's clock starts after that.
    now = new Date(Date.now() + 60_000);
  });

  it('commits the notification with the report, so a crash after the 201 does not lose it', async () => {
    const before = await open();
    const report = await before.store.createReport(input, {
      notifyPlatformTeam: true,
    });
    const anonymous = await before.store.createReport(
      { ...input, anonymous: true },
      { notifyPlatformTeam: true },
    );
    // The process dies here: nothing was sent. After the restart:
    const after = await open();
    expect(await after.outbox.pending()).toBe(2);
    const { sent, notifications } = notificationsRecorder();
    expect(await drainNotificationOutbox(deps(after, notifications))).toEqual({
      sent: 2,
      failed: 0,
    });
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: PLATFORM },
        payload: expect.objectContaining({
          title:
            'New friction report on user-auth-service: docs, high severity',
          description:
            'Token refresh is undocumented (from priya.sharma, payments-team)',
          link: `/feedback/${report.id}`,
          scope: `feedback-new:${report.id}`,
        }),
      },
      {
        recipients: { type: 'entity', entityRef: PLATFORM },
        payload: expect.objectContaining({
          description: 'Token refresh is undocumented',
          scope: `feedback-new:${anonymous.id}`,
        }),
      },
    ]);
    expect(await after.outbox.pending()).toBe(0);
    // Sent once: a second run has nothing left to send.
    await drainNotificationOutbox(deps(after, notifications));
    expect(sent).toHaveLength(2);
  });

  it('sends again what a crash interrupted between sending and clearing', async () => {
    const parts = await open();
    const report = await parts.store.createReport(input, {
      notifyPlatformTeam: true,
    });
    const { sent, notifications } = notificationsRecorder();
    const crashing: NotificationOutbox = {
      due: (at, limit) => parts.outbox.due(at, limit),
      done: async ids => {
        if (ids.length) throw new Error('process killed');
      },
      retryAt: (...args) => parts.outbox.retryAt(...args),
      pending: () => parts.outbox.pending(),
    };
    await expect(
      drainNotificationOutbox(
        deps({ store: parts.store, outbox: crashing }, notifications),
      ),
    ).rejects.toThrow('process killed');
    const restarted = await open();
    await drainNotificationOutbox(deps(restarted, notifications));
    // At least once; the scope makes the notifications backend update the
    // first one rather than show two.
    expect(sent.map(s => s.payload.scope)).toEqual([
      `feedback-new:${report.id}`,
      `feedback-new:${report.id}`,
    ]);
    expect(await restarted.outbox.pending()).toBe(0);
  });

  it('keeps the notification while the notification service is down, and sends it later', async () => {
    const parts = await open();
    const report = await parts.store.createReport(input, {
      notifyPlatformTeam: true,
    });
    const { sent, state, notifications } = notificationsRecorder();
    const logger = mockServices.logger.mock();
    state.down = true;
    expect(
      await drainNotificationOutbox(deps(parts, notifications, logger)),
    ).toEqual({ sent: 0, failed: 1 });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(`feedback reports ${report.id} (attempt 1)`),
    );
    // Not due again before its delay.
    state.down = false;
    await drainNotificationOutbox(deps(parts, notifications));
    expect(sent).toEqual([]);
    now = new Date(now.getTime() + retryDelayMs(1));
    await drainNotificationOutbox(deps(parts, notifications));
    expect(sent.map(s => s.payload.link)).toEqual([`/feedback/${report.id}`]);
    expect(await parts.outbox.pending()).toBe(0);
  });

  it(`gives up after ${MAX_ATTEMPTS} failed attempts, saying so`, async () => {
    const parts = await open();
    const report = await parts.store.createReport(input, {
      notifyPlatformTeam: true,
    });
    const { state, notifications } = notificationsRecorder();
    const logger = mockServices.logger.mock();
    state.down = true;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await parts.outbox.pending()).toBe(1);
      await drainNotificationOutbox(deps(parts, notifications, logger));
      now = new Date(now.getTime() + retryDelayMs(attempt));
    }
    expect(await parts.outbox.pending()).toBe(0);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining(
        `Gave up notifying the platform team of feedback report ${report.id} after ${MAX_ATTEMPTS} attempts`,
      ),
    );
  });

  it('sends a burst as digests rather than one notification per report', async () => {
    const parts = await open();
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) {
      const r = await parts.store.createReport(
        { ...input, text: `report ${i}`, anonymous: i % 2 === 0 },
        { notifyPlatformTeam: true },
      );
      ids.push(r.id);
    }
    const { sent, notifications } = notificationsRecorder();
    expect(await drainNotificationOutbox(deps(parts, notifications))).toEqual({
      sent: 120,
      failed: 0,
    });
    expect(sent.map(s => s.payload.title)).toEqual([
      '100 new friction reports',
      '20 new friction reports',
    ]);
    expect(sent[0]).toMatchObject({
      recipients: { type: 'entity', entityRef: PLATFORM },
      payload: {
        link: '/feedback',
        topic: 'feedback',
        scope: `feedback-new-digest:${ids[0]}`,
        severity: 'high',
      },
    });
    const lines = sent[0].payload.description!.split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe(
      `• user-auth-service: docs, high: report 0 (/feedback/${ids[0]})`,
    );
    expect(lines[10]).toBe('…and 90 more');
    // A digest names no reporter, anonymous or not.
    expect(JSON.stringify(sent)).not.toMatch(/priya|payments|user:/);
    expect(await parts.outbox.pending()).toBe(0);
  });

  it(`sends up to ${DIGEST_FROM} due reports one by one`, async () => {
    const parts = await open();
    for (let i = 0; i < DIGEST_FROM; i++) {
      await parts.store.createReport(input, { notifyPlatformTeam: true });
    }
    const { sent, notifications } = notificationsRecorder();
    await drainNotificationOutbox(deps(parts, notifications));
    expect(sent.map(s => s.payload.title)).toEqual(
      Array(DIGEST_FROM).fill(
        'New friction report on user-auth-service: docs, high severity',
      ),
    );
  });

  it('writes nothing without a platform team, and clears what nobody can be told', async () => {
    const parts = await open();
    await parts.store.createReport(input);
    expect(await parts.outbox.pending()).toBe(0);

    await parts.store.createReport(input, { notifyPlatformTeam: true });
    const gone = await parts.store.createReport(input, {
      notifyPlatformTeam: true,
    });
    await knex('reports').where({ id: gone.id }).delete();
    // Deleting a report takes its outbox entry with it.
    expect(await parts.outbox.pending()).toBe(1);
    const { sent, notifications } = notificationsRecorder();
    await drainNotificationOutbox({
      ...deps(parts, notifications),
      platformTeamRef: undefined,
    });
    expect(sent).toEqual([]);
    expect(await parts.outbox.pending()).toBe(0);
  });
});
