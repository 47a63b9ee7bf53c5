import {
  BackstageCredentials,
  BackstageUserPrincipal,
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { bothDatabases } from '@internal/test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EventsService, eventsServiceRef } from '@backstage/plugin-events-node';
import request from 'supertest';
import { portalAnalyticsPlugin } from './plugin';
import { templateRunOf } from './service/templateRuns';

jest.setTimeout(120_000);

// Template runs are counted from the scaffolder's own task events; what a
// browser says about a template run counts for nothing.

const databases = bothDatabases();
const DEV = 'user:default/priya.sharma';
const PLATFORM_ENGINEER = 'user:default/sam.platform';
const as = (ref: string) => mockCredentials.user.header(ref);

/** Stands in for the scaffolder: publishes on its events topic. */
function fakeScaffolder(capture: (events: EventsService) => void) {
  return createBackendPlugin({
    pluginId: 'scaffolder',
    register(env) {
      env.registerInit({
        deps: { events: eventsServiceRef },
        async init({ events }) {
          capture(events);
        },
      });
    },
  });
}

describe('templateRunOf', () => {
  const at = new Date('2026-11-20T10:00:00Z');
  const task = {
    id: 't1',
    status: 'open',
    createdBy: 'user:default/Ann',
    spec: { templateInfo: { entityRef: 'template:default/nodejs-api' } },
  };

  it('records a new task as a run of its template by its creator', () => {
    expect(templateRunOf(task, at, 'UTC')).toMatchObject({
      userRef: 'user:default/ann',
      day: '2026-11-20',
      counters: [{ kind: 'template', key: 'template:default/nodejs-api' }],
    });
  });

  it('ignores other task events, runs without a person and bad refs', () => {
    expect(templateRunOf({ ...task, status: 'completed' }, at, 'UTC')).toBe(
      undefined,
    );
    expect(
      templateRunOf({ ...task, createdBy: undefined }, at, 'UTC'),
    ).toBeUndefined();
    expect(
      templateRunOf(
        { ...task, spec: { templateInfo: { entityRef: 42 } } },
        at,
        'UTC',
      ),
    ).toBeUndefined();
  });
});

describe.each(databases.eachSupportedId())('template runs on %p', id => {
  it('counts runs from the scaffolder and not from a browser', async () => {
    const knex = await databases.init(id);
    // One in-process event bus for both plugins, as in the backend.
    const bus = mockServices.events();
    let scaffolderEvents: EventsService | undefined;
    const { server } = await startTestBackend({
      features: [
        portalAnalyticsPlugin,
        fakeScaffolder(e => {
          scaffolderEvents = e;
        }),
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => bus,
        }),
        mockServices.database.factory({ knex }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        catalogServiceMock.factory({ entities: [] }),
        createServiceFactory({
          service: coreServices.userInfo,
          deps: {},
          factory: () => ({
            async getUserInfo(credentials: BackstageCredentials) {
              const ref = (credentials.principal as BackstageUserPrincipal)
                .userEntityRef;
              return {
                userEntityRef: ref,
                ownershipEntityRefs:
                  ref === PLATFORM_ENGINEER
                    ? [ref, 'group:default/platform-team']
                    : [ref],
              };
            },
          }),
        }),
      ],
    });

    // A developer's browser claims ten runs of a template.
    const claimed = await request(server)
      .post('/api/portal-analytics/events')
      .set('authorization', as(DEV))
      .send({
        events: Array.from({ length: 10 }, () => ({
          action: 'create',
          subject: 'my-service',
          entityRef: 'template:default/nodejs-api',
          timestamp: new Date().toISOString(),
        })),
      });
    expect(claimed.status).toBe(202);

    // The scaffolder creates one task.
    await scaffolderEvents!.publish({
      topic: 'scaffolder.task',
      eventPayload: {
        id: 'task-1',
        status: 'open',
        createdBy: DEV,
        spec: { templateInfo: { entityRef: 'template:default/nodejs-api' } },
      },
    });
    // ...which then completes: still one run.
    await scaffolderEvents!.publish({
      topic: 'scaffolder.task',
      eventPayload: { id: 'task-1', status: 'completed', createdBy: DEV },
    });

    const top = await request(server)
      .get('/api/portal-analytics/usage/top?days=7')
      .set('authorization', as(PLATFORM_ENGINEER));
    expect(top.status).toBe(200);
    expect(top.body.template).toEqual([
      { key: 'template:default/nodejs-api', count: 1 },
    ]);
  });
});
