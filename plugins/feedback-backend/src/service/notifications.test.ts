import { StoredReport } from '../database/FeedbackStore';
import { newReportPayload } from './notifications';

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

describe('newReportPayload', () => {
  it('tells about a new report, with its reporter', () => {
    expect(newReportPayload(report)).toEqual({
      title: 'New friction report on user-auth-service: docs, high severity',
      description:
        'Token refresh is undocumented (from priya.sharma, checkout-core-team)',
      link: `/feedback/${report.id}`,
      topic: 'feedback',
      scope: `feedback-new:${report.id}`,
      severity: 'high',
    });
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
});
