// Over 400 lines: one generator per endpoint's input, all fuzzed together.
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { ENTITIES } from './__testUtils__/fixtures';
import { platformMetricsPlugin } from './plugin';
import { bothDatabases } from '@internal/test-utils';

jest.setTimeout(300_000);

// Malformed requests against every endpoint of the real plugin on a real
// database: never a 5xx, and the backend still answers afterwards.

const GITHUB_SECRET = 'fuzz-github-secret';
const PAGERDUTY_SECRET = 'fuzz-pagerduty-secret';
const BASE = '/api/platform-metrics';
const RUNS = Number(process.env.FUZZ_RUNS ?? 500);

const databases = bothDatabases();

const AUTH = {
  ci: mockCredentials.service.header({
    onBehalfOf: mockCredentials.service('ci-a'),
    targetPluginId: 'platform-metrics',
  }),
  user: mockCredentials.user.header('user:default/guest'),
  none: mockCredentials.none.header(),
  plugin: mockCredentials.service.header(),
};

const now = Date.now();
const iso = (offsetHours: number) =>
  new Date(now + offsetHours * 3_600_000).toISOString();

/** Values that broke or could break something. */
const NASTY: unknown[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'component:default/svc-\ud800',
  '\udc00x',
  '\ud83d\ude00',
  'x'.repeat(256),
  'x'.repeat(300),
  `component:default/${'x'.repeat(250)}`,
  'x'.repeat(250),
  `a/${'x'.repeat(300)}`,
  'x'.repeat(70_000),
  'component:default/a%2Fb',
  'component:default/a/b',
  'group:default/nobody',
  'system:default/payments',
  'api:default/x',
  ':::',
  '../../etc/passwd',
  '%00',
  '%ED%A0%80',
  '1e400',
  '-1',
  '99999999999999999999',
  '9007199254740993',
  'NaN',
  'Infinity',
  '2026-02-30T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '0000-01-01T00:00:00Z',
  '1969-12-31T23:59:59Z',
  '2026-11-20T12:00:00.123456789123456789Z',
  iso(-1),
  iso(48),
  'production',
  'success',
  'abcdef1',
  'g'.repeat(40),
  0,
  -1,
  1,
  1.5,
  -1e308,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  false,
  null,
  [],
  ['a'],
  {},
  { $gt: '' },
  { __proto__: { polluted: true } },
];
const nasty = fc.constantFrom<unknown>(...NASTY);

const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nasty },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

const VALID = {
  deployments: {
    id: 'fz-1',
    entityRef: 'component:default/svc-a',
    environment: 'production',
    status: 'success',
    commitShas: ['abcdef1'],
    deployedAt: iso(-2),
  },
  changes: {
    sha: 'abcdef1',
    repository: 'acme/svc-a',
    authoredAt: iso(-5),
    mergedAt: iso(-4),
    title: 'A change',
    author: 'user:default/ana',
  },
  incidents: {
    id: 'fz-i',
    pagerdutyServiceId: 'PSVCA01',
    createdAt: iso(-3),
    resolvedAt: iso(-1),
    causeDeploymentId: 'fz-1',
  },
};

/** A valid event with some fields replaced, added or removed. */
function mutated(base: Record<string, unknown>) {
  const keys = [...Object.keys(base), 'source', 'updatedAt', 'extra'];
  return fc
    .dictionary(fc.constantFrom(...keys), fc.option(value), { maxKeys: 3 })
    .map(changes => {
      const out: Record<string, unknown> = { ...base };
      for (const [k, v] of Object.entries(changes)) {
        if (v === null) delete out[k];
        else out[k] = v;
      }
      return out;
    });
}

const eventBody = (kind: keyof typeof VALID) =>
  fc.oneof(
    mutated(VALID[kind]),
    fc
      .array(mutated(VALID[kind]), { maxLength: 4 })
      .map(events => ({ events })),
    fc.record({ events: value }),
    value,
  );

/** Bytes of a query string: raw fragments and percent-encoded UTF-8. */
function encode(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? '';
  return [...Buffer.from(s, 'utf8')]
    .map(b => `%${b.toString(16).padStart(2, '0')}`)
    .join('');
}
const queryString = fc
  .array(
    fc.oneof(
      fc
        .tuple(
          fc.constantFrom(
            'entityRef',
            'window',
            'granularity',
            'type',
            'limit',
            'offset',
            'entityRef[]',
            'window[a]',
            'junk',
          ),
          value,
        )
        .map(([k, v]) => `${encodeURIComponent(k)}=${encode(v)}`),
      fc.constantFrom(
        'window=7',
        'window=365',
        'type=change',
        'type=incident',
        'granularity=day',
        'entityRef=group:default/team-a',
        'entityRef=system:default/payments',
        'offset=100000',
        'limit=200',
        '%',
        '%zz=1',
        'entityRef=%E0%A4%A',
        '&&&',
        '=x',
      ),
    ),
    { maxLength: 4 },
  )
  .map(parts => (parts.length ? `?${parts.join('&')}` : ''));

const GET_PATHS = [
  '/dora',
  '/teams',
  '/events',
  '/adoption',
  '/onboarding',
  '/unmapped',
];

type Req = {
  method: 'get' | 'post';
  path: string;
  auth?: string;
  headers?: Record<string, string>;
  body?: string;
};

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  undefined,
);

const rawBody = fc.oneof(
  value.map(v => JSON.stringify(v) ?? ''),
  fc.constantFrom(
    '',
    '{',
    'null',
    '"x"',
    '[]',
    '{"events":',
    '\u0000',
    '\ud800',
  ),
);

const reads: fc.Arbitrary<Req> = fc
  .tuple(
    fc.constantFrom(...GET_PATHS, '/events%2Fdeployments', '/nope', '/dora/'),
    queryString,
    fc.constantFrom(AUTH.user, AUTH.ci, AUTH.none, AUTH.plugin),
  )
  .map(([path, query, auth]) => ({ method: 'get', path: path + query, auth }));

const writes: fc.Arbitrary<Req> = fc
  .tuple(
    fc.constantFrom('deployments', 'changes', 'incidents') as fc.Arbitrary<
      keyof typeof VALID
    >,
    fc.constantFrom(AUTH.ci, AUTH.ci, AUTH.ci, AUTH.user, AUTH.plugin),
    fc.oneof(
      { weight: 4, arbitrary: fc.constant('json') },
      { weight: 1, arbitrary: fc.constant('raw') },
    ),
    contentType,
    rawBody,
  )
  .chain(([kind, auth, mode, type, raw]) => {
    const json = mode === 'json';
    let headers: Record<string, string> = {};
    if (json) headers = { 'content-type': 'application/json' };
    else if (type) headers = { 'content-type': type };
    return eventBody(kind).map(body => ({
      method: 'post' as const,
      path: `/events/${kind}`,
      auth,
      headers,
      body: json ? JSON.stringify(body) ?? 'null' : raw,
    }));
  });

function signedGithub(event: string, payload: unknown, delivery: string) {
  const body = JSON.stringify(payload) ?? '';
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': delivery,
      'x-hub-signature-256': `sha256=${createHmac('sha256', GITHUB_SECRET)
        .update(body)
        .digest('hex')}`,
    },
  };
}

const githubPayload = (event: string) => {
  const repository = { full_name: 'acme/svc-a', default_branch: 'main' };
  const base: Record<string, Record<string, unknown>> = {
    push: {
      ref: 'refs/heads/main',
      after: 'abcdef1abcdef1',
      commits: [
        {
          id: 'abcdef1',
          timestamp: iso(-5),
          message: 'x',
          author: { name: 'Ana', username: 'ana' },
        },
      ],
      repository,
    },
    deployment_status: {
      deployment_status: { state: 'success', created_at: iso(-2) },
      deployment: { id: 7, sha: 'abcdef1', environment: 'production' },
      repository,
    },
    pull_request: {
      action: 'closed',
      pull_request: {
        number: 1,
        merged: true,
        merge_commit_sha: 'abcdef2',
        created_at: iso(-6),
        merged_at: iso(-5),
      },
      repository,
    },
    issues: {
      action: 'closed',
      issue: {
        id: 1,
        number: 1,
        state: 'closed',
        created_at: iso(-4),
        closed_at: iso(-3),
        labels: [{ name: 'incident' }],
      },
      repository,
    },
  };
  return base[event] ?? { zen: 'x' };
};

const webhooks: fc.Arbitrary<Req> = fc.oneof(
  // Correctly signed GitHub deliveries with mutated payloads.
  fc
    .tuple(
      fc.constantFrom(
        'push',
        'deployment_status',
        'pull_request',
        'issues',
        'ping',
        'x'.repeat(300),
      ),
      fc.oneof(
        fc.uuid(),
        fc.constantFrom('', 'x'.repeat(300), 'a b', '\u00e9'),
      ),
    )
    .chain(([event, delivery]) =>
      fc.oneof(mutated(githubPayload(event)), value).map(payload => ({
        method: 'post' as const,
        path: '/webhooks/github',
        ...signedGithub(event, payload, delivery),
      })),
    ),
  // Correctly signed PagerDuty deliveries with mutated payloads.
  fc
    .tuple(
      mutated({
        id: 'E-fuzz',
        event_type: 'incident.resolved',
        resource_type: 'incident',
        occurred_at: iso(-1),
      }),
      mutated({
        id: 'PFUZZ',
        type: 'incident',
        created_at: iso(-2),
        service: { id: 'PSVCA01' },
      }),
    )
    .map(([event, data]) => {
      const body = JSON.stringify({ event: { ...event, data } });
      return {
        method: 'post' as const,
        path: '/webhooks/pagerduty',
        body,
        headers: {
          'content-type': 'application/json',
          'x-pagerduty-signature': `v1=${createHmac('sha256', PAGERDUTY_SECRET)
            .update(body)
            .digest('hex')}`,
        },
      };
    }),
  // Unsigned, wrongly signed or empty.
  fc
    .tuple(
      fc.constantFrom('/webhooks/github', '/webhooks/pagerduty'),
      rawBody,
      fc.constantFrom<Record<string, string>>(
        {},
        { 'x-hub-signature-256': 'sha256=00' },
        { 'x-hub-signature-256': 'x' },
        { 'x-pagerduty-signature': 'v1=00,v1=' },
        { 'x-pagerduty-signature': ',,,' },
        { 'x-github-event': 'push', 'x-hub-signature-256': 'sha256=' },
      ),
      contentType,
    )
    .map(([path, body, headers, type]) => ({
      method: 'post' as const,
      path,
      body,
      headers: type ? { ...headers, 'content-type': type } : headers,
    })),
  fc.constantFrom<Req>(
    { method: 'post', path: '/rollups/rebuild', auth: AUTH.ci },
    { method: 'post', path: '/rollups/rebuild', auth: AUTH.user },
    { method: 'post', path: '/rollups/rebuild', auth: AUTH.none },
    {
      method: 'post',
      path: '/rollups/rebuild',
      auth: AUTH.ci,
      headers: { 'content-type': 'application/json' },
      body: '{',
    },
  ),
);

describe.each(databases.eachSupportedId())('every endpoint on %s', id => {
  let server: Parameters<typeof request>[0];

  beforeAll(async () => {
    const knex = await databases.init(id);
    const backend = await startTestBackend({
      features: [
        platformMetricsPlugin,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: ENTITIES }),
        mockServices.rootConfig.factory({
          data: {
            platformMetrics: {
              github: { webhookSecret: GITHUB_SECRET },
              pagerduty: { webhookSecret: PAGERDUTY_SECRET },
            },
            // Thousands of writes a minute from one token, on purpose.
            portal: { rateLimit: { 'platform-metrics': { limit: 1_000_000 } } },
          },
        }),
      ],
    });
    server = backend.server;
  });

  const send = async (r: Req) => {
    let call = request(server)[r.method](BASE + r.path);
    if (r.auth) call = call.set('authorization', r.auth);
    for (const [k, v] of Object.entries(r.headers ?? {})) call = call.set(k, v);
    return r.body !== undefined ? await call.send(r.body) : await call;
  };

  const failures: string[] = [];
  const check = async (r: Req) => {
    const res = await send(r);
    if (res.status >= 500) {
      failures.push(
        `${r.method.toUpperCase()} ${r.path.slice(0, 200)} ${
          r.body?.slice(0, 200) ?? ''
        } answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`,
      );
    }
    return res;
  };

  /** Still serves valid requests. */
  async function stillServes() {
    const ingest = await send({
      method: 'post',
      path: '/events/deployments',
      auth: AUTH.ci,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...VALID.deployments, id: 'after-fuzz' }),
    });
    expect(ingest.status).toBe(202);
    const dora = await send({
      method: 'get',
      path: '/dora?entityRef=component:default/svc-a&window=7',
      auth: AUTH.user,
    });
    expect(dora.status).toBe(200);
    expect(dora.body.metrics.deploymentFrequency.sampleSize).toBeGreaterThan(0);
  }

  it('answers every bad value of every query parameter and event field with a 4xx', async () => {
    let requests = 0;
    for (const path of GET_PATHS) {
      for (const key of [
        'entityRef',
        'window',
        'granularity',
        'type',
        'limit',
        'offset',
      ]) {
        for (const v of NASTY) {
          requests += 1;
          await check({
            method: 'get',
            path: `${path}?type=incident&${key}=${encode(v)}`,
            auth: AUTH.user,
          });
        }
      }
    }
    for (const kind of Object.keys(VALID) as Array<keyof typeof VALID>) {
      const fields = [...Object.keys(VALID[kind]), 'source', 'updatedAt'];
      for (const field of fields) {
        for (const [i, v] of NASTY.entries()) {
          // Twice: the second event for a stored value must work too.
          for (const n of [1, 2]) {
            requests += 1;
            await check({
              method: 'post',
              path: `/events/${kind}`,
              auth: AUTH.ci,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({
                events: [
                  {
                    ...VALID[kind],
                    ...(kind !== 'changes' && { id: `${field}-${i}-${n}` }),
                    [field]: v,
                  },
                ],
              }),
            });
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(2000);
    await stillServes();
  });

  it('never answers 5xx to random malformed requests', async () => {
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(reads, writes, webhooks), async r => {
        requests += 1;
        await check(r);
        if (failures.length) throw new Error(failures.join('\n'));
      }),
      { numRuns: RUNS },
    );
    expect(requests).toBeGreaterThanOrEqual(RUNS);
    await stillServes();
  });
});
