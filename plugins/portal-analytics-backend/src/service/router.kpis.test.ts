import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { kpisResponseSchema } from '@internal/plugin-portal-analytics-common';
import express from 'express';
import request from 'supertest';
import { ChannelUsageStore } from '../database/ChannelUsageStore';
import { UsageStore } from '../database/UsageStore';
import { DEFAULT_KPIS } from '../kpis/definitions';
import { KpiService } from '../kpis/KpiService';
import { fakeSources, NOW } from '../__testUtils__/fakeKpiSources';
import { createRouter } from './router';

async function app() {
  const kpis = new KpiService({
    sources: fakeSources(),
    definitions: DEFAULT_KPIS,
    platformTeam: 'group:default/platform-team',
    logger: mockServices.logger.mock(),
    clock: () => NOW,
  });
  const router = await createRouter({
    store: {} as UsageStore,
    channels: {} as ChannelUsageStore,
    directory: { counts: async () => ({ total: 0, members: new Map() }) },
    kpis,
    httpAuth: mockServices.httpAuth(),
    userInfo: mockServices.userInfo(),
    permissions: mockServices.permissions.mock(),
    logger: mockServices.logger.mock(),
    timeZone: 'UTC',
    now: () => NOW,
  });
  return express().use(router).use(mockErrorHandler());
}

describe('GET /kpis', () => {
  it('answers any signed-in person with every KPI, in the shared schema', async () => {
    const res = await request(await app())
      .get('/kpis')
      .set('authorization', mockCredentials.user.header('user:default/ana'));
    expect(res.status).toBe(200);
    const body = kpisResponseSchema.parse(res.body);
    expect(body.generatedAt).toBe(NOW.toISOString());
    expect(body.kpis.map(k => k.id)).toEqual(DEFAULT_KPIS.map(k => k.id));
    expect(body.kpis.find(k => k.id === 'timeToRestore')).toMatchObject({
      value: 0.25,
      target: 0.5,
      status: 'on',
    });
  });

  it('refuses callers who are not signed in', async () => {
    const res = await request(await app())
      .get('/kpis')
      .set('authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('refuses a service token: the KPIs are read as a person', async () => {
    const res = await request(await app())
      .get('/kpis')
      .set('authorization', mockCredentials.service.header());
    expect(res.status).toBe(403);
  });

  it('says which parameter it does not know', async () => {
    const res = await request(await app())
      .get('/kpis?window=30')
      .set('authorization', mockCredentials.user.header());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/window/);
  });
});
