/** Shapes of `/api/golden-paths`: one copy, in @internal/plugin-golden-paths-common. */
export type {
  ChangelogEntry,
  DriftedEntity,
  GoldenPath,
  NameAvailability,
  UsageWeek,
} from '@internal/plugin-golden-paths-common';
