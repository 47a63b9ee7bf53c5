import { pathKindOf } from './pathTemplates';

const template = (tags?: string[], kind = 'Template') => ({
  kind,
  metadata: { tags },
});

it('knows a path template by its tag', () => {
  expect(pathKindOf(template(['golden-path', 'go']))).toBe('golden-path');
  expect(pathKindOf(template(['self-service', 'kafka']))).toBe('self-service');
  expect(pathKindOf(template(['golden-path', 'self-service']))).toBe(
    'golden-path',
  );
});

it('ignores untagged templates and other kinds', () => {
  expect(pathKindOf(template())).toBeUndefined();
  expect(pathKindOf(template(['python']))).toBeUndefined();
  expect(pathKindOf(template(['golden-path'], 'Component'))).toBeUndefined();
});
