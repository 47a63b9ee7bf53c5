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

  it('makes stable facts per service', () => {
    const facts = demoFactsOf('component:default/a', now);
    expect(facts).toEqual(demoFactsOf('component:default/a', now));
    expect(facts.map(f => f.name)).toEqual(['testCoverage', 'vulnerabilities']);
    expect(facts[0].value).toBe(55 + (hash('component:default/a') % 43));
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
