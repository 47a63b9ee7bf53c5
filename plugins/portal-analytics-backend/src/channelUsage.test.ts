import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ChannelUsageResponse } from '@internal/plugin-portal-analytics-common';
import {
  ChannelHitQueue,
  channelUsageMiddleware,
} from '@internal/plugin-portal-node';
import { bothDatabases } from '@internal/test-utils';
import express from 'express';
import request from 'supertest';
import { DatabaseChannelUsageStore } from './database/DatabaseChannelUsageStore';
import { UsageStore } from './database/UsageStore';
import { KpiService } from './kpis/KpiService';
import { ChannelRecorder } from './service/channelRecorder';
import { createRouter } from './service/router';

jest.setTimeout(60_000);

const databases = bothDatabases();

/** Six people of the payments team and one of the platform team. */
const TEAM: Record<string, string> = {
  'user:default/ann': 'group:default/payments-team',
  'user:default/bob': 'group:default/payments-team',
  'user:default/cat': 'group:default/payments-team',
  'user:default/dan': 'group:default/payments-team',
  'user:default/eve': 'group:default/payments-team',
  'user:default/fay': 'group:default/payments-team',
  'user:default/sam': 'group:default/platform-team',
};

describe.each(databases.eachSupportedId())('channel usage on %p', id => {
  async function setup() {
    const knex = await databases.init(id);
    const store = await DatabaseChannelUsageStore.create({
      database: { getClient: async () => knex },
    });
    const queue = new ChannelHitQueue();
    const recorder = new ChannelRecorder({
      queue,
      store,
      auth: mockServices.auth(),
      userInfo: {
        getUserInfo: async credentials => {
          const ref = (credentials.principal as { userEntityRef: string })
            .userEntityRef;
          return { userEntityRef: ref, ownershipEntityRefs: [ref, TEAM[ref]] };
        },
      },
      logger: mockServices.logger.mock(),
      timeZone: 'UTC',
    });
    const analytics = await createRouter({
      store: {} as UsageStore,
      channels: store,
      directory: { counts: async () => ({ total: 0, members: new Map() }) },
      kpis: {} as KpiService,
      httpAuth: mockServices.httpAuth(),
      userInfo: mockServices.userInfo(),
      permissions: mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      }),
      logger: mockServices.logger.mock(),
      timeZone: 'UTC',
    });
    // The root middleware in front of two plugins' routes, as in the backend.
    const app = express()
      .use(channelUsageMiddleware(queue))
      .get('/api/catalog/entities/by-query', (_req, res) => {
        res.json({ items: [] });
      })
      .post('/api/feedback/reports', (_req, res) => {
        res.status(201).json({});
      })
      .use('/api/portal-analytics', analytics)
      .use(mockErrorHandler());
    return { app, recorder };
  }

  const as = (user: string) => mockCredentials.user.header(user);

  it('counts a CLI request and a browser request apart, per capability and team', async () => {
    const { app, recorder } = await setup();
    // Every payments person reads the catalog in the browser, two of them
    // also from the CLI, one files feedback from the CLI.
    for (const user of Object.keys(TEAM)) {
      await request(app)
        .get('/api/catalog/entities/by-query')
        .set('authorization', as(user))
        .expect(200);
    }
    for (const user of ['user:default/ann', 'user:default/bob']) {
      await request(app)
        .get('/api/catalog/entities/by-query')
        .set('authorization', as(user))
        .set('x-portal-channel', 'cli')
        .expect(200);
    }
    await request(app)
      .post('/api/feedback/reports')
      .set('authorization', as('user:default/ann'))
      .set('x-portal-channel', 'cli')
      .expect(201);
    // Not counted: no token, a token that does not verify.
    await request(app).get('/api/catalog/entities/by-query').expect(200);
    await request(app)
      .get('/api/catalog/entities/by-query')
      .set('authorization', 'Bearer forged')
      .set('x-portal-channel', 'cli');
    expect(await recorder.flush()).toBe(10);

    const res = await request(app)
      .get('/api/portal-analytics/usage/channels?days=7')
      .set('authorization', as('user:default/sam'));
    expect(res.status).toBe(200);
    const body = res.body as ChannelUsageResponse;
    expect(body.totals).toEqual({ browser: 7, cli: 3, mcp: 0 });
    expect(body.people).toEqual({ browser: 7, cli: 2, mcp: 0 });
    expect(body.capabilities).toEqual([
      {
        capability: 'catalog/entities',
        requests: { browser: 7, cli: 2, mcp: 0 },
        total: 9,
      },
      {
        capability: 'feedback/reports',
        requests: { browser: 0, cli: 1, mcp: 0 },
        total: 1,
      },
    ]);
    // Six payments people in the browser: shown; two on the CLI and one
    // platform person: too few to show.
    expect(body.teams).toEqual([
      {
        teamRef: 'group:default/payments-team',
        requests: { browser: 6, cli: null, mcp: null },
      },
    ]);
    expect(body.teamsTooFewToShow).toBe(1);

    // Counting again adds to the same day.
    await request(app)
      .get('/api/catalog/entities/by-query')
      .set('authorization', as('user:default/ann'))
      .set('x-portal-channel', 'cli');
    await recorder.flush();
    const again = await request(app)
      .get('/api/portal-analytics/usage/channels?days=7')
      .set('authorization', as('user:default/sam'));
    expect(again.body.totals).toEqual({ browser: 7, cli: 4, mcp: 0 });
  });
});
