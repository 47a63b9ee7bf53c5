import { AnalyticsEvent } from '@internal/plugin-portal-analytics-common';
import { countersOf, periodsOf } from '../service/rules';
import { RecordedEvent } from './UsageStore';

/** An event as the router would record it, for store tests. */
export function recorded(
  event: Partial<AnalyticsEvent> & { timestamp: string },
  who: { user: string; team?: string | null },
  timeZone = 'UTC',
): RecordedEvent {
  const e: AnalyticsEvent = { action: 'navigate', subject: '/', ...event };
  const occurredAt = new Date(e.timestamp).toISOString();
  return {
    occurredAt,
    ...periodsOf(occurredAt, timeZone),
    userRef: who.user,
    teamRef: who.team === undefined ? 'group:default/a-team' : who.team,
    action: e.action,
    subject: e.subject,
    pluginId: e.pluginId ?? null,
    entityRef: e.entityRef ?? null,
    value: e.value ?? null,
    counters: countersOf(e),
  };
}
