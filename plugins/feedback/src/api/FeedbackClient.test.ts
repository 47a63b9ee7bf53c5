import { mockApis } from '@backstage/frontend-test-utils';
import { errorMessage, statusCodeOf } from '../components/shared';
import { FeedbackClient } from './index';

function jsonResponse(status: number, body: unknown): Response {
  const text = JSON.stringify(body);
  return {
    ok: status < 400,
    status,
    statusText: status === 400 ? 'Bad Request' : 'OK',
    url: 'http://example.com/api/feedback/reports',
    headers: {
      get: (key: string) =>
        key.toLocaleLowerCase('en-US') === 'content-type'
          ? 'application/json'
          : null,
    },
    json: async () => JSON.parse(text),
    text: async () => text,
  } as unknown as Response;
}

describe('FeedbackClient', () => {
  const discoveryApi = mockApis.discovery({
    baseUrl: 'http://example.com',
  });

  it('calls the feedback backend with filters as query params', async () => {
    const fetch = jest.fn(async () => jsonResponse(200, { items: [] }));
    const client = new FeedbackClient({ discoveryApi, fetchApi: { fetch } });
    await client.listReports({
      status: 'new',
      ownerRef: 'payments-team',
      cursor: undefined,
    });
    expect(fetch).toHaveBeenCalledWith(
      'http://example.com/api/feedback/reports?status=new&ownerRef=payments-team',
      expect.objectContaining({ method: 'GET' }),
    );
  });

  it('posts JSON and surfaces the backend message of a 400', async () => {
    const fetch = jest.fn(async () =>
      jsonResponse(400, {
        error: { name: 'InputError', message: 'Unknown entity component:x' },
        response: { statusCode: 400 },
      }),
    );
    const client = new FeedbackClient({ discoveryApi, fetchApi: { fetch } });
    const error = await client
      .createReport({
        entityRef: 'component:x',
        category: 'docs',
        severity: 'low',
        text: 'hi',
        anonymous: false,
      })
      .catch(e => e);
    expect(fetch).toHaveBeenCalledWith(
      'http://example.com/api/feedback/reports',
      expect.objectContaining({
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    expect(statusCodeOf(error)).toBe(400);
    expect(errorMessage(error)).toBe('Unknown entity component:x');
  });

  it('sends the draft of a similar-reports lookup in a POST body, never in the URL', async () => {
    const fetch = jest.fn(async () => jsonResponse(200, { items: [] }));
    const client = new FeedbackClient({ discoveryApi, fetchApi: { fetch } });
    const draft = 'my private draft about token refresh';
    await client.findSimilar({
      entityRef: 'component:default/user-auth-service',
      category: 'docs',
      text: draft,
    });
    expect(fetch.mock.calls.map((c: any[]) => [c[0], c[1].method])).toEqual([
      ['http://example.com/api/feedback/reports/similar', 'POST'],
    ]);
    const [url, init] = fetch.mock.calls[0] as any[];
    expect(url).not.toContain('private');
    expect(init.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(JSON.parse(init.body)).toEqual({
      entityRef: 'component:default/user-auth-service',
      category: 'docs',
      text: draft,
    });
  });

  it('reads report counts and talks to the survey endpoints', async () => {
    const fetch = jest.fn(async () => jsonResponse(200, {}));
    const client = new FeedbackClient({ discoveryApi, fetchApi: { fetch } });
    await client.getReportCounts('component:default/user-auth-service');
    await client.getSurveyStatus();
    await client.answerSurvey({ nps: 9, ease: 4 });
    await client.dismissSurvey();
    await client.getSurveyResults({ granularity: 'month' });
    expect(
      fetch.mock.calls.map((c: any[]) => [c[0], c[1].method, c[1].body]),
    ).toEqual([
      [
        'http://example.com/api/feedback/reports/counts?entityRef=component%3Adefault%2Fuser-auth-service',
        'GET',
        undefined,
      ],
      ['http://example.com/api/feedback/surveys/current', 'GET', undefined],
      [
        'http://example.com/api/feedback/surveys/responses',
        'POST',
        '{"nps":9,"ease":4}',
      ],
      ['http://example.com/api/feedback/surveys/dismissals', 'POST', '{}'],
      [
        'http://example.com/api/feedback/surveys/results?granularity=month',
        'GET',
        undefined,
      ],
    ]);
  });
});
