import { bothDatabases } from '@internal/test-utils';
import fc from 'fast-check';
import request from 'supertest';
import {
  asCi,
  asUser,
  GATEWAY,
  SAM,
  startScorecards,
} from './__testUtils__/scorecards';

/**
 * Every endpoint, with malformed input: wrong types, huge values, lone
 * surrogates, NUL, bad ids, broken JSON. None may answer 5xx.
 */

jest.setTimeout(180_000);

const databases = bothDatabases();

const NASTY = [
  '',
  ' ',
  '\u0000',
  'a\uD800b',
  '\uDC00',
  'x'.repeat(300),
  'x'.repeat(70_000),
  '-1',
  '1e308',
  'NaN',
  '__proto__',
  "'; drop table results; --",
  'component:default/',
  '2026-02-30',
  '2026-13-01',
  '2999-01-01T00:00:00Z',
  GATEWAY,
  '8f1d7a0e-4c59-4b8e-9d2a-1f0e6c3b5a77',
];
const nastyString = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 20 }),
  fc
    .array(fc.integer({ min: 0xd800, max: 0xdfff }), { maxLength: 3 })
    .map(a => String.fromCharCode(...a)),
);
const nastyScalar = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const nastyValue = fc.oneof(
  { weight: 4, arbitrary: nastyScalar },
  fc.array(nastyScalar, { maxLength: 3 }),
  fc.dictionary(nastyString, nastyScalar, { maxKeys: 2 }),
);
const fieldsOf = (valid: Record<string, unknown>) =>
  fc.record(
    Object.fromEntries(
      Object.entries(valid).map(([k, v]) => [
        k,
        fc.oneof(fc.constant(v), nastyValue),
      ]),
    ),
    { requiredKeys: [] },
  );

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

const VALID = {
  facts: {
    entityRef: GATEWAY,
    measuredAt: '2026-11-20T10:00:00Z',
    testCoverage: 90,
    vulnerabilities: [
      { id: 'CVE-1', severity: 'critical', foundAt: '2026-11-19T00:00:00Z' },
    ],
  },
  exemptions: {
    entityRef: GATEWAY,
    scorecardId: 'production-readiness',
    checkId: 'coverage',
    reason: 'Being replaced',
    expiresOn: '2026-12-31',
  },
  campaigns: {
    title: 'Tier 1 at Silver',
    scorecardId: 'production-readiness',
    targetLevel: 'Silver',
    deadline: '2027-03-31',
    scope: { tags: ['tier-1'] },
  },
  recheck: { entityRef: GATEWAY },
};

describe.each(databases.eachSupportedId())('scorecards API fuzz (%s)', id => {
  let server: Parameters<typeof request>[0];
  beforeAll(async () => {
    ({ server } = await startScorecards({ knex: await databases.init(id) }));
  });

  const check = (res: request.Response) =>
    expect({
      status: res.status < 500 ? 'ok' : res.status,
      body: res.body,
    }).toMatchObject({ status: 'ok' });

  it.each(Object.keys(VALID) as (keyof typeof VALID)[])(
    'POST /%s never answers 5xx',
    async path => {
      expect.hasAssertions();
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            {
              weight: 5,
              arbitrary: fieldsOf(VALID[path]) as fc.Arbitrary<unknown>,
            },
            { weight: 1, arbitrary: nastyValue as fc.Arbitrary<unknown> },
            {
              weight: 1,
              arbitrary: fc
                .constantFrom(
                  '{',
                  'null',
                  '[]',
                  '"x"',
                  '{"entityRef":"\\ud800"}',
                )
                .map(raw => ({ raw })),
            },
          ),
          async body => {
            const raw =
              body && typeof body === 'object' && 'raw' in body
                ? String((body as { raw: string }).raw)
                : JSON.stringify(body);
            const res = await request(server)
              .post(`/api/scorecards/${path}`)
              .set(path === 'facts' ? asCi() : asUser(SAM))
              .set('Content-Type', 'application/json')
              .send(raw);
            check(res);
          },
        ),
        { numRuns: 60 },
      );
    },
  );

  it.each(['entity', 'summary', 'campaigns/', 'scorecards'])(
    'GET /%s never answers 5xx',
    async path => {
      expect.hasAssertions();
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(
            fc.constantFrom('entityRef', 'ownerRef', 'days', 'x'),
            nastyString,
            { maxKeys: 3 },
          ),
          nastyString,
          async (query, tail) => {
            const qs = Object.entries(query)
              .map(([k, v]) => `${k}=${encode(v)}`)
              .join('&');
            const url = `/api/scorecards/${path}${
              path.endsWith('/') ? encode(tail) : ''
            }?${qs}`;
            check(await request(server).get(url).set(asUser(SAM)));
          },
        ),
        { numRuns: 60 },
      );
    },
  );

  it('DELETE /exemptions/:id never answers 5xx', async () => {
    expect.hasAssertions();
    await fc.assert(
      fc.asyncProperty(nastyString, async idValue => {
        check(
          await request(server)
            .delete(`/api/scorecards/exemptions/${encode(idValue) || 'x'}`)
            .set(asUser(SAM)),
        );
      }),
      { numRuns: 40 },
    );
  });
});
