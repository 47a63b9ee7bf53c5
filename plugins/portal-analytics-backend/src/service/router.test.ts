import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { portalAnalyticsUsageReadPermission } from '@internal/plugin-portal-analytics-common';
import express from 'express';
import request from 'supertest';
import { UsageStore } from '../database/UsageStore';
import { ChannelUsageStore } from '../database/ChannelUsageStore';
import { KpiService } from '../kpis/KpiService';
import { createRouter } from './router';

const PLATFORM_ENGINEER = 'user:default/sam.platform';
const DEV = 'user:default/priya.sharma';

const emptyStore: UsageStore = {
  record: async () => {},
  countActiveUsers: async () => 0,
  activeUsers: async () => ({
    total: 0,
    daily: [],
    weekly: [],
    monthly: [],
    perTeam: new Map(),
  }),
  top: async () => [],
  forgetUsers: async () => 0,
  prune: async () => ({ raw: 0, aggregates: 0 }),
};

const emptyChannels: ChannelUsageStore = {
  recordChannels: async () => {},
  capabilityTotals: async () => [],
  teamTotals: async () => [],
  channelUsers: async () => [],
  pruneChannels: async () => 0,
};

async function app(options: {
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  store?: Partial<UsageStore>;
  logger?: ReturnType<typeof mockServices.logger.mock>;
}) {
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(() => ({ result: options.result })),
  });
  const router = await createRouter({
    store: { ...emptyStore, ...options.store },
    channels: emptyChannels,
    directory: { counts: async () => ({ total: 0, members: new Map() }) },
    kpis: {} as KpiService,
    httpAuth: mockServices.httpAuth(),
    userInfo: mockServices.userInfo(),
    permissions,
    logger: options.logger ?? mockServices.logger.mock(),
    timeZone: 'UTC',
    now: () => new Date('2026-11-30T12:00:00Z'),
  });
  return {
    permissions,
    server: express().use(router).use(mockErrorHandler()),
  };
}

describe('portal-analytics router', () => {
  it.each(['/usage/summary', '/usage/top', '/usage/channels'])(
    'leaves reading %s to the permission policy',
    async path => {
      // A platform-team member whom the policy denies may not read ...
      const denied = await app({ result: AuthorizeResult.DENY });
      const refused = await request(denied.server)
        .get(path)
        .set('authorization', mockCredentials.user.header(PLATFORM_ENGINEER));
      expect(refused.status).toBe(403);
      expect(denied.permissions.authorize).toHaveBeenCalledWith(
        [{ permission: portalAnalyticsUsageReadPermission }],
        { credentials: mockCredentials.user(PLATFORM_ENGINEER) },
      );
      // ... and anyone it allows may.
      const allowed = await app({ result: AuthorizeResult.ALLOW });
      const read = await request(allowed.server)
        .get(path)
        .set('authorization', mockCredentials.user.header(DEV));
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ to: '2026-11-30' });
    },
  );

  it('answers an internal failure without its details and logs it', async () => {
    const logger = mockServices.logger.mock();
    const { server } = await app({
      result: AuthorizeResult.ALLOW,
      logger,
      store: {
        top: async () => {
          throw new Error('relation "usage_daily" on db.internal failed');
        },
      },
    });
    const res = await request(server)
      .get('/usage/top')
      .set('authorization', mockCredentials.user.header(PLATFORM_ENGINEER));
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('db.internal');
    expect(logger.error).toHaveBeenCalled();
  });

  it('answers malformed JSON with a 400 that says so', async () => {
    const { server } = await app({ result: AuthorizeResult.ALLOW });
    const res = await request(server)
      .post('/events')
      .set('authorization', mockCredentials.user.header(DEV))
      .set('content-type', 'application/json')
      .send('{"events": [');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Invalid request body: not valid JSON');
  });
});
