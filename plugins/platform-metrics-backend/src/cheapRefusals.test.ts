import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { bothDatabases } from '@internal/test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { CI_SOURCES_ANNOTATION } from '@internal/plugin-portal-node';
import { ENTITIES } from './__testUtils__/fixtures';
import { platformMetricsPlugin } from './plugin';

/**
 * Cheap refusals through the plugin on SQLite and PostgreSQL: a webhook
 * without a well-formed signature is refused before its body is read,
 * oversized bodies are 413s that say so, writes are rate limited per
 * caller; and a change's author is kept for the onboarding time only.
 */

jest.setTimeout(120_000);

const databases = bothDatabases();
const BASE = '/api/platform-metrics';
const ci = (subject: string) =>
  mockCredentials.service.header({
    onBehalfOf: mockCredentials.service(subject),
    targetPluginId: 'platform-metrics',
  });

/** svc-a is reported for by the CI tokens these tests use. */
const entities = ENTITIES.map(e =>
  e.metadata.name === 'svc-a'
    ? {
        ...e,
        metadata: {
          ...e.metadata,
          annotations: {
            ...e.metadata.annotations,
            [CI_SOURCES_ANNOTATION]: 'ci-busy, ci-quiet, ci-authors',
          },
        },
      }
    : e,
);

async function start(knex: Knex) {
  const { server } = await startTestBackend({
    features: [
      platformMetricsPlugin,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          platformMetrics: {
            github: { webhookSecret: 'github-secret' },
            pagerduty: { webhookSecret: 'pagerduty-secret' },
          },
          portal: { rateLimit: { 'platform-metrics': { limit: 20 } } },
        },
      }),
    ],
  });
  return server;
}

/**
 * Sends the headers and the first bytes of a body that never ends; resolves
 * with the status once the server answers (or 0 if it waits for the rest).
 */
function answerToUnfinishedBody(
  server: http.Server,
  path: string,
  headers: Record<string, string>,
): Promise<number> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      path,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': '1000',
        ...headers,
      },
    });
    const timer = setTimeout(() => {
      req.destroy();
      resolve(0);
    }, 3000);
    req.on('response', res => {
      clearTimeout(timer);
      res.resume();
      req.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', error => {
      clearTimeout(timer);
      if ((error as NodeJS.ErrnoException).code === 'ECONNRESET') resolve(0);
      else reject(error);
    });
    req.write('{"zen":');
  });
}

describe.each(databases.eachSupportedId())('on %p', id => {
  let server: Awaited<ReturnType<typeof start>>;
  let knex: Knex;

  beforeAll(async () => {
    knex = await databases.init(id);
    server = await start(knex);
  });

  it.each([
    [
      'github',
      'x-hub-signature-256',
      undefined,
      /^Missing X-Hub-Signature-256/,
    ],
    ['github', 'x-hub-signature-256', 'sha256=00', /^Malformed X-Hub/],
    [
      'github',
      'x-hub-signature-256',
      `sha1=${'a'.repeat(40)}`,
      /^Malformed X-Hub/,
    ],
    ['pagerduty', 'x-pagerduty-signature', undefined, /^Missing X-PagerDuty/],
    ['pagerduty', 'x-pagerduty-signature', 'v1=00,v1=', /^Malformed X-Pager/],
  ])(
    'refuses a %s webhook with %s %p before reading its body',
    async (hook, header, value, message) => {
      const headers = value === undefined ? {} : { [header]: value };
      // Answered while the body is still on its way ...
      expect(
        await answerToUnfinishedBody(
          server,
          `${BASE}/webhooks/${hook}`,
          headers,
        ),
      ).toBe(401);
      // ... and a body far over the limit is not even looked at (no 413).
      const res = await request(server)
        .post(`${BASE}/webhooks/${hook}`)
        .set(headers)
        .set('content-type', 'application/json')
        .send(JSON.stringify({ zen: 'x'.repeat(6 * 1024 * 1024) }));
      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(message);
    },
  );

  it('answers a well-formed but wrong signature 401 once the body is read', async () => {
    const res = await request(server)
      .post(`${BASE}/webhooks/github`)
      .set('x-hub-signature-256', `sha256=${'0'.repeat(64)}`)
      .set('x-github-event', 'ping')
      .send({ zen: 'hi' });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe(
      'Invalid X-Hub-Signature-256 signature',
    );
  });

  it('answers oversized bodies 413 naming the limit', async () => {
    const events = await request(server)
      .post(`${BASE}/events/deployments`)
      .set('authorization', ci('ci-big'))
      .set('content-type', 'application/json')
      .send(JSON.stringify({ id: 'x'.repeat(11 * 1024 * 1024) }));
    expect(events.status).toBe(413);
    expect(events.body.error.message).toBe(
      'Request body too large: at most 10485760 bytes',
    );
    const webhook = await request(server)
      .post(`${BASE}/webhooks/github`)
      .set('x-hub-signature-256', `sha256=${'0'.repeat(64)}`)
      .set('content-type', 'application/json')
      .send(JSON.stringify({ zen: 'x'.repeat(6 * 1024 * 1024) }));
    expect(webhook.status).toBe(413);
    expect(webhook.body.error.message).toBe(
      'Request body too large: at most 5242880 bytes',
    );
  });

  it('limits each CI token, and each webhook sender, with 429 and Retry-After', async () => {
    const deploy = (subject: string, n: number) =>
      request(server)
        .post(`${BASE}/events/deployments`)
        .set('authorization', ci(subject))
        .send({
          id: `${subject}-${n}`,
          repository: 'acme/svc-a',
          status: 'success',
          deployedAt: new Date().toISOString(),
        });
    for (let n = 0; n < 20; n++) {
      expect((await deploy('ci-busy', n)).status).toBe(202);
    }
    const refused = await deploy('ci-busy', 20);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.error.message).toMatch(
      /^Too many requests to platform-metrics: at most 20 per 60 seconds/,
    );
    // Another token is counted on its own; reads are not counted.
    expect((await deploy('ci-quiet', 0)).status).toBe(202);
    const read = await request(server)
      .get(`${BASE}/teams?window=30`)
      .set('authorization', ci('ci-busy'));
    expect(read.status).toBe(200);

    // Webhook senders by address: unsigned calls count too.
    let last = 0;
    for (let n = 0; n < 21; n++) {
      last = (await request(server).post(`${BASE}/webhooks/github`).send({}))
        .status;
    }
    expect(last).toBe(429);
  });

  it('lets a caller rebuild the rollups twice in ten minutes', async () => {
    const rebuild = () =>
      request(server)
        .post(`${BASE}/rollups/rebuild`)
        .set('authorization', ci('ci-rebuild'));
    expect((await rebuild()).status).toBe(200);
    expect((await rebuild()).status).toBe(200);
    const refused = await rebuild();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(60);
  });

  it("stores a change's author for the onboarding time, and no API returns it", async () => {
    const res = await request(server)
      .post(`${BASE}/events/changes`)
      .set('authorization', ci('ci-authors'))
      .send({
        sha: 'abc0001',
        entityRef: 'component:default/svc-a',
        authoredAt: new Date(Date.now() - 3_600_000).toISOString(),
        author: 'user:default/some.author',
      });
    expect(res.status).toBe(202);
    // Stored (docs/security.md says so) ...
    expect(
      await knex('pm_changes').where('sha', 'abc0001').select('author'),
    ).toEqual([{ author: 'user:default/some.author' }]);
    // ... and never in an answer.
    for (const path of [
      '/events?type=change&window=7',
      '/events?type=change&window=7&entityRef=component:default/svc-a',
      '/onboarding?window=7',
    ]) {
      const read = await request(server)
        .get(`${BASE}${path}`)
        .set('authorization', mockCredentials.user.header());
      expect(read.status).toBe(200);
      expect(JSON.stringify(read.body)).not.toContain('some.author');
    }
  });
});
