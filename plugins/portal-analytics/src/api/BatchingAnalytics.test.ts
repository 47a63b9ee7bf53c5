import type { AnalyticsEvent } from '@backstage/frontend-plugin-api';
import { BatchingAnalytics, toPortalEvent } from './BatchingAnalytics';

const event = (over: Partial<AnalyticsEvent> = {}): AnalyticsEvent => ({
  action: 'navigate',
  subject: '/catalog',
  context: { pluginId: 'catalog', extensionId: 'page:catalog' } as any,
  ...over,
});

function setup(batchSize = 3) {
  const fetch = jest.fn(async () => new Response(null, { status: 202 }));
  const analytics = new BatchingAnalytics({
    discoveryApi: {
      getBaseUrl: async () => 'http://backend/api/portal-analytics',
    },
    fetchApi: { fetch } as any,
    batchSize,
    intervalMs: 5_000,
    now: () => new Date('2026-11-20T10:00:00.000Z'),
  });
  const sent = () =>
    (fetch.mock.calls as unknown as [string, RequestInit][]).map(
      ([, init]) => JSON.parse(String(init.body)).events,
    );
  return { analytics, fetch, sent };
}

describe('BatchingAnalytics', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('never sends while capturing, then sends one batch after the interval', async () => {
    const { analytics, fetch, sent } = setup(10);
    analytics.captureEvent(event());
    analytics.captureEvent(
      event({ action: 'search', subject: 'kafka', value: 0 }),
    );
    expect(fetch).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(sent()[0]).toEqual([
      {
        action: 'navigate',
        subject: '/catalog',
        pluginId: 'catalog',
        timestamp: '2026-11-20T10:00:00.000Z',
      },
      {
        action: 'search',
        subject: 'kafka',
        pluginId: 'catalog',
        value: 0,
        timestamp: '2026-11-20T10:00:00.000Z',
      },
    ]);
  });

  it('sends as soon as a batch is full, still not inside captureEvent', async () => {
    const { analytics, fetch, sent } = setup(2);
    analytics.captureEvent(event());
    analytics.captureEvent(event());
    expect(fetch).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(0);
    expect(sent()).toHaveLength(1);
    expect(sent()[0]).toHaveLength(2);
  });

  it('swallows a failed send', async () => {
    const { analytics, fetch } = setup(1);
    fetch.mockRejectedValueOnce(new Error('offline'));
    analytics.captureEvent(event());
    await expect(jest.advanceTimersByTimeAsync(0)).resolves.toBeUndefined();
  });
});

it('toPortalEvent fits values into what the backend accepts', () => {
  const out = toPortalEvent(
    event({
      subject: `${'x'.repeat(999)}\uD83D\uDE00`,
      value: Infinity,
      context: {
        pluginId: 'scaffolder',
        entityRef: 'template:default/node',
      } as any,
    }),
    new Date('2026-11-20T10:00:00Z'),
  );
  // The emoji's pair is cut in half at 1000 units: the lone half is dropped.
  expect(out.subject).toBe('x'.repeat(999));
  expect(out.value).toBeUndefined();
  expect(out.entityRef).toBe('template:default/node');
  expect(
    toPortalEvent(event({ subject: 'a\u0000b' }), new Date()).subject,
  ).toBe('ab');
});
