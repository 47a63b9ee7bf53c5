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
import fc from 'fast-check';
import request from 'supertest';
import { feedbackPlugin } from './plugin';
import { bothDatabases } from '@internal/test-utils';

/**
 * Every endpoint of the feedback backend, through the real plugin on a real
 * database, with hundreds of malformed requests: wrong types, huge values,
 * lone surrogates, NUL, forged cursors, bad ids, arrays and objects where a
 * string belongs, broken JSON. None may answer 5xx, and the plugin must
 * still serve a valid request afterwards.
 */

jest.setTimeout(180_000);

const databases = bothDatabases();

const USER = 'user:default/priya.sharma';
const TEAM = 'group:default/payments-team';
const ENTITY = 'component:default/payments-api';

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
  },
];

const cursor = (value: unknown) =>
  Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

const UUID = '8f1d7a0e-4c59-4b8e-9d2a-1f0e6c3b5a77';

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  'a\uD800b',
  '\uDC00',
  'abc\uD83D',
  '\u001B[31m',
  'x'.repeat(256),
  'x'.repeat(4001),
  'x'.repeat(70_000),
  '1e308',
  '-1',
  '0',
  '1.5',
  '9'.repeat(40),
  'NaN',
  'Infinity',
  '__proto__',
  'constructor',
  "'; drop table reports; --",
  '../../../etc/passwd',
  '%00',
  'component:default/',
  `component:default/${'x'.repeat(300)}`,
  `group:default/${'x'.repeat(300)}`,
  'user:default/priya.sharma',
  ENTITY,
  UUID,
  UUID.toUpperCase(),
  '2026-Q5',
  '0000-Q1',
  '2026-13',
  cursor({ i: 1e308, c: 'x', id: 'y' }),
  cursor({ i: -1, c: '2026-01-01T00:00:00.000Z', id: UUID }),
  cursor({ i: 1.5, c: '2026-01-01T00:00:00.000Z', id: UUID }),
  cursor({ i: 3, c: '\u0000', id: UUID }),
  cursor({ i: 3, c: '2026-01-01T00:00:00.000Z', id: 'x'.repeat(500) }),
  cursor({ s: '2026-01-01T00:00:00.000Z\u0000', id: UUID }),
  cursor({ s: 12, id: null }),
  cursor([1, 2, 3]),
  cursor('just a string'),
  cursor(null),
];

const oddChar = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0xd800, max: 0xdfff }).map(c => String.fromCharCode(c)),
  fc.integer({ min: 0, max: 0x1f }).map(c => String.fromCharCode(c)),
);
const nastyString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ maxLength: 30 }),
  fc.array(oddChar, { maxLength: 12 }).map(a => a.join('')),
);
const nastyScalar = fc.oneof(
  nastyString,
  fc.integer(),
  fc.constantFrom(0, -1, 1.5, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const nastyValue = fc.oneof(
  { weight: 4, arbitrary: nastyScalar },
  fc.array(nastyScalar, { maxLength: 3 }),
  fc.dictionary(nastyString, nastyScalar, { maxKeys: 2 }),
);
/** A query value as qs can produce it: a string, a list or an object. */
const nastyQueryValue = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  fc.array(nastyString, { minLength: 1, maxLength: 3 }),
  fc.dictionary(
    fc.string({ minLength: 1, maxLength: 5 }).filter(k => /^\w+$/.test(k)),
    nastyString,
    { minKeys: 1, maxKeys: 2 },
  ),
);

/** Each field valid, malformed or missing, sometimes an unknown one. */
function fieldsOf<T>(
  valid: Record<string, unknown>,
  bad: fc.Arbitrary<T>,
): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(
    Object.entries(valid).map(([k, v]) => [k, fc.oneof(fc.constant(v), bad)]),
  );
  return fc
    .tuple(
      fc.record(fields, { requiredKeys: [] }),
      fc.option(fc.tuple(nastyString, bad), { freq: 4 }),
    )
    .map(([record, extra]) =>
      extra && extra[0] ? { ...record, [extra[0]]: extra[1] } : record,
    );
}

/** Percent-encodes every UTF-16 unit; lone surrogates as invalid UTF-8. */
function encode(value: string): string {
  let out = '';
  for (const ch of value) {
    try {
      out += encodeURIComponent(ch);
    } catch {
      out += '%ED%A0%80';
    }
  }
  return out;
}

function queryString(query: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    const k = encode(key);
    if (Array.isArray(value)) {
      for (const v of value) parts.push(`${k}=${encode(String(v))}`);
    } else if (value && typeof value === 'object') {
      for (const [sub, v] of Object.entries(value)) {
        parts.push(`${k}[${encode(sub)}]=${encode(String(v))}`);
      }
    } else {
      parts.push(`${k}=${encode(String(value))}`);
    }
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** A JSON body, or something that is not one. */
const rawBody = fc.constantFrom(
  '{',
  '{"a":',
  'null',
  '[]',
  '"text"',
  '12',
  '{"text": "\\ud800"}',
  `{"text": "${'x'.repeat(70_000)}"}`,
  '\u0000',
);

type Req = {
  method: 'get' | 'post';
  path: string;
  body?: unknown;
  raw?: string;
};

function endpointCases(reportId: string): Array<[string, fc.Arbitrary<Req>]> {
  const id = fc.oneof(
    nastyString,
    fc.constantFrom(reportId, UUID, `${reportId}x`),
  );
  const body = <T>(valid: Record<string, unknown>, bad: fc.Arbitrary<T>) =>
    fc.oneof(
      { weight: 6, arbitrary: fieldsOf(valid, bad) as fc.Arbitrary<unknown> },
      { weight: 1, arbitrary: nastyValue as fc.Arbitrary<unknown> },
    );
  const post = (path: fc.Arbitrary<string>, b: fc.Arbitrary<unknown>) =>
    fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .tuple(path, b)
          .map(([p, v]): Req => ({ method: 'post', path: p, body: v })),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(path, rawBody)
          .map(([p, raw]): Req => ({ method: 'post', path: p, raw })),
      },
    );
  const get = (path: string, valid: Record<string, unknown>) =>
    fieldsOf(valid, nastyQueryValue).map(
      (q): Req => ({ method: 'get', path: `${path}${queryString(q)}` }),
    );
  const fixed = (p: string) => fc.constant(p);

  return [
    [
      'POST /reports',
      post(
        fixed('/reports'),
        body(
          {
            entityRef: ENTITY,
            category: 'docs',
            severity: 'low',
            text: 'Slow pipeline',
            anonymous: true,
          },
          nastyValue,
        ),
      ),
    ],
    [
      'GET /reports',
      get('/reports', {
        status: 'new',
        category: 'docs',
        entityRef: ENTITY,
        ownerRef: 'payments-team',
        reporterTeamRef: TEAM,
        cursor: cursor({ i: 3, c: '2026-01-01T00:00:00.000Z', id: UUID }),
        limit: '10',
      }),
    ],
    ['GET /reports/counts', get('/reports/counts', { entityRef: ENTITY })],
    [
      'POST /reports/similar',
      post(
        fixed('/reports/similar'),
        body(
          { entityRef: ENTITY, category: 'docs', text: 'slow pipeline' },
          nastyValue,
        ),
      ),
    ],
    [
      'GET /reports/:id',
      id.map((i): Req => ({ method: 'get', path: `/reports/${encode(i)}` })),
    ],
    [
      'POST /reports/:id/me-too',
      post(
        id.map(i => `/reports/${encode(i)}/me-too`),
        body({}, nastyValue),
      ),
    ],
    [
      'POST /reports/:id/status',
      post(
        id.map(i => `/reports/${encode(i)}/status`),
        body({ status: 'declined', note: 'No' }, nastyValue),
      ),
    ],
    [
      'GET /shipped',
      get('/shipped', {
        weeks: '4',
        cursor: cursor({ s: '2026-01-01T00:00:00.000Z', id: UUID }),
        limit: '5',
      }),
    ],
    ['GET /surveys/current', get('/surveys/current', {})],
    [
      'POST /surveys/responses',
      post(
        fixed('/surveys/responses'),
        body({ nps: 9, ease: 4, comment: 'Good' }, nastyValue),
      ),
    ],
    [
      'POST /surveys/dismissals',
      post(fixed('/surveys/dismissals'), body({}, nastyValue)),
    ],
    [
      'GET /surveys/results',
      get('/surveys/results', { granularity: 'month', periods: '3' }),
    ],
    [
      'GET /surveys/comments',
      get('/surveys/comments', {
        period: '2026-Q4',
        cursor: '3',
        limit: '10',
      }),
    ],
  ];
}

describe.each(databases.eachSupportedId())('feedback API fuzz (%s)', dbId => {
  let server: Parameters<typeof request>[0];
  let reportId: string;

  beforeAll(async () => {
    const knex = await databases.init(dbId);
    const backend = await startTestBackend({
      features: [
        feedbackPlugin,
        mockServices.database.factory({ knex }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        mockServices.auth.factory(),
        // Thousands of writes a minute from one user, on purpose.
        mockServices.rootConfig.factory({
          data: { portal: { rateLimit: { feedback: { limit: 1_000_000 } } } },
        }),
        catalogServiceMock.factory({ entities }),
        createServiceFactory({
          service: coreServices.userInfo,
          deps: {},
          factory: () => ({
            async getUserInfo() {
              return {
                userEntityRef: USER,
                ownershipEntityRefs: [USER, TEAM],
              };
            },
          }),
        }),
        createServiceFactory({
          service: coreServices.permissions,
          deps: {},
          factory: () => ({
            async authorize(requests: any[]) {
              return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
            },
            async authorizeConditional(requests: any[]) {
              return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
            },
          }),
        }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ async send() {} }),
        }),
      ],
    });
    server = backend.server;
    reportId = (await validRequests()).reportId;
  });

  const auth = { Authorization: mockCredentials.user.header(USER) };

  const send = (req: Req) => {
    const path = `/api/feedback${req.path}`;
    if (req.method === 'get') return request(server).get(path).set(auth);
    const raw = req.raw ?? JSON.stringify(req.body);
    return request(server)
      .post(path)
      .set(auth)
      .set('Content-Type', 'application/json')
      .send(raw);
  };

  /** A valid request on every endpoint family answers as it should. */
  async function validRequests() {
    const created = await request(server)
      .post('/api/feedback/reports')
      .set(auth)
      .send({
        entityRef: ENTITY,
        category: 'docs',
        severity: 'low',
        text: 'The pipeline is slow',
      });
    expect(created.status).toBe(201);
    const list = await request(server)
      .get('/api/feedback/reports?limit=2')
      .set(auth);
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    const details = await request(server)
      .get(`/api/feedback/reports/${created.body.id}`)
      .set(auth);
    expect(details.status).toBe(200);
    const results = await request(server)
      .get('/api/feedback/surveys/results')
      .set(auth);
    expect(results.status).toBe(200);
    return { reportId: created.body.id as string };
  }

  it.each<[string, Req, number, RegExp]>([
    [
      'a NUL report id',
      { method: 'get', path: '/reports/%00' },
      404,
      /not found/,
    ],
    [
      'a report id that is not UTF-8',
      { method: 'get', path: '/reports/%ED%A0%80' },
      400,
      /UTF-8/,
    ],
    [
      'a very long report id',
      { method: 'post', path: `/reports/${'x'.repeat(5000)}/me-too`, body: {} },
      404,
      /not found/,
    ],
    [
      'a forged list cursor with an impact out of range',
      {
        method: 'get',
        path: `/reports?cursor=${cursor({
          i: 1e308,
          c: '2026-01-01T00:00:00.000Z',
          id: UUID,
        })}`,
      },
      400,
      /Invalid cursor/,
    ],
    [
      'a forged shipped cursor with a NUL',
      {
        method: 'get',
        path: `/shipped?cursor=${cursor({ s: 'a\u0000', id: UUID })}`,
      },
      400,
      /Invalid cursor/,
    ],
    [
      'a NUL in a report text',
      {
        method: 'post',
        path: '/reports',
        body: {
          entityRef: ENTITY,
          category: 'docs',
          severity: 'low',
          text: 'a\u0000b',
        },
      },
      400,
      /text: must be valid Unicode text/,
    ],
    [
      'a lone surrogate in a report text',
      {
        method: 'post',
        path: '/reports',
        body: {
          entityRef: ENTITY,
          category: 'docs',
          severity: 'low',
          text: 'a\uD800',
        },
      },
      400,
      /text: must be valid Unicode text/,
    ],
    [
      'an entity ref longer than its column',
      {
        method: 'post',
        path: '/reports',
        body: {
          entityRef: `component:default/${'x'.repeat(300)}`,
          category: 'docs',
          severity: 'low',
          text: 'x',
        },
      },
      400,
      /entityRef/,
    ],
    [
      'a NUL in an entity ref filter',
      { method: 'get', path: '/reports?entityRef=a%00b' },
      400,
      /entityRef/,
    ],
    [
      'a NUL in a status note',
      {
        method: 'post',
        path: '/reports/REPORT/status',
        body: { status: 'triaged', note: '\u0000' },
      },
      400,
      /note/,
    ],
    [
      'a lone surrogate in a survey comment',
      {
        method: 'post',
        path: '/surveys/responses',
        body: { nps: 9, ease: 3, comment: '\uDC00' },
      },
      400,
      /comment/,
    ],
    [
      'a similar-reports draft with a NUL',
      {
        method: 'post',
        path: '/reports/similar',
        body: { category: 'docs', text: '\u0000' },
      },
      400,
      /text/,
    ],
    [
      'a huge comments offset',
      { method: 'get', path: '/surveys/comments?cursor=99999999999' },
      400,
      /cursor/,
    ],
    [
      'a body that is not JSON',
      { method: 'post', path: '/reports', raw: '{"text":' },
      400,
      /not valid JSON/,
    ],
  ])(
    'refuses %s with a 4xx that says what is wrong',
    async (_name, req, status, message) => {
      const res = await send({
        ...req,
        path: req.path.replace('REPORT', reportId),
      });
      expect(res.status).toBe(status);
      expect(res.body.error.message).toMatch(message);
    },
  );

  it('answers every malformed request of every endpoint without a 5xx, and still works after', async () => {
    const statuses = new Map<number, number>();
    for (const [name, arbitrary] of endpointCases(reportId)) {
      await fc.assert(
        fc.asyncProperty(arbitrary, async req => {
          const res = await send(req);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500) {
            throw new Error(
              `${name}: ${res.status} for ${JSON.stringify(req).slice(
                0,
                500,
              )}: ${JSON.stringify(res.body).slice(0, 500)}`,
            );
          }
        }),
        { numRuns: 40, seed: 20261122 },
      );
      await validRequests();
    }
    const total = [...statuses.values()].reduce((sum, n) => sum + n, 0);
    expect(total).toBeGreaterThanOrEqual(13 * 40);
    // Most of them were refused as bad input, not found or too large.
    const refused = [...statuses.entries()]
      .filter(([s]) => s >= 400 && s < 500)
      .reduce((sum, [, n]) => sum + n, 0);
    expect(refused).toBeGreaterThan(total / 2);
  });
});
