import { formatKpi, formatTarget } from './kpis';

it('words values in their unit', () => {
  expect(formatKpi('hours', 0.25)).toBe('15 min');
  expect(formatKpi('hours', 120)).toBe('120.0 h');
  expect(formatKpi('ratio', 0.9995)).toBe('99.95%');
  expect(formatKpi('perDay', 10)).toBe('10.0/day');
  expect(formatKpi('score', null)).toBe('No data for this period');
});

it('words targets with their direction', () => {
  expect(formatTarget({ direction: 'min', unit: 'ratio', target: 0.85 })).toBe(
    '≥ 85.0%',
  );
  expect(formatTarget({ direction: 'max', unit: 'hours', target: 0.5 })).toBe(
    '≤ 30 min',
  );
});
