import { Entity } from '@backstage/catalog-model';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadScorecards,
  matchesSelector,
  parseScorecards,
} from './definitions';

const GOOD = `
apiVersion: scorecards.portal/v1
kind: Scorecard
metadata: { name: mini, title: Mini }
spec:
  appliesTo: { kinds: [Component], tags: [tier-1] }
  levels:
    - name: Bronze
      checks:
        - id: owner
          title: Owned
          type: owner-is-group
          nextStep: { text: Set an owner., url: /docs }
`;

describe('scorecard files', () => {
  it('parses a good file', () => {
    const [def] = parseScorecards(GOOD, 'mini.yaml');
    expect(def.metadata.name).toBe('mini');
  });

  it.each([
    [
      GOOD.replace('kinds: [Component]', 'kinds: []'),
      "field 'spec.appliesTo.kinds'",
    ],
    [
      GOOD.replace('type: owner-is-group', 'type: magic'),
      "field 'spec.levels.0.checks.0.type'",
    ],
    [
      GOOD.replace('title: Owned', 'title: Owned\n          extra: 1'),
      "field 'spec.levels.0.checks.0'",
    ],
    [
      GOOD.replace('url: /docs', 'url: javascript:alert(1)'),
      "field 'spec.levels.0.checks.0.nextStep.url'",
    ],
    [GOOD.replace('name: mini', 'name: Mini Card'), "field 'metadata.name'"],
    [
      GOOD.replace(
        'type: owner-is-group',
        'type: test-coverage\n          minPercent: 180',
      ),
      "field 'spec.levels.0.checks.0.minPercent'",
    ],
    [`${GOOD}  - broken: [`, 'at line 14'],
  ])(
    'refuses a bad file, naming the file and the field (%#)',
    (text, field) => {
      expect(() => parseScorecards(text, 'mini.yaml')).toThrow(
        new RegExp(
          `Invalid scorecard file mini\\.yaml.*${field.replace(
            /[.*[\]()]/g,
            '\\$&',
          )}`,
        ),
      );
    },
  );

  it('refuses duplicate check ids and duplicate scorecards', () => {
    const dup = GOOD.replace(
      'nextStep: { text: Set an owner., url: /docs }',
      'nextStep: { text: Set an owner., url: /docs }\n        - { id: owner, title: Again, type: golden-path, nextStep: { text: x } }',
    );
    expect(() => parseScorecards(dup, 'dup.yaml')).toThrow(
      "Invalid scorecard file dup.yaml: field 'spec.levels.0.checks.1.id': duplicate check id 'owner'",
    );
    const dir = mkdtempSync(join(tmpdir(), 'scorecards-'));
    writeFileSync(join(dir, 'a.yaml'), GOOD);
    writeFileSync(join(dir, 'b.yaml'), GOOD);
    expect(() => loadScorecards(['a.yaml', 'b.yaml'], dir)).toThrow(
      "Invalid scorecard file b.yaml: field 'metadata.name': scorecard 'mini' is defined twice",
    );
    expect(() => loadScorecards(['missing.yaml'], dir)).toThrow(
      'Cannot read scorecard file missing.yaml',
    );
  });

  it('selects entities by kind, type, lifecycle and any of the tags', () => {
    const e: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x', tags: ['tier-1', 'payments'] },
      spec: { type: 'service', lifecycle: 'production' },
    };
    expect(matchesSelector(e, { kinds: ['component'], tags: ['tier-1'] })).toBe(
      true,
    );
    expect(matchesSelector(e, { kinds: ['API'] })).toBe(false);
    expect(matchesSelector(e, { types: ['website'] })).toBe(false);
    expect(
      matchesSelector(e, {
        lifecycles: ['production'],
        tags: ['x', 'payments'],
      }),
    ).toBe(true);
    expect(matchesSelector(e, { tags: ['tier-2'] })).toBe(false);
  });
});
