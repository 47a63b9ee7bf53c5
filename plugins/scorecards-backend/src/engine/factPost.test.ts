import { factsOfPost } from './factPost';

const NOW = new Date('2026-11-26T12:00:00Z');
const REF = 'component:default/checkout-gateway';

describe('factsOfPost', () => {
  it('states coverage and vulnerabilities in UTC, measured now by default', () => {
    expect(
      factsOfPost(
        {
          entityRef: REF,
          testCoverage: 80,
          vulnerabilities: [
            {
              id: 'CVE-1',
              severity: 'critical',
              foundAt: '2026-11-20T01:00:00+01:00',
              fixedAt: '2026-11-21T00:00:00Z',
            },
          ],
        },
        REF,
        'ci',
        NOW,
      ),
    ).toEqual([
      {
        entityRef: REF,
        name: 'testCoverage',
        value: 80,
        measuredAt: NOW.toISOString(),
        source: 'ci',
      },
      {
        entityRef: REF,
        name: 'vulnerabilities',
        value: [
          {
            id: 'CVE-1',
            severity: 'critical',
            foundAt: '2026-11-20T00:00:00.000Z',
            fixedAt: '2026-11-21T00:00:00.000Z',
          },
        ],
        measuredAt: NOW.toISOString(),
        source: 'ci',
      },
    ]);
  });

  it('refuses impossible times, naming the field', () => {
    const post = (body: object) => () =>
      factsOfPost({ entityRef: REF, ...body } as any, REF, 'ci', NOW);
    expect(
      post({ testCoverage: 1, measuredAt: '2026-11-26T12:10:00Z' }),
    ).toThrow('measuredAt: must not be in the future');
    // Clock skew of a few minutes is fine.
    expect(
      post({ testCoverage: 1, measuredAt: '2026-11-26T12:04:00Z' }),
    ).not.toThrow();
    const vuln = {
      id: 'CVE-1',
      severity: 'critical',
      foundAt: '2026-11-20T00:00:00Z',
    };
    expect(
      post({ vulnerabilities: [{ ...vuln, fixedAt: '2026-11-19T00:00:00Z' }] }),
    ).toThrow('vulnerabilities.0.fixedAt: must not be before foundAt');
    expect(
      post({ vulnerabilities: [{ ...vuln, foundAt: '2026-12-20T00:00:00Z' }] }),
    ).toThrow('vulnerabilities.0.foundAt: must not be in the future');
  });
});
