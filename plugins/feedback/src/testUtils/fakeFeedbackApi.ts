import { ResponseError } from '@backstage/errors';
import { FeedbackReport } from '@internal/plugin-feedback-common';
import { FeedbackApi } from '../api';

export function makeReport(
  overrides: Partial<FeedbackReport> = {},
): FeedbackReport {
  return {
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    entityRef: 'component:default/user-auth-service',
    entityOwnerRef: 'group:default/identity-and-access-team',
    category: 'docs',
    severity: 'high',
    text: 'The onboarding docs are outdated',
    anonymous: false,
    status: 'new',
    impact: 11,
    supporterCount: 2,
    createdAt: '2026-11-20T08:00:00.000Z',
    updatedAt: '2026-11-20T08:00:00.000Z',
    reporterRef: 'user:default/priya.sharma',
    reporterTeamRef: 'group:default/payments-team',
    supportedByMe: false,
    ...overrides,
  };
}

/** A FeedbackApi whose methods are jest mocks with harmless defaults. */
export function fakeFeedbackApi(
  overrides: Partial<FeedbackApi> = {},
): jest.Mocked<FeedbackApi> {
  return {
    createReport: jest.fn(async req => makeReport({ ...req })),
    listReports: jest.fn(async () => ({ items: [] })),
    getReport: jest.fn(async id => ({ ...makeReport({ id }), events: [] })),
    meToo: jest.fn(async id => makeReport({ id, supportedByMe: true })),
    updateStatus: jest.fn(async (id, req) =>
      makeReport({ id, status: req.status }),
    ),
    findSimilar: jest.fn(async () => ({ items: [] })),
    getShipped: jest.fn(async () => ({ items: [] })),
    getReportCounts: jest.fn(async entityRef => ({
      entityRef,
      open: 0,
      total: 0,
      byStatus: {
        new: 0,
        triaged: 0,
        planned: 0,
        'in-progress': 0,
        shipped: 0,
        declined: 0,
      },
    })),
    getSurveyStatus: jest.fn(async () => ({ period: '2026-Q4', offer: false })),
    answerSurvey: jest.fn(async () => ({
      period: '2026-Q4',
      createdAt: '2026-11-22T10:00:00.000Z',
    })),
    dismissSurvey: jest.fn(async () => ({
      period: '2026-Q4',
      offer: false,
      dismissedAt: '2026-11-22T10:00:00.000Z',
    })),
    getSurveyResults: jest.fn(async () => ({
      overall: [],
      teams: [],
      responses: 0,
    })),
    ...overrides,
  } as jest.Mocked<FeedbackApi>;
}

/** A ResponseError as the FeedbackClient throws it for a backend error. */
export function responseError(
  status: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  const body = JSON.stringify({
    error: { name, message },
    request: { method: 'POST', url: '/api/feedback/reports' },
    response: { statusCode: status },
  });
  return ResponseError.fromResponse({
    ok: false,
    status,
    statusText: status === 403 ? 'Forbidden' : 'Bad Request',
    url: 'http://localhost/api/feedback/reports',
    headers: {
      get: (key: string) =>
        key.toLocaleLowerCase('en-US') === 'content-type'
          ? 'application/json'
          : null,
    },
    text: async () => body,
  } as any);
}
