import type {
  AnalyticsEvent as BackstageAnalyticsEvent,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import {
  ANALYTICS_FIELD_LENGTHS,
  AnalyticsEvent,
  MAX_EVENTS_PER_BATCH,
} from '@internal/plugin-portal-analytics-common';
import { toSafeText } from '@internal/plugin-portal-common';

/** Fits a string into a column: no control characters, cut without splitting a pair. */
const fit = toSafeText;

/** Backstage's event as the backend accepts it. */
export function toPortalEvent(
  event: BackstageAnalyticsEvent,
  now: Date,
): AnalyticsEvent {
  const context = event.context as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const entityRef = str(context.entityRef) ?? str(event.attributes?.entityRef);
  const pluginId = str(context.pluginId);
  const out: AnalyticsEvent = {
    action: fit(event.action, ANALYTICS_FIELD_LENGTHS.action) || 'unknown',
    subject: fit(event.subject ?? '', ANALYTICS_FIELD_LENGTHS.subject),
    timestamp: now.toISOString(),
  };
  if (pluginId) out.pluginId = fit(pluginId, ANALYTICS_FIELD_LENGTHS.pluginId);
  if (entityRef) {
    out.entityRef = fit(entityRef, ANALYTICS_FIELD_LENGTHS.entityRef);
  }
  if (typeof event.value === 'number' && Number.isFinite(event.value)) {
    out.value = Math.max(-1e12, Math.min(1e12, event.value));
  }
  return out;
}

/**
 * The app's analytics implementation: `captureEvent` only appends to a
 * buffer (it never waits on the network, so rendering never does); the
 * buffer is sent to `/api/portal-analytics/events` every `intervalMs`, as
 * soon as it holds `batchSize` events, and when the page is hidden. A
 * failed send is dropped, not retried: usage is a statistic, not a ledger.
 */
export class BatchingAnalytics {
  private buffer: AnalyticsEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly batchSize: number;
  private readonly intervalMs: number;

  constructor(
    private readonly deps: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
      batchSize?: number;
      intervalMs?: number;
      now?: () => Date;
    },
  ) {
    this.batchSize = Math.min(deps.batchSize ?? 50, MAX_EVENTS_PER_BATCH);
    this.intervalMs = deps.intervalMs ?? 5_000;
    if (typeof window !== 'undefined') {
      window.addEventListener('pagehide', () => {
        this.flush();
      });
    }
  }

  captureEvent(event: BackstageAnalyticsEvent): void {
    this.buffer.push(
      toPortalEvent(event, (this.deps.now ?? (() => new Date()))()),
    );
    if (this.buffer.length >= this.batchSize) {
      this.schedule(0);
    } else {
      this.schedule(this.intervalMs);
    }
  }

  private schedule(delay: number) {
    if (this.timer !== undefined && delay > 0) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, delay);
  }

  /** Sends what is buffered; resolves when the request is done (or failed). */
  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const events = this.buffer.splice(0, MAX_EVENTS_PER_BATCH);
    if (this.buffer.length > 0) this.schedule(0);
    try {
      const base = await this.deps.discoveryApi.getBaseUrl('portal-analytics');
      await this.deps.fetchApi.fetch(`${base}/events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ events }),
        keepalive: true,
      });
    } catch {
      // Dropped: the app must not suffer for its own statistics.
    }
  }
}
