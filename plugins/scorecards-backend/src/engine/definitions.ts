import { Entity } from '@backstage/catalog-model';
import {
  EntitySelector,
  ScorecardDefinition,
  scorecardDefinitionSchema,
} from '@internal/plugin-scorecards-common';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { parseAllDocuments } from 'yaml';

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** True when the entity matches every list the selector gives. */
export function matchesSelector(entity: Entity, selector: EntitySelector) {
  const has = (list: string[] | undefined, value: unknown) =>
    !list ||
    (typeof value === 'string' && list.map(lower).includes(lower(value)));
  const tags = (entity.metadata.tags ?? []).map(lower);
  return (
    has(selector.kinds, entity.kind) &&
    has(selector.types, entity.spec?.type) &&
    has(selector.lifecycles, entity.spec?.lifecycle) &&
    (!selector.tags || selector.tags.some(t => tags.includes(lower(t))))
  );
}

/**
 * Parses the scorecards of one YAML text. Anything wrong throws an error
 * naming the file and the field.
 */
export function parseScorecards(
  text: string,
  file: string,
): ScorecardDefinition[] {
  const docs = parseAllDocuments(text);
  return docs.map((doc, d) => {
    const where = docs.length > 1 ? `${file} (document ${d + 1})` : file;
    if (doc.errors.length) {
      throw new Error(
        `Invalid scorecard file ${where}: ${doc.errors[0].message}`,
      );
    }
    const result = scorecardDefinitionSchema.safeParse(doc.toJS());
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = issue.path.join('.') || '(document)';
      throw new Error(
        `Invalid scorecard file ${where}: field '${field}': ${issue.message}`,
      );
    }
    return result.data;
  });
}

/** Reads every scorecard file; two scorecards with one name are refused. */
export function loadScorecards(
  files: string[],
  baseDir = process.cwd(),
): ScorecardDefinition[] {
  const all: ScorecardDefinition[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(resolvePath(baseDir, file), 'utf8');
    } catch (e) {
      throw new Error(
        `Cannot read scorecard file ${file}: ${(e as Error).message}`,
      );
    }
    for (const def of parseScorecards(text, file)) {
      if (all.some(s => s.metadata.name === def.metadata.name)) {
        throw new Error(
          `Invalid scorecard file ${file}: field 'metadata.name': scorecard '${def.metadata.name}' is defined twice`,
        );
      }
      all.push(def);
    }
  }
  return all;
}
