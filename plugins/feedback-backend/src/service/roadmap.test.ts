import {
  completion,
  effortDays,
  effortSchema,
  RoadmapItem,
  score,
} from './roadmap';

it('turns efforts into days and ranks by impact per day', () => {
  expect([effortDays('S'), effortDays('M'), effortDays('L')]).toEqual([
    2, 5, 15,
  ]);
  expect(effortDays('0.5')).toBe(0.5);
  expect(score(30, 'M')).toBe(6);
  expect(score(3, '0.5')).toBe(6);
});

it.each(['XL', '0', '0.25', '366', '-1', '1e2', ' 3', '3 ', '', '12.55'])(
  'refuses the effort %p',
  effort => expect(effortSchema.safeParse(effort).success).toBe(false),
);

it('completion counts items of a quarter shipped before it ended', () => {
  const item = (over: Partial<RoadmapItem>): RoadmapItem => ({
    id: 'x',
    text: 't',
    entityRef: 'component:default/x',
    category: 'docs',
    status: 'planned',
    impact: 1,
    effort: 'S',
    plannedQuarter: '2026-Q4',
    score: 0.5,
    shippedAt: null,
    ...over,
  });
  const items = [
    item({ shippedAt: '2026-11-02T10:00:00.000Z', status: 'shipped' }),
    item({ shippedAt: '2027-01-03T10:00:00.000Z', status: 'shipped' }), // late
    item({}),
    item({ plannedQuarter: '2027-Q1' }),
  ];
  expect(completion(items, '2026-Q4')).toEqual({
    planned: 3,
    completed: 1,
    ratio: 1 / 3,
  });
  expect(completion(items, '2026-Q3')).toEqual({
    planned: 0,
    completed: 0,
    ratio: undefined,
  });
});
