import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { bothDatabases } from '@internal/test-utils';
import request from 'supertest';
import { feedbackPlugin } from './plugin';

/**
 * The history of an anonymous report, through the real plugin on both
 * databases: the platform team's moves are shown as theirs, only the
 * reporter's own moves are masked.
 */

jest.setTimeout(60_000);

const databases = bothDatabases();

const REPORTER = 'user:default/priya.sharma';
const PLATFORM = 'user:default/sam.okafor';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'hasMember', targetRef: REPORTER }],
  },
];

const as = (userRef: string) => ({
  Authorization: mockCredentials.user.header(userRef),
});

describe.each(databases.eachSupportedId())(
  'anonymous report history (%s)',
  dbId => {
    let server: Parameters<typeof request>[0];

    beforeAll(async () => {
      const knex = await databases.init(dbId);
      const backend = await startTestBackend({
        features: [
          feedbackPlugin,
          mockServices.database.factory({ knex }),
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
          catalogServiceMock.factory({ entities }),
          createServiceFactory({
            service: coreServices.userInfo,
            deps: {},
            factory: () => ({
              async getUserInfo(credentials: any) {
                const ref = credentials.principal.userEntityRef as string;
                return { userEntityRef: ref, ownershipEntityRefs: [ref] };
              },
            }),
          }),
          // The reporter is an owner here, so both may move the report.
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({ async send() {} }),
          }),
        ],
      });
      server = backend.server;
    });

    const move = (id: string, userRef: string, status: string) =>
      request(server)
        .post(`/api/feedback/reports/${id}/status`)
        .set(as(userRef))
        .send({ status, note: `to ${status}` })
        .expect(200);

    it("shows the platform team's moves as theirs and masks only the reporter's", async () => {
      const created = await request(server)
        .post('/api/feedback/reports')
        .set(as(REPORTER))
        .send({
          entityRef: 'component:default/payments-api',
          category: 'docs',
          severity: 'low',
          text: 'The runbook link is dead',
          anonymous: true,
        })
        .expect(201);
      const id = created.body.id;

      await move(id, PLATFORM, 'triaged');
      await move(id, REPORTER, 'planned');
      await move(id, PLATFORM, 'in-progress');

      for (const reader of [REPORTER, PLATFORM, 'user:default/alex.chen']) {
        const res = await request(server)
          .get(`/api/feedback/reports/${id}`)
          .set(as(reader))
          .expect(200);
        expect(res.body.events).toEqual([
          expect.objectContaining({ toStatus: 'triaged', actorRef: PLATFORM }),
          expect.objectContaining({ toStatus: 'planned', byReporter: true }),
          expect.objectContaining({
            toStatus: 'in-progress',
            actorRef: PLATFORM,
          }),
        ]);
        expect(res.body.events[0].byReporter).toBeUndefined();
        expect(JSON.stringify(res.body)).not.toContain('priya');
      }
    });

    it('shows every move of a signed report as its actor', async () => {
      const created = await request(server)
        .post('/api/feedback/reports')
        .set(as(REPORTER))
        .send({
          entityRef: 'component:default/payments-api',
          category: 'docs',
          severity: 'low',
          text: 'The dashboard link is dead',
          anonymous: false,
        })
        .expect(201);
      await move(created.body.id, REPORTER, 'triaged');
      const res = await request(server)
        .get(`/api/feedback/reports/${created.body.id}`)
        .set(as(PLATFORM))
        .expect(200);
      expect(res.body.events).toEqual([
        expect.objectContaining({ actorRef: REPORTER }),
      ]);
      expect(res.body.events[0].byReporter).toBeUndefined();
    });
  },
);
