import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { randomUUID } from 'node:crypto';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { actionRateLimit, publicErrors, writeRateLimit } from './index';

/** A plugin router with the limit at its start, as the plugins mount it. */
function app(config: JsonObject, name = 'test-plugin') {
  const router = Router();
  router.use(
    writeRateLimit({
      config: mockServices.rootConfig({ data: config }),
      httpAuth: mockServices.httpAuth({
        defaultCredentials: mockCredentials.none(),
      }),
      name,
      defaults: { limit: 2, window: { minutes: 1 } },
    }),
  );
  router.use(express.json({ limit: '1kb' }));
  router.get('/things', (_req, res) => {
    res.json({ ok: true });
  });
  router.post('/things', (_req, res) => {
    res.status(201).json({ ok: true });
  });
  router.get('/database/:code', req => {
    throw Object.assign(new Error('terminating connection'), {
      code: req.params.code,
    });
  });
  router.get('/database-gone', () => {
    // What knex throws when the connection dies inside a transaction.
    throw new Error('ROLLBACK - Connection terminated unexpectedly');
  });
  router.use(publicErrors(mockServices.logger.mock(), 'Test'));
  const server = express();
  server.use(router);
  server.use(mockErrorHandler());
  return server;
}

const post = (server: express.Express, headers: Record<string, string>) =>
  request(server).post('/things').set(headers).send({});

const as = (ref: string) => ({
  Authorization: mockCredentials.user.header(ref),
});

describe('writeRateLimit', () => {
  it('answers a caller past the limit 429 with Retry-After, others go on', async () => {
    const server = app({});
    for (let i = 0; i < 2; i++) {
      await request(server)
        .post('/things')
        .set(as('user:default/alice'))
        .send({})
        .expect(201);
    }
    const refused = await request(server)
      .post('/things')
      .set(as('user:default/alice'))
      .send({});
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.body.error.message).toMatch(
      /^Too many requests to test-plugin: at most 2 per 60 seconds; try again in \d+ seconds$/,
    );
    // Another person, and reads, are not counted against alice.
    await request(server)
      .post('/things')
      .set(as('user:default/bob'))
      .send({})
      .expect(201);
    await request(server)
      .get('/things')
      .set(as('user:default/alice'))
      .expect(200);
  });

  it('counts a service by its subject and an anonymous caller by address', async () => {
    const server = app({
      portal: { rateLimit: { 'test-plugin': { limit: 1 } } },
    });
    const service = {
      Authorization: mockCredentials.service.header({
        onBehalfOf: mockCredentials.service('ci-a'),
        targetPluginId: 'test',
      }),
    };
    const statuses = [];
    for (const headers of [service, service, {}, {}]) {
      statuses.push((await post(server, headers)).status);
    }
    expect(statuses).toEqual([201, 429, 201, 429]);
  });

  it('reads the limit and window from portal.rateLimit.<name>', async () => {
    const server = app({
      portal: { rateLimit: { 'test-plugin': { limit: 3, window: 'PT10S' } } },
    });
    for (let i = 0; i < 3; i++) {
      await request(server)
        .post('/things')
        .set(as('user:default/carol'))
        .send({})
        .expect(201);
    }
    const refused = await request(server)
      .post('/things')
      .set(as('user:default/carol'))
      .send({})
      .expect(429);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(10);
    expect(() =>
      app({ portal: { rateLimit: { 'test-plugin': { limit: 0 } } } }),
    ).toThrow('portal.rateLimit.test-plugin.limit must be a whole number');
  });

  it('shares the count between replicas through backend.rateLimit.store (Redis)', async () => {
    const config = {
      backend: {
        rateLimit: {
          store: { type: 'redis', connection: 'redis://127.0.0.1:6379' },
        },
      },
    };
    // A fresh name per run: counts in Redis outlive the test.
    const name = `test-${randomUUID()}`;
    const replicaA = app(config, name);
    const replicaB = app(config, name);
    const dave = as('user:default/dave');
    const statuses = [];
    for (const replica of [replicaA, replicaB, replicaA, replicaB]) {
      statuses.push((await post(replica, dave)).status);
    }
    expect(statuses).toEqual([201, 201, 429, 429]);
  });
});

describe('actionRateLimit', () => {
  const defaults = { limit: 2, window: { minutes: 1 } };

  it('refuses a caller past the limit, saying when to try again; others go on', async () => {
    const limit = actionRateLimit({
      config: mockServices.rootConfig({ data: {} }),
      name: 'test-plugin',
      defaults,
    });
    const alice = mockCredentials.user('user:default/alice');
    await limit(alice);
    await limit(alice);
    await expect(limit(alice)).rejects.toThrow(
      /^Too many requests to test-plugin: at most 2 per 60 seconds; try again in \d+ seconds$/,
    );
    await expect(
      limit(mockCredentials.user('user:default/bob')),
    ).resolves.toBeUndefined();
  });

  it('counts with the write routes of every replica through Redis', async () => {
    const config = {
      backend: {
        rateLimit: {
          store: { type: 'redis', connection: 'redis://127.0.0.1:6379' },
        },
      },
    };
    const name = `test-${randomUUID()}`;
    const route = app(config, name);
    const limit = actionRateLimit({
      config: mockServices.rootConfig({ data: config }),
      name,
      defaults,
    });
    // One write in the browser, one through an action: the third is refused.
    await post(route, as('user:default/erin')).expect(201);
    await limit(mockCredentials.user('user:default/erin'));
    await expect(
      limit(mockCredentials.user('user:default/erin')),
    ).rejects.toThrow(/^Too many requests/);
    expect((await post(route, as('user:default/erin'))).status).toBe(429);
  });
});

describe('publicErrors', () => {
  it('answers 503 while the database is out of reach, 500 for other database errors', async () => {
    for (const code of ['57P01', '57P03', '08006', 'ECONNREFUSED']) {
      const res = await request(app({})).get(`/database/${code}`);
      expect(res.status).toBe(503);
      expect(res.body.error.message).toMatch(/try again in a few seconds/);
    }
    expect((await request(app({})).get('/database-gone')).status).toBe(503);
    const other = await request(app({})).get('/database/23505');
    expect(other.status).toBe(500);
    expect(other.body.error.message).not.toMatch(/terminating/);
  });

  it('answers a body over the limit 413 naming the limit', async () => {
    const res = await request(app({}))
      .post('/things')
      .set(as('user:default/erin'))
      .send({ text: 'x'.repeat(2000) });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({
      name: 'PayloadTooLargeError',
      message: 'Request body too large: at most 1024 bytes',
    });
  });
});
