import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';
import { chunks, normalizeEntityRef, parse } from './index';

describe('parse', () => {
  const schema = z.object({ window: z.coerce.number().int().min(1) });

  it('returns the parsed value', () => {
    expect(parse(schema, { window: '7' }, 'query')).toEqual({ window: 7 });
  });

  it('throws an InputError naming every wrong field', () => {
    expect(() => parse(schema, { window: 'x' }, 'query')).toThrow(InputError);
    expect(() => parse(schema, { window: 0 }, 'query')).toThrow(
      /^Invalid query: window: /,
    );
  });

  it('treats missing input as an empty object, named by `what`', () => {
    expect(() => parse(z.string(), undefined, 'body')).toThrow(
      'Invalid body: body: Expected string, received object',
    );
  });

  it('words issues as the caller says, at most maxIssues of them', () => {
    const three = z.object({ a: z.string(), b: z.string(), c: z.string() });
    expect(() =>
      parse(three, {}, 'body', {
        describeIssue: issue => `'${issue.path.join('.')}' missing`,
        maxIssues: 2,
      }),
    ).toThrow("Invalid body: 'a' missing; 'b' missing");
  });
});

describe('normalizeEntityRef', () => {
  it('adds kind and namespace and lower-cases', () => {
    expect(normalizeEntityRef('Svc-A', { defaultKind: 'Component' })).toBe(
      'component:default/svc-a',
    );
    expect(
      normalizeEntityRef('team-a', {
        defaultKind: 'group',
        defaultNamespace: 'Other',
      }),
    ).toBe('group:other/team-a');
    expect(normalizeEntityRef('group:default/Team-A')).toBe(
      'group:default/team-a',
    );
  });

  it('throws on refs that do not parse or have no kind', () => {
    expect(() => normalizeEntityRef('component:default/')).toThrow();
    expect(() => normalizeEntityRef('svc-a')).toThrow();
  });
});

describe('chunks', () => {
  it('slices in order, the last slice holding the rest', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([1, 2], 5)).toEqual([[1, 2]]);
    expect(chunks([], 3)).toEqual([]);
  });

  it('refuses a size that would never end or drop items', () => {
    expect(() => chunks([1], 0)).toThrow(RangeError);
    expect(() => chunks([1], 1.5)).toThrow(RangeError);
  });
});
