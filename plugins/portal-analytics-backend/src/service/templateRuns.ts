import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { normalizeEntityRef } from '@internal/plugin-portal-node';
import { z } from 'zod/v3';
import { RecordedEvent, UsageStore } from '../database/UsageStore';
import { MAX_KEY_LENGTH, periodsOf } from './rules';

/** The scaffolder's topic: one event per task state change. */
export const SCAFFOLDER_TASK_TOPIC = 'scaffolder.task';

/** A task just created: its template and who started it. */
const newTaskSchema = z.object({
  id: z.string(),
  status: z.literal('open'),
  // The portal runs templates only for a signed-in person.
  createdBy: z.string().min(1),
  spec: z.object({
    templateInfo: z.object({ entityRef: z.string().min(1) }),
  }),
});

/**
 * The usage event of a template run, from the scaffolder's own task event
 * (not from what a browser reports); undefined for other task events.
 * Attributed to no team: the person's activity and team come from their
 * own page views.
 */
export function templateRunOf(
  payload: unknown,
  at: Date,
  timeZone: string,
): RecordedEvent | undefined {
  const task = newTaskSchema.safeParse(payload);
  if (!task.success) return undefined;
  let template: string;
  try {
    template = normalizeEntityRef(task.data.spec.templateInfo.entityRef, {
      defaultKind: 'template',
    }).slice(0, MAX_KEY_LENGTH);
  } catch {
    return undefined;
  }
  const occurredAt = at.toISOString();
  return {
    occurredAt,
    ...periodsOf(occurredAt, timeZone),
    userRef: task.data.createdBy.toLocaleLowerCase('en-US'),
    teamRef: null,
    action: 'create',
    subject: template,
    pluginId: 'scaffolder',
    entityRef: template,
    value: null,
    counters: [{ kind: 'template', key: template }],
  };
}

/** Counts each new scaffolder task as a run of its template. */
export async function subscribeToTemplateRuns(options: {
  events: EventsService;
  store: UsageStore;
  logger: LoggerService;
  timeZone: string;
  now?: () => Date;
}) {
  const now = options.now ?? (() => new Date());
  await options.events.subscribe({
    id: 'portal-analytics-template-runs',
    topics: [SCAFFOLDER_TASK_TOPIC],
    async onEvent({ eventPayload }) {
      const run = templateRunOf(eventPayload, now(), options.timeZone);
      if (!run) return;
      try {
        await options.store.record([run]);
      } catch (error) {
        options.logger.warn(`Template run not counted: ${error}`);
      }
    },
  });
}
