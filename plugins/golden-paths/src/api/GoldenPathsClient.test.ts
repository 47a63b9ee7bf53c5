import { GoldenPathsClient } from './GoldenPathsApi';

function client(responses: Record<string, { status: number; body: unknown }>) {
  const urls: string[] = [];
  const api = new GoldenPathsClient({
    discoveryApi: {
      getBaseUrl: async (pluginId: string) => `http://backend/api/${pluginId}`,
    },
    fetchApi: {
      fetch: (async (url: string) => {
        urls.push(url);
        const r = responses[url] ?? { status: 404, body: {} };
        return new Response(JSON.stringify(r.body), {
          status: r.status,
          headers: { 'Content-Type': 'application/json' },
        });
      }) as any,
    },
  });
  return { api, urls };
}

describe('GoldenPathsClient', () => {
  it('reads paths, drift, one entity drift and usage', async () => {
    const base = 'http://backend/api/golden-paths';
    const { api, urls } = client({
      [`${base}/paths`]: { status: 200, body: { items: [{ name: 'a' }] } },
      [`${base}/drift`]: { status: 200, body: { items: [], totalItems: 0 } },
      [`${base}/drift?templateRef=template%3Adefault%2Fnodejs-api&offset=20&limit=10`]:
        { status: 200, body: { items: [], totalItems: 20 } },
      [`${base}/drift/component/default/orders-api`]: {
        status: 200,
        body: { drift: null },
      },
      [`${base}/usage?weeks=12`]: {
        status: 200,
        body: { weeks: [{ week: '2026-11-16', counts: {} }] },
      },
    });
    expect(await api.getPaths()).toEqual([{ name: 'a' }]);
    expect(await api.getDrift()).toEqual({ items: [], totalItems: 0 });
    expect(
      await api.getDrift({
        templateRef: 'template:default/nodejs-api',
        offset: 20,
        limit: 10,
      }),
    ).toEqual({ items: [], totalItems: 20 });
    expect(await api.getEntityDrift('component:default/orders-api')).toBe(null);
    expect(await api.getUsage(12)).toEqual([
      { week: '2026-11-16', counts: {} },
    ]);
    expect(urls).toHaveLength(5);
  });

  it('turns an error answer into a ResponseError carrying its message', async () => {
    const { api } = client({
      'http://backend/api/golden-paths/usage?weeks=0': {
        status: 400,
        body: {
          error: { name: 'InputError', message: 'Invalid query: weeks' },
          response: { statusCode: 400 },
        },
      },
    });
    const error = await api.getUsage(0).catch(e => e);
    expect(error.name).toBe('ResponseError');
    expect(error.statusCode).toBe(400);
    // ResponseErrorPanel shows the backend's own message.
    expect(error.cause.message).toBe('Invalid query: weeks');
  });
});
