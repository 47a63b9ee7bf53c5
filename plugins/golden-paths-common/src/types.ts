/** Shapes of `/api/golden-paths` (plugins/golden-paths-backend), as the frontend reads them. */

/** @public */
export interface ChangelogEntry {
  version: string;
  date?: string;
  changes: string[];
}

/** @public */
export interface GoldenPath {
  entityRef: string;
  name: string;
  title: string;
  description: string;
  persona: string;
  category: 'service' | 'infrastructure';
  provides: string[];
  currentVersion: string | null;
  changelog: ChangelogEntry[];
  created: number;
  /** How many of those are on an older version than the current one. */
  drifted: number;
  teams: Array<{ ownerRef: string; count: number }>;
}

/** @public */
export interface DriftedEntity {
  entityRef: string;
  title: string;
  ownerRef: string | null;
  templateRef: string;
  version: string;
  currentVersion: string;
  /** Changelog entries newer than the entity's version, newest first. */
  missing: ChangelogEntry[];
}

/** @public */
export interface UsageWeek {
  /** Monday of the ISO week, YYYY-MM-DD. */
  week: string;
  counts: Record<string, number>;
}

/** Whether a new component or resource may take a name. @public */
export interface NameAvailability {
  name: string;
  available: boolean;
  /** The entity that has the name already. */
  takenBy?: string;
}
