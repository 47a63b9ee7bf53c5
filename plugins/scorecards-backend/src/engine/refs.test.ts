import { Entity } from '@backstage/catalog-model';
import { hash, demoFactsOf, demoHistory } from './demo';
import { ownerOf, refOf } from './refs';

const entity = (spec: object, relations?: Entity['relations']): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'Checkout-Gateway', namespace: 'Payments' },
  spec,
  relations,
});

describe('refs', () => {
  it('stores refs full and lower-case', () => {
    expect(refOf(entity({}))).toBe('component:payments/checkout-gateway');
  });

  it('takes the owner from the relation, else spec.owner as a group of the namespace', () => {
    expect(
      ownerOf(
        entity({ owner: 'x' }, [
          { type: 'ownedBy', targetRef: 'group:default/Team-A' },
        ]),
      ),
    ).toBe('group:default/team-a');
    expect(ownerOf(entity({ owner: 'Team-B' }))).toBe('group:payments/team-b');
    expect(ownerOf(entity({ owner: 'user:default/Sam' }))).toBe(
      'user:default/sam',
    );
    expect(ownerOf(entity({}))).toBeNull();
  });
});

describe('demo data', () => {
  const now = new Date('2026-11-26T12:00:00Z');

  const service = (name: string, annotations: Record<string, string>) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
  });
  const demoService = (name: string, createdAt = '2024-03-12T09:00:00Z') =>
    service(name, {
      'fintech-fast.example/ci-sources': 'demo-ci, demo-ci-scorecards',
      'fintech-fast.example/created-at': createdAt,
    });

  it("makes stable facts per demo service, labelled as the demo's", () => {
    const facts = demoFactsOf(demoService('a'), now);
    expect(facts).toEqual(demoFactsOf(demoService('a'), now));
    expect(facts.map(f => f.name)).toEqual(['testCoverage', 'vulnerabilities']);
    expect(facts[0].value).toBe(55 + (hash('component:default/a') % 43));
    expect(facts.map(f => f.source)).toEqual(['demo-seed', 'demo-seed']);
  });

  it('invents nothing for a service outside the demo organisation', () => {
    // A service created from a golden path: its own CI reports for it.
    expect(
      demoFactsOf(
        service('orders-api', {
          'fintech-fast.example/ci-sources': 'ci-orders-api',
          'fintech-fast.example/created-at': '2026-11-26T11:59:00Z',
        }),
        now,
      ),
    ).toEqual([]);
    expect(demoFactsOf(service('no-ci', {}), now)).toEqual([]);
  });

  it('never dates a fact before the service was created', () => {
    // A service whose critical vulnerability would be found 12 days ago.
    let name = 'x0';
    for (let i = 0; hash(`component:default/${name}`) % 4 !== 0; i++) {
      name = `x${i}`;
    }
    const old = demoFactsOf(demoService(name), now);
    expect((old[1].value as Array<{ foundAt: string }>)[0].foundAt).toBe(
      '2026-11-14T12:00:00.000Z',
    );
    const createdAt = '2026-11-26T11:59:00Z';
    const fresh = demoFactsOf(demoService(name, createdAt), now);
    for (const fact of fresh) {
      expect(Date.parse(fact.measuredAt)).toBeGreaterThanOrEqual(
        Date.parse(createdAt),
      );
    }
    expect(
      Date.parse((fresh[1].value as Array<{ foundAt: string }>)[0].foundAt),
    ).toBe(Date.parse(createdAt));
    // Not yet created: nothing.
    expect(demoFactsOf(demoService(name, '2026-12-01T00:00:00Z'), now)).toEqual(
      [],
    );
  });

  it('writes half a year of history that never climbs above today', () => {
    const rows = demoHistory(
      [
        {
          entityRef: 'component:default/a',
          scorecardId: 'production-readiness',
          ownerRef: null,
          levelIndex: 3,
          failedChecks: [],
          exemptChecks: [],
          evaluatedAt: now.toISOString(),
        },
      ],
      now,
    );
    expect(rows).toHaveLength(180);
    expect(rows[0].day).toBe('2026-11-25');
    expect(rows.at(-1)?.day).toBe('2026-05-30');
    expect(rows.every(r => r.levelIndex <= 3 && r.levelIndex >= 0)).toBe(true);
  });
});
