import { mockApis } from '@backstage/frontend-test-utils';
import { errorMessage, statusCodeOf } from '../components/shared';
import { FeedbackClient } from './FeedbackClient';

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
});
