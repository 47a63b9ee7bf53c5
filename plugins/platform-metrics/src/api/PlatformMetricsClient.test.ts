import { mockApis } from '@backstage/frontend-test-utils';
import { PlatformMetricsClient } from './PlatformMetricsClient';

function jsonResponse(status: number, body: unknown): Response {
  const text = JSON.stringify(body);
  return {
    ok: status < 400,
    status,
    statusText: status === 404 ? 'Not Found' : 'OK',
    url: 'http://example.com/api/x',
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

describe('PlatformMetricsClient', () => {
  const discoveryApi = mockApis.discovery({ baseUrl: 'http://example.com' });

  it('asks for DORA with the entity, window and granularity', async () => {
    const fetch = jest.fn(async (_url: RequestInfo | URL) =>
      jsonResponse(200, {}),
    );
    const client = new PlatformMetricsClient({
      discoveryApi,
      fetchApi: { fetch },
    });
    await client.getDora({
      entityRef: 'component:default/payment-routing-service',
      window: 90,
      granularity: 'week',
    });
    await client.getDora({ window: 7 });
    await client.getEvents({
      entityRef: 'system:default/payments',
      window: 30,
      type: 'incident',
      limit: 25,
      offset: 50,
    });
    await client.getTeams({ window: 365 });
    await client.getAdoption({ window: 90, entityRef: 'group:default/a' });
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      'http://example.com/api/platform-metrics/dora?entityRef=component%3Adefault%2Fpayment-routing-service&window=90&granularity=week',
      'http://example.com/api/platform-metrics/dora?window=7',
      'http://example.com/api/platform-metrics/events?entityRef=system%3Adefault%2Fpayments&window=30&type=incident&limit=25&offset=50',
      'http://example.com/api/platform-metrics/teams?window=365',
      'http://example.com/api/platform-metrics/adoption?window=90&entityRef=group%3Adefault%2Fa',
    ]);
  });

  it('surfaces the backend message of a 400', async () => {
    const fetch = jest.fn(async () =>
      jsonResponse(400, {
        error: {
          name: 'InputError',
          message: 'window must be 7, 30, 90 or 365',
        },
        response: { statusCode: 400 },
      }),
    );
    const client = new PlatformMetricsClient({
      discoveryApi,
      fetchApi: { fetch },
    });
    const error = await client.getTeams({ window: 30 }).catch(e => e);
    expect(error.statusCode).toBe(400);
    expect(error.body.error.message).toBe('window must be 7, 30, 90 or 365');
  });
});
