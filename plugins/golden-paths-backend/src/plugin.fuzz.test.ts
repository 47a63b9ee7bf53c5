import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { goldenPathsPlugin } from './plugin';
import { component, template } from './testUtils';

/**
 * Malformed requests against every endpoint of the real plugin: none may
 * get a 5xx, and the backend must still answer afterwards. Table-driven
 * pieces combined by a seeded generator, so a failure is reproducible.
 */

// Pieces of a path segment or query value, already as they go on the wire.
const PIECES = [
  'component',
  'Component',
  'default',
  'payouts-service',
  'a',
  'a'.repeat(63),
  'a'.repeat(64),
  'a'.repeat(1000),
  'a'.repeat(8000),
  '%2F', // an encoded slash
  '%2f',
  '%5C', // backslash
  '%00',
  '%0A',
  '%ED%A0%80', // a lone surrogate (not valid UTF-8)
  '%EF%BF%BF',
  '%C0%AF', // overlong slash
  '%E2%82', // truncated sequence
  '%', // bad escapes
  '%zz',
  '..',
  '%2e%2e',
  '.',
  '~',
  '+',
  '%20',
  encodeURIComponent('é'),
  encodeURIComponent('😀'),
  encodeURIComponent('<script>'),
  encodeURIComponent("' OR 1=1 --"),
  encodeURIComponent('__proto__'),
  encodeURIComponent('a:b/c'),
  '-1',
  '0',
  '1',
  '26',
  '104',
  '105',
  '1e2',
  '0x10',
  '2.5',
  'NaN',
  'Infinity',
];

const QUERIES = [
  '',
  '?',
  '?weeks=',
  '?weeks[]=4',
  '?weeks[a]=4',
  '?weeks=1&weeks=2',
  '?weeks[__proto__][x]=1',
  '?constructor[prototype][x]=1',
  '?__proto__=1',
  `?${'a=1&'.repeat(2000)}`,
  `?x=${'a'.repeat(10_000)}`,
  '?%',
  '?%ED%A0%80=1',
];

/** A small seeded generator (mulberry32): the same requests every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function requests(count: number, seed = 42) {
  const next = random(seed);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  const segment = () =>
    Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(PIECES)).join(
      '',
    );
  const query = () =>
    next() < 0.5 ? pick(QUERIES) : `?weeks=${segment()}&${segment()}=1`;
  const paths = [
    () => `/paths${query()}`,
    () => `/drift${query()}`,
    () => `/usage${query()}`,
    () => `/drift/${segment()}/${segment()}/${segment()}${query()}`,
    () => `/drift/component/default/${segment()}${query()}`,
    () => `/drift/${segment()}`,
    () => `/drift/${segment()}/${segment()}/${segment()}/${segment()}`,
    () => `/${segment()}`,
  ];
  return Array.from({ length: count }, () => ({
    method: pick(['get', 'get', 'get', 'post', 'delete'] as const),
    path: `/api/golden-paths${pick(paths)()}`,
  }));
}

describe('golden-paths API under malformed requests', () => {
  it('never answers 5xx and keeps answering', async () => {
    const { server } = await startTestBackend({
      features: [
        goldenPathsPlugin,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        catalogServiceMock.factory({
          entities: [
            template('nodejs-api', '2.0.0', [
              { version: '2.0.0', changes: ['Express 5'] },
            ]),
            component('payouts-service', 'payouts-team', {
              'backstage.io/source-template': 'template:default/nodejs-api',
              'fintech-fast.example/template-version': '1.4.0',
            }),
          ],
        }),
      ],
    });
    const auth = { Authorization: mockCredentials.user.header() };
    const cases = [
      // The ones the issue names, always.
      {
        method: 'get' as const,
        path: '/api/golden-paths/drift/component/default/a%2Fb',
      },
      {
        method: 'get' as const,
        path: '/api/golden-paths/drift/component/default/%ED%A0%80',
      },
      {
        method: 'get' as const,
        path: `/api/golden-paths/drift/component/default/${'a'.repeat(
          100_000,
        )}`,
      },
      ...requests(400),
    ];
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const { method, path } of cases) {
      const res = await request(server)[method](path).set(auth);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) {
        failures.push(
          `${method.toUpperCase()} ${path.slice(0, 200)} -> ${res.status}`,
        );
      }
      if (res.status === 400) {
        // A clear message, short, without a stack or internals.
        const message: string = res.body?.error?.message ?? '';
        if (!message || message.length > 500 || /\n\s+at /.test(message)) {
          failures.push(
            `${path.slice(0, 200)} -> 400 with ${message.slice(0, 200)}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
    // Most malformed requests are refused as bad input, not just not found.
    expect(statuses.get(400)).toBeGreaterThan(100);

    const encodedSlash = await request(server)
      .get('/api/golden-paths/drift/component/default/a%2Fb')
      .set(auth);
    expect(encodedSlash.status).toBe(400);
    expect(encodedSlash.body.error.message).toBe(
      'Invalid entity reference: name: must be an entity name: letters, digits and single -, _ or . between them',
    );

    const after = await request(server)
      .get('/api/golden-paths/drift/component/default/payouts-service')
      .set(auth);
    expect(after.status).toBe(200);
    expect(after.body.drift).toMatchObject({ version: '1.4.0' });
  });
});
