import {
  isSafeText,
  quarterEnd,
  quarterOf,
  quarterOfMonth,
  quartersBetween,
  safeString,
  shiftQuarter,
  toSafeText,
} from './index';

describe('safe text', () => {
  it.each([
    ['plain text', true],
    ['tabs\tand\nnew lines\r\n', true],
    ['an emoji \uD83D\uDE80', true],
    ['NUL \u0000', false],
    ['bell \u0007', false],
    ['DEL \u007F', false],
    ['lone high \uD800', false],
    ['lone low \uDC00 x', false],
  ])('%j is safe: %p', (text, safe) => {
    expect(isSafeText(text)).toBe(safe);
    expect(safeString({ max: 100 }).safeParse(text).success).toBe(safe);
  });

  it('bounds, trims and requires as asked', () => {
    const schema = safeString({ max: 5, min: 1, trim: true });
    expect(schema.parse('  ab  ')).toBe('ab');
    expect(schema.safeParse('   ').success).toBe(false);
    expect(schema.safeParse('abcdef').success).toBe(false);
    expect(safeString({ max: 5 }).parse('  ')).toBe('  ');
  });

  it('makes any text safe without splitting a pair', () => {
    expect(toSafeText('a\u0000b\u0007c', 10)).toBe('abc');
    expect(toSafeText('ab\uD83D\uDE80', 3)).toBe('ab');
    expect(toSafeText('x\uDC00y', 10)).toBe('xy');
    expect(isSafeText(toSafeText('\uD800\u0001z'.repeat(50), 99))).toBe(true);
  });
});

describe('quarters', () => {
  it('names the UTC quarter of a time, a day or a month', () => {
    expect(quarterOf('2026-12-31T23:59:59.999Z')).toBe('2026-Q4');
    expect(quarterOf(new Date('2027-01-01T00:00:00Z'))).toBe('2027-Q1');
    expect(quarterOf('2026-04-01')).toBe('2026-Q2');
    expect(quarterOfMonth('2026-03')).toBe('2026-Q1');
    expect(quarterOfMonth('2026-10')).toBe('2026-Q4');
  });

  it('steps across years', () => {
    expect(shiftQuarter('2026-Q4', 1)).toBe('2027-Q1');
    expect(shiftQuarter('2026-Q1', -1)).toBe('2025-Q4');
    expect(quartersBetween('2026-Q3', '2027-Q2')).toEqual([
      '2026-Q3',
      '2026-Q4',
      '2027-Q1',
      '2027-Q2',
    ]);
    expect(quartersBetween('2020-Q1', '2030-Q1')).toHaveLength(12);
    expect(quartersBetween('2027-Q1', '2026-Q1')).toEqual([]);
  });

  it('ends a quarter at the first instant of the next', () => {
    expect(quarterEnd('2026-Q4')).toBe('2027-01-01T00:00:00.000Z');
    expect(quarterEnd('2026-Q1')).toBe('2026-04-01T00:00:00.000Z');
  });
});
