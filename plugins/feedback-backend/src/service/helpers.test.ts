import { teamSizeOf, ownerRefOf } from './catalogInfo';
import { isoWeek } from './router';
import { rankSimilar, words } from './similarity';

describe('isoWeek', () => {
  it('uses ISO week-years', () => {
    expect(isoWeek('2026-11-22T07:00:00.000Z')).toBe('2026-W47');
    expect(isoWeek('2027-01-01T12:00:00.000Z')).toBe('2026-W53');
    expect(isoWeek('2024-12-30T00:00:00.000Z')).toBe('2025-W01');
  });
});

describe('teamSizeOf', () => {
  const group = (annotations: Record<string, string>, members: number) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'g', annotations },
    relations: Array.from({ length: members }, (_, i) => ({
      type: 'hasMember',
      targetRef: `user:default/u${i}`,
    })),
  });
  it('prefers the annotation, then members, then 1', () => {
    expect(
      teamSizeOf(group({ 'fintech-fast.example/team-size': '12' }, 2)),
    ).toBe(12);
    expect(
      teamSizeOf(group({ 'fintech-fast.example/team-size': 'x' }, 2)),
    ).toBe(2);
    expect(teamSizeOf(group({}, 0))).toBe(1);
    expect(teamSizeOf(undefined)).toBe(1);
  });
});

describe('ownerRefOf', () => {
  it('normalises spec.owner to a full group ref', () => {
    expect(
      ownerRefOf({
        apiVersion: 'v1',
        kind: 'Component',
        metadata: { name: 'c', namespace: 'ops' },
        spec: { owner: 'Platform-Team' },
      }),
    ).toBe('group:ops/platform-team');
    expect(
      ownerRefOf({
        apiVersion: 'v1',
        kind: 'Component',
        metadata: { name: 'c' },
        spec: { owner: 'user:default/jo' },
      }),
    ).toBe('user:default/jo');
  });
});

describe('similarity', () => {
  it('ignores short and stop words', () => {
    expect([...words('The CI is SLOW, the cache misses')]).toEqual([
      'slow',
      'cache',
      'misses',
    ]);
  });
  it('caps results', () => {
    const r = (id: string) =>
      ({ id, text: id, entityRef: 'e', category: 'docs' } as any);
    expect(
      rankSimilar([r('a'), r('b'), r('c')], { text: 'c' }, 2).map(x => x.id),
    ).toEqual(['a', 'b']);
  });
});
