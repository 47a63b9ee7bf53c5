import {
  createServiceFactory,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import request from 'supertest';
import { feedbackPlugin } from './plugin';

jest.setTimeout(30_000);

const PLATFORM = 'group:default/platform-team';

// The whole plugin: the request path must not wait for the notification
// service, and the scheduled outbox task must still deliver.
it('answers 201 without waiting for the platform team notification, which the outbox task then sends', async () => {
  const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
  const scheduler = mockServices.scheduler.mock({
    async scheduleTask(task) {
      tasks.set(task.id, task);
    },
  });
  const sent: NotificationSendOptions[] = [];
  let reachable!: () => void;
  // The notification service answers only once the test lets it: a report
  // whose request waited for it would never get its 201.
  const notificationsAnswer = new Promise<void>(resolve => {
    reachable = resolve;
  });
  const backend = await startTestBackend({
    features: [
      feedbackPlugin,
      mockServices.rootConfig.factory({
        data: { portal: { platformTeam: PLATFORM } },
      }),
      scheduler.factory,
      catalogServiceMock.factory({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'user-auth-service', namespace: 'default' },
            spec: { type: 'service', lifecycle: 'production', owner: 'iam' },
          },
        ],
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          async send(options: NotificationSendOptions) {
            await notificationsAnswer;
            sent.push(options);
          },
        }),
      }),
    ],
  });
  try {
    const res = await request(backend.server)
      .post('/api/feedback/reports')
      .set({
        Authorization: mockCredentials.user.header('user:default/priya'),
      })
      .send({
        entityRef: 'component:default/user-auth-service',
        category: 'ci-cd',
        severity: 'high',
        text: 'Builds wait for a runner for minutes',
        anonymous: false,
      });
    expect(res.status).toBe(201);
    expect(sent).toEqual([]);

    reachable();
    // What the scheduler runs every few seconds, once per cluster.
    await tasks
      .get('feedback-notification-outbox')!
      .fn(new AbortController().signal);
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: PLATFORM },
        payload: expect.objectContaining({
          title:
            'New friction report on user-auth-service: ci-cd, high severity',
          link: `/feedback/${res.body.id}`,
        }),
      },
    ]);
  } finally {
    reachable();
    await backend.stop();
  }
});
