import {
  createReportRequestSchema,
  similarReportsRequestSchema,
  updateStatusRequestSchema,
} from './types';
import { surveyResponseRequestSchema } from './surveys';
import { entityRefSchema, isSafeText, reportIdSchema } from './text';

describe('safe text', () => {
  it.each([
    ['plain text', 'Token refresh docs are wrong', true],
    ['tabs and new lines', 'a\tb\nc\r\nd', true],
    ['accents and emoji (a surrogate pair)', 'Café 🚀 日本', true],
    ['a lone high surrogate', 'a\uD800b', false],
    ['a lone low surrogate', 'a\uDC00b', false],
    ['a high surrogate at the end', 'abc\uD83D', false],
    ['two high surrogates', '\uD83D\uD83D', false],
    ['NUL', 'a\u0000b', false],
    ['another control character', 'a\u001Bb', false],
    ['DEL', 'a\u007Fb', false],
  ])('%s', (_name, value, ok) => {
    expect(isSafeText(value)).toBe(ok);
  });

  it('is applied to every free-text field', () => {
    const bad = 'x\uD800';
    const report = {
      entityRef: 'component:default/x',
      category: 'docs',
      severity: 'low',
      text: 'fine',
    };
    expect(createReportRequestSchema.safeParse(report).success).toBe(true);
    expect(
      createReportRequestSchema.safeParse({ ...report, text: bad }).success,
    ).toBe(false);
    expect(
      createReportRequestSchema.safeParse({ ...report, entityRef: bad })
        .success,
    ).toBe(false);
    expect(
      updateStatusRequestSchema.safeParse({ status: 'triaged', note: bad })
        .success,
    ).toBe(false);
    expect(
      surveyResponseRequestSchema.safeParse({ nps: 9, ease: 3, comment: bad })
        .success,
    ).toBe(false);
    expect(
      similarReportsRequestSchema.safeParse({ category: 'docs', text: bad })
        .success,
    ).toBe(false);
  });

  it('bounds entity refs to the database column and checks report ids', () => {
    expect(entityRefSchema.safeParse('x'.repeat(255)).success).toBe(true);
    expect(entityRefSchema.safeParse('x'.repeat(256)).success).toBe(false);
    expect(
      reportIdSchema.safeParse('8f1d7a0e-4c59-4b8e-9d2a-1f0e6c3b5a77').success,
    ).toBe(true);
    expect(reportIdSchema.safeParse('missing').success).toBe(false);
  });
});
