import { Entity } from '@backstage/catalog-model';
import { ExemptionInfo } from '@internal/plugin-scorecards-common';
import { resolve as resolvePath } from 'node:path';
import { loadScorecards } from './definitions';
import { evaluateCheck, evaluateScorecard } from './evaluate';
import { EntityFacts } from './facts';

const NOW = new Date('2026-11-26T12:00:00Z');
const daysAgo = (d: number) =>
  new Date(NOW.getTime() - d * 24 * 3600 * 1000).toISOString();

const [production, goldenPath] = loadScorecards(
  [
    'scorecards/production-readiness.yaml',
    'scorecards/golden-path-health.yaml',
  ],
  resolvePath(__dirname, '../../../..'),
);
const check = (id: string) =>
  [...production.spec.levels, ...goldenPath.spec.levels]
    .flatMap(l => l.checks)
    .find(c => c.id === id)!;

function entity(
  overrides: Partial<Entity['metadata']> = {},
  spec = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout-gateway',
      namespace: 'default',
      annotations: {
        'pagerduty.com/service-id': 'PCGW7N3',
        'backstage.io/source-template': 'template:default/nodejs-api',
      },
      ...overrides,
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'checkout-core-team',
      system: 'payment-system',
      ...spec,
    },
  };
}

function facts(overrides: Partial<EntityFacts> = {}): EntityFacts {
  return {
    entity: entity(),
    catalogAt: NOW.toISOString(),
    ownerIsGroup: true,
    testCoverage: { value: 85, measuredAt: daysAgo(1) },
    vulnerabilities: { value: [], measuredAt: daysAgo(1) },
    drift: { value: { drifted: false }, measuredAt: daysAgo(0) },
    dora: { 90: { value: 'high', measuredAt: daysAgo(0) } },
    friction: { value: [], measuredAt: daysAgo(0) },
    ...overrides,
  };
}

describe('checks, against hand-computed facts', () => {
  it.each([
    ['owner', facts(), true],
    ['owner', facts({ ownerIsGroup: false }), false],
    ['owner', facts({ entity: entity({}, { owner: undefined }) }), false],
    ['system', facts({ entity: entity({}, { system: undefined }) }), false],
    ['on-call', facts(), true],
    ['on-call', facts({ entity: entity({ annotations: {} }) }), false],
    ['coverage', facts(), true],
    [
      'coverage',
      facts({ testCoverage: { value: 80, measuredAt: daysAgo(0) } }),
      true,
    ],
    [
      'coverage',
      facts({ testCoverage: { value: 79.9, measuredAt: daysAgo(0) } }),
      false,
    ],
    ['coverage', facts({ testCoverage: undefined }), false],
    ['vulnerabilities', facts({ vulnerabilities: undefined }), false],
    // Found 7 days ago: not yet more than 7 days.
    [
      'vulnerabilities',
      facts({
        vulnerabilities: {
          value: [{ id: 'CVE-1', severity: 'critical', foundAt: daysAgo(7) }],
          measuredAt: daysAgo(0),
        },
      }),
      true,
    ],
    [
      'vulnerabilities',
      facts({
        vulnerabilities: {
          value: [{ id: 'CVE-1', severity: 'critical', foundAt: daysAgo(8) }],
          measuredAt: daysAgo(0),
        },
      }),
      false,
    ],
    // Fixed, or only high: passes.
    [
      'vulnerabilities',
      facts({
        vulnerabilities: {
          value: [
            {
              id: 'CVE-1',
              severity: 'critical',
              foundAt: daysAgo(30),
              fixedAt: daysAgo(2),
            },
            { id: 'CVE-2', severity: 'high', foundAt: daysAgo(30) },
          ],
          measuredAt: daysAgo(0),
        },
      }),
      true,
    ],
    ['techdocs', facts(), false],
    [
      'api-definition',
      facts({ entity: entity({}, { providesApis: ['ledger-api'] }) }),
      true,
    ],
    ['on-golden-path', facts(), true],
    ['on-golden-path', facts({ entity: entity({ annotations: {} }) }), false],
    ['not-drifted', facts(), true],
    [
      'not-drifted',
      facts({
        drift: {
          value: { drifted: true, version: '1.2.0', currentVersion: '1.3.1' },
          measuredAt: daysAgo(0),
        },
      }),
      false,
    ],
    ['not-drifted', facts({ drift: undefined }), false],
    ['dora-high', facts(), true],
    [
      'dora-high',
      facts({ dora: { 90: { value: 'elite', measuredAt: daysAgo(0) } } }),
      true,
    ],
    [
      'dora-high',
      facts({ dora: { 90: { value: 'medium', measuredAt: daysAgo(0) } } }),
      false,
    ],
    [
      'dora-high',
      facts({ dora: { 90: { value: 'none', measuredAt: daysAgo(0) } } }),
      false,
    ],
    ['dora-high', facts({ dora: {} }), false],
    [
      'no-old-critical-friction',
      facts({
        friction: {
          value: [
            { id: 'a', severity: 'critical', createdAt: daysAgo(29) },
            { id: 'b', severity: 'high', createdAt: daysAgo(90) },
          ],
          measuredAt: daysAgo(0),
        },
      }),
      true,
    ],
    [
      'no-old-critical-friction',
      facts({
        friction: {
          value: [{ id: 'a', severity: 'critical', createdAt: daysAgo(31) }],
          measuredAt: daysAgo(0),
        },
      }),
      false,
    ],
  ])('%s', (id, f, passed) => {
    expect(evaluateCheck(check(id), f, NOW).passed).toBe(passed);
  });

  it('names the fact and when it was measured', () => {
    const outcome = evaluateCheck(
      check('coverage'),
      facts({ testCoverage: { value: 72.5, measuredAt: daysAgo(2) } }),
      NOW,
    );
    expect(outcome).toEqual({
      passed: false,
      fact: 'coverage 72.5% (needs 80%)',
      measuredAt: daysAgo(2),
    });
  });
});

describe('levels', () => {
  it('reaches a level only when every check of it and below passes', () => {
    const silver = evaluateScorecard(production, facts(), [], NOW);
    expect(silver.level).toBe('Silver');
    expect(silver.levelIndex).toBe(2);
    expect(silver.nextLevel).toBe('Gold');
    expect(
      silver.checks.filter(c => c.status === 'failed').map(c => c.id),
    ).toEqual(['techdocs', 'api-definition']);

    // A Gold check passing does not lift a service that fails Silver.
    const bronze = evaluateScorecard(
      production,
      facts({
        testCoverage: { value: 50, measuredAt: daysAgo(0) },
        entity: entity(
          {
            annotations: {
              'pagerduty.com/service-id': 'P1',
              'backstage.io/techdocs-ref': 'dir:.',
            },
          },
          { providesApis: ['ledger-api'] },
        ),
      }),
      [],
      NOW,
    );
    expect(bronze.level).toBe('Bronze');
    expect(bronze.nextLevel).toBe('Silver');

    const none = evaluateScorecard(
      production,
      facts({ ownerIsGroup: false }),
      [],
      NOW,
    );
    expect(none.level).toBeNull();
    expect(none.levelIndex).toBe(0);
  });

  it('counts an exempt check as passed until the exemption expires', () => {
    const exemption: ExemptionInfo = {
      id: '00000000-0000-4000-8000-000000000000',
      entityRef: 'component:default/checkout-gateway',
      scorecardId: 'production-readiness',
      checkId: 'coverage',
      reason: 'Legacy code being replaced',
      expiresOn: '2026-11-26',
      createdBy: 'user:default/sam.okafor',
      createdAt: daysAgo(3),
      approvedBy: null,
      approvedAt: null,
    };
    const low = facts({ testCoverage: { value: 50, measuredAt: daysAgo(0) } });
    const held = evaluateScorecard(production, low, [exemption], NOW);
    expect(held.level).toBe('Silver');
    expect(held.checks.find(c => c.id === 'coverage')).toMatchObject({
      status: 'exempt',
      exemption: { reason: 'Legacy code being replaced' },
    });
    const nextDay = new Date('2026-11-27T00:00:01Z');
    const expired = evaluateScorecard(production, low, [exemption], nextDay);
    expect(expired.level).toBe('Bronze');
    expect(expired.checks.find(c => c.id === 'coverage')?.status).toBe(
      'failed',
    );
    // An exemption for another scorecard's check does not apply.
    const other = evaluateScorecard(
      production,
      low,
      [{ ...exemption, scorecardId: 'golden-path-health' }],
      NOW,
    );
    expect(other.level).toBe('Bronze');
  });

  it('counts an exemption from a security check only once the platform team approved it', () => {
    const exemption: ExemptionInfo = {
      id: '00000000-0000-4000-8000-000000000001',
      entityRef: 'component:default/checkout-gateway',
      scorecardId: 'production-readiness',
      checkId: 'vulnerabilities',
      reason: 'Vendor patch ships next sprint, mitigated by WAF rule',
      expiresOn: '2026-12-10',
      createdBy: 'user:default/sam.okafor',
      createdAt: daysAgo(1),
      approvedBy: null,
      approvedAt: null,
    };
    const vulnerable = facts({
      testCoverage: { value: 95, measuredAt: daysAgo(0) },
      vulnerabilities: {
        value: [{ id: 'CVE-1', severity: 'critical', foundAt: daysAgo(30) }],
        measuredAt: daysAgo(0),
      },
    });
    const pending = evaluateScorecard(production, vulnerable, [exemption], NOW);
    expect(pending.level).toBe('Bronze');
    expect(pending.checks.find(c => c.id === 'vulnerabilities')).toMatchObject({
      status: 'failed',
      exemption: { approvedBy: null },
      exemptionRule: { by: 'owner', needsApproval: true },
    });
    const approved = evaluateScorecard(
      production,
      vulnerable,
      [{ ...exemption, approvedBy: 'user:default/platform-lead' }],
      NOW,
    );
    expect(approved.level).toBe('Silver');
    expect(approved.checks.find(c => c.id === 'vulnerabilities')?.status).toBe(
      'exempt',
    );
  });

  it("stops counting an exemption past its check's longest exemption, and never for a check no one may exempt", () => {
    const exemption: ExemptionInfo = {
      id: '00000000-0000-4000-8000-000000000002',
      entityRef: 'component:default/checkout-gateway',
      scorecardId: 'production-readiness',
      checkId: 'coverage',
      reason: 'Legacy code being replaced this quarter',
      expiresOn: '2027-11-25',
      createdBy: 'user:default/sam.okafor',
      createdAt: daysAgo(91),
      approvedBy: null,
      approvedAt: null,
    };
    const low = facts({ testCoverage: { value: 50, measuredAt: daysAgo(0) } });
    const coverage = (def: typeof production, e: ExemptionInfo) =>
      evaluateScorecard(def, low, [e], NOW).checks.find(
        c => c.id === 'coverage',
      )?.status;
    // Granted 91 days ago; coverage may be exempted for 90 days at most.
    expect(coverage(production, exemption)).toBe('failed');
    expect(coverage(production, { ...exemption, createdAt: daysAgo(89) })).toBe(
      'exempt',
    );
    const strict = {
      ...production,
      spec: {
        ...production.spec,
        levels: production.spec.levels.map(l => ({
          ...l,
          checks: l.checks.map(c =>
            c.id === 'coverage'
              ? { ...c, exemption: { by: 'none' as const } }
              : c,
          ),
        })),
      },
    };
    expect(coverage(strict, { ...exemption, createdAt: daysAgo(1) })).toBe(
      'failed',
    );
  });
});
