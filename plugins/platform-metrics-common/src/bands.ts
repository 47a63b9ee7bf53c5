import type { Band } from './types';

/**
 * Band thresholds. Defaults are the DORA 2023 report's, made contiguous (as
 * Apache DevLake does); every value can be overridden under
 * `platformMetrics.bands` in app-config.
 *
 * @public
 */
export interface BandThresholds {
  /** Lead time for changes, hours: elite below `elite`, high below `high`, medium below `medium`. */
  leadTimeHours: { elite: number; high: number; medium: number };
  /** Time to restore, hours, same reading as lead time. */
  timeToRestoreHours: { elite: number; high: number; medium: number };
  /** Change failure rate 0..1: elite at or below `elite`, and so on. */
  changeFailureRate: { elite: number; high: number; medium: number };
  /**
   * Deployment frequency, read from deploy days (days with at least one
   * successful production deployment): elite when the median deploy days per
   * week reach `eliteDeployDaysPerWeek` (on demand), high when they reach
   * `highDeployDaysPerWeek` (at least weekly), medium when the window has at
   * least `mediumDeployDaysPerMonth` deploy days per 30 days (at least monthly).
   */
  deploymentFrequency: {
    eliteDeployDaysPerWeek: number;
    highDeployDaysPerWeek: number;
    mediumDeployDaysPerMonth: number;
  };
}

/** @public */
export const DEFAULT_BANDS: BandThresholds = {
  leadTimeHours: { elite: 24, high: 24 * 7, medium: 24 * 30 },
  timeToRestoreHours: { elite: 1, high: 24, medium: 24 * 7 },
  changeFailureRate: { elite: 0.05, high: 0.1, medium: 0.15 },
  deploymentFrequency: {
    eliteDeployDaysPerWeek: 3,
    highDeployDaysPerWeek: 1,
    mediumDeployDaysPerMonth: 1,
  },
};

/** Band of a "lower is better" duration. @public */
export function durationBand(
  hours: number | null,
  t: { elite: number; high: number; medium: number },
): Band {
  if (hours === null) return 'none';
  if (hours < t.elite) return 'elite';
  if (hours < t.high) return 'high';
  if (hours < t.medium) return 'medium';
  return 'low';
}

/** Band of a change failure rate. @public */
export function changeFailureRateBand(
  rate: number | null,
  t: BandThresholds['changeFailureRate'],
): Band {
  if (rate === null) return 'none';
  if (rate <= t.elite) return 'elite';
  if (rate <= t.high) return 'high';
  if (rate <= t.medium) return 'medium';
  return 'low';
}

/** Band of deployment frequency from deploy-day statistics. @public */
export function deploymentFrequencyBand(
  stats: {
    medianDeployDaysPerWeek: number;
    deployDaysPer30Days: number;
    deployments: number;
  },
  t: BandThresholds['deploymentFrequency'],
): Band {
  if (stats.deployments === 0) return 'none';
  if (stats.medianDeployDaysPerWeek >= t.eliteDeployDaysPerWeek) return 'elite';
  if (stats.medianDeployDaysPerWeek >= t.highDeployDaysPerWeek) return 'high';
  if (stats.deployDaysPer30Days >= t.mediumDeployDaysPerMonth) return 'medium';
  return 'low';
}

/** The bands, best first; `none` (no data in the window) last. @public */
export const BAND_ORDER: readonly Band[] = [
  'elite',
  'high',
  'medium',
  'low',
  'none',
];

/** The lowest band among those with data; 'none' when none has data. @public */
export function lowestBand(bands: Band[]): Band {
  const withData = bands.filter(b => b !== 'none');
  if (withData.length === 0) return 'none';
  return withData.reduce((lo, b) =>
    BAND_ORDER.indexOf(b) > BAND_ORDER.indexOf(lo) ? b : lo,
  );
}
