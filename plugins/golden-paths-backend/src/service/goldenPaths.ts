import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import semver from 'semver';
import {
  ChangelogEntry,
  CREATED_AT_ANNOTATION,
  DriftedEntity,
  GoldenPath,
  pathKindOf,
  SOURCE_TEMPLATE_ANNOTATION,
  TEMPLATE_VERSION_ANNOTATION,
  UsageWeek,
} from '@internal/plugin-golden-paths-common';

export type { ChangelogEntry, DriftedEntity, GoldenPath, UsageWeek };

/** Templates of the portal's paths: the one rule in golden-paths-common. */
export function isPathTemplate(entity: Entity) {
  return pathKindOf(entity) !== undefined;
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

function ownerRefOf(entity: Entity): string | null {
  const rel = entity.relations?.find(r => r.type === 'ownedBy');
  return rel ? lower(rel.targetRef) : null;
}

function templateOf(entity: Entity): string | undefined {
  const ref = entity.metadata.annotations?.[SOURCE_TEMPLATE_ANNOTATION];
  return ref ? lower(ref) : undefined;
}

function changelogOf(template: Entity): ChangelogEntry[] {
  const raw = (template.metadata as any).goldenPath?.changelog;
  if (!Array.isArray(raw)) return [];
  return raw
    .filter(e => e && typeof e.version === 'string' && semver.valid(e.version))
    .map(e => ({
      version: e.version,
      date: typeof e.date === 'string' ? e.date : undefined,
      changes: Array.isArray(e.changes) ? e.changes.map(String) : [],
    }))
    .sort((a, b) => semver.rcompare(a.version, b.version));
}

function currentVersionOf(template: Entity): string | null {
  const v = template.metadata.annotations?.[TEMPLATE_VERSION_ANNOTATION];
  return v && semver.valid(v) ? v : null;
}

/** Services before infrastructure, then by persona (backend is most people). */
const PERSONA_ORDER = ['backend', 'data', 'frontend', 'any'];
function byCategoryAndPersona(a: GoldenPath, b: GoldenPath) {
  const rank = (p: GoldenPath) => {
    const persona = PERSONA_ORDER.indexOf(p.persona);
    return (
      (p.category === 'service' ? 0 : 10) +
      (persona < 0 ? PERSONA_ORDER.length : persona)
    );
  };
  return rank(a) - rank(b) || a.title.localeCompare(b.title);
}

export function describePaths(
  templates: Entity[],
  created: Entity[],
): GoldenPath[] {
  const drifted = findDrift(templates, created);
  const paths = templates.filter(isPathTemplate).map((template): GoldenPath => {
    const entityRef = lower(stringifyEntityRef(template));
    const mine = created.filter(e => templateOf(e) === entityRef);
    const byTeam = new Map<string, number>();
    for (const e of mine) {
      const owner = ownerRefOf(e) ?? 'unowned';
      byTeam.set(owner, (byTeam.get(owner) ?? 0) + 1);
    }
    const meta = (template.metadata as any).goldenPath ?? {};
    return {
      entityRef,
      name: template.metadata.name,
      title: template.metadata.title ?? template.metadata.name,
      description: template.metadata.description ?? '',
      persona: typeof meta.persona === 'string' ? meta.persona : 'any',
      category:
        meta.category === 'infrastructure' ? 'infrastructure' : 'service',
      provides: Array.isArray(meta.provides) ? meta.provides.map(String) : [],
      currentVersion: currentVersionOf(template),
      changelog: changelogOf(template),
      created: mine.length,
      drifted: drifted.filter(d => d.templateRef === entityRef).length,
      teams: [...byTeam.entries()]
        .map(([ownerRef, count]) => ({ ownerRef, count }))
        .sort(
          (a, b) => b.count - a.count || a.ownerRef.localeCompare(b.ownerRef),
        ),
    };
  });
  return paths.sort(byCategoryAndPersona);
}

/** Entities created from an older version of their path than the current one. */
export function findDrift(
  templates: Entity[],
  created: Entity[],
): DriftedEntity[] {
  // Each path's current version and changelog, read once, not per entity.
  const paths = new Map(
    templates
      .filter(isPathTemplate)
      .map(
        t =>
          [
            lower(stringifyEntityRef(t)),
            { currentVersion: currentVersionOf(t), changelog: changelogOf(t) },
          ] as const,
      ),
  );
  const drifted: DriftedEntity[] = [];
  for (const entity of created) {
    const templateRef = templateOf(entity);
    const path = templateRef ? paths.get(templateRef) : undefined;
    const version = semver.valid(
      entity.metadata.annotations?.[TEMPLATE_VERSION_ANNOTATION] ?? '',
    );
    const currentVersion = path?.currentVersion;
    if (!templateRef || !version || !currentVersion) continue;
    if (!semver.lt(version, currentVersion)) continue;
    drifted.push({
      entityRef: lower(stringifyEntityRef(entity)),
      title: entity.metadata.title ?? entity.metadata.name,
      ownerRef: ownerRefOf(entity),
      templateRef,
      version,
      currentVersion,
      missing: path.changelog.filter(
        e =>
          semver.gt(e.version, version) &&
          semver.lte(e.version, currentVersion),
      ),
    });
  }
  return drifted.sort(
    (a, b) =>
      a.templateRef.localeCompare(b.templateRef) ||
      semver.compare(a.version, b.version),
  );
}

/** Entities created per path per ISO week, over the last `weeks` weeks. */
export function usageByWeek(
  created: Entity[],
  weeks: number,
  now: DateTime = DateTime.utc(),
): UsageWeek[] {
  const first = now
    .toUTC()
    .startOf('week')
    .minus({ weeks: weeks - 1 });
  const result: UsageWeek[] = Array.from({ length: weeks }, (_, i) => ({
    week: first.plus({ weeks: i }).toISODate()!,
    counts: {},
  }));
  for (const entity of created) {
    const templateRef = templateOf(entity);
    const at = entity.metadata.annotations?.[CREATED_AT_ANNOTATION];
    if (!templateRef || !at) continue;
    const time = DateTime.fromISO(at, { zone: 'utc' });
    if (!time.isValid) continue;
    const index = Math.floor(
      time.startOf('week').diff(first, 'weeks').weeks + 0.5,
    );
    if (index < 0 || index >= weeks) continue;
    const counts = result[index].counts;
    counts[templateRef] = (counts[templateRef] ?? 0) + 1;
  }
  return result;
}
