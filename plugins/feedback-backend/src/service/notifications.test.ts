import { mockServices } from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { StoredReport } from '../database/FeedbackStore';
import { newReportPayload, notifyPlatformTeam } from './notifications';

const report: StoredReport = {
  id: '0123abcd-ffff-4000-8000-000000000000',
  entityRef: 'component:default/user-auth-service',
  entityOwnerRef: 'group:default/identity-and-access-team',
  category: 'docs',
  severity: 'high',
  text: 'Token refresh is undocumented',
  anonymous: false,
  reporterRef: 'user:default/priya.sharma',
  reporterTeamRef: 'group:default/checkout-core-team',
  status: 'new',
  impact: 3,
  supporterCount: 1,
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
};

function recorder(fail = false) {
  const sent: NotificationSendOptions[] = [];
  return {
    sent,
    notifications: {
      async send(options: NotificationSendOptions) {
        if (fail) throw new Error('notifications down');
        sent.push(options);
      },
    },
  };
}

describe('notifyPlatformTeam', () => {
  it('tells the platform team group about a new report, with its reporter', async () => {
    const { sent, notifications } = recorder();
    await notifyPlatformTeam({
      notifications,
      logger: mockServices.logger.mock(),
      platformTeamRef: 'group:default/platform-team',
      report,
    });
    expect(sent).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: 'group:default/platform-team',
        },
        payload: {
          title:
            'New friction report on user-auth-service: docs, high severity',
          description:
            'Token refresh is undocumented (from priya.sharma, checkout-core-team)',
          link: `/feedback/${report.id}`,
          topic: 'feedback',
          scope: `feedback-new:${report.id}`,
          severity: 'high',
        },
      },
    ]);
  });

  it('names neither the reporter nor their team of an anonymous report', () => {
    const payload = newReportPayload({ ...report, anonymous: true });
    expect(payload.description).toBe('Token refresh is undocumented');
    expect(JSON.stringify(payload)).not.toMatch(/priya|checkout-core|user:/);
  });

  it('shortens long texts', () => {
    const payload = newReportPayload({ ...report, text: 'x'.repeat(4000) });
    expect(payload.description!.length).toBeLessThan(400);
  });

  it('sends nothing without a platform team and never throws', async () => {
    const quiet = recorder();
    await notifyPlatformTeam({
      notifications: quiet.notifications,
      logger: mockServices.logger.mock(),
      platformTeamRef: undefined,
      report,
    });
    expect(quiet.sent).toEqual([]);

    const logger = mockServices.logger.mock();
    await expect(
      notifyPlatformTeam({
        notifications: recorder(true).notifications,
        logger,
        platformTeamRef: 'group:default/platform-team',
        report,
      }),
    ).resolves.toBeUndefined();
    expect(logger.error).toHaveBeenCalled();
  });
});
