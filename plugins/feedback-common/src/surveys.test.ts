import {
  lastSurveyPeriods,
  surveyPeriodOf,
  surveyResponseRequestSchema,
} from './surveys';

describe('survey periods', () => {
  it('names quarters and months in UTC', () => {
    expect(surveyPeriodOf(new Date('2026-12-31T23:59:59.999Z'))).toBe(
      '2026-Q4',
    );
    expect(surveyPeriodOf(new Date('2027-01-01T00:00:00.000Z'))).toBe(
      '2027-Q1',
    );
    expect(surveyPeriodOf(new Date('2026-03-31T12:00:00Z'))).toBe('2026-Q1');
    expect(surveyPeriodOf(new Date('2026-04-01T00:00:00Z'))).toBe('2026-Q2');
    expect(surveyPeriodOf(new Date('2026-09-15T00:00:00Z'), 'month')).toBe(
      '2026-09',
    );
  });

  it('lists the last periods, oldest first, across year ends', () => {
    const now = new Date('2026-02-10T00:00:00Z');
    expect(lastSurveyPeriods(now, 'quarter', 3)).toEqual([
      '2025-Q3',
      '2025-Q4',
      '2026-Q1',
    ]);
    expect(lastSurveyPeriods(now, 'month', 3)).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    // The 31st must not skip a short month.
    expect(
      lastSurveyPeriods(new Date('2026-03-31T00:00:00Z'), 'month', 2),
    ).toEqual(['2026-02', '2026-03']);
  });

  it('accepts integer scores in range only', () => {
    expect(
      surveyResponseRequestSchema.safeParse({ nps: 0, ease: 5 }).success,
    ).toBe(true);
    expect(
      surveyResponseRequestSchema.safeParse({ nps: 10, ease: 1 }).success,
    ).toBe(true);
    expect(
      surveyResponseRequestSchema.safeParse({ nps: 10.5, ease: 1 }).success,
    ).toBe(false);
    expect(
      surveyResponseRequestSchema.safeParse({ nps: 3, ease: 0 }).success,
    ).toBe(false);
  });
});
