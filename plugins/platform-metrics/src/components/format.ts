import { lowestBand } from '@internal/plugin-platform-metrics-common';
import { NO_DATA } from '@internal/plugin-portal-common';
import type {
  Band,
  DeliveryEventRow,
  DoraMetrics,
  MetricValue,
  WindowDays,
} from '@internal/plugin-platform-metrics-common';

export const WINDOWS: WindowDays[] = [7, 30, 90, 365];

export type MetricKey = keyof DoraMetrics;

/** The four keys, in the order DORA lists them. */
export const FOUR_KEYS: MetricKey[] = [
  'deploymentFrequency',
  'leadTime',
  'changeFailureRate',
  'timeToRestore',
];

export interface MetricInfo {
  title: string;
  /** What the number is, in one line (tile tooltip). */
  description: string;
  /** Whether a higher value is better (only deployment frequency). */
  higherIsBetter: boolean;
  /** The events a click on the tile lists. */
  eventType: DeliveryEventRow['type'];
  /** What the sample counts, one and many ("from 12 successful deploys"). */
  counts: [string, string];
}

export const METRICS: Record<MetricKey, MetricInfo> = {
  deploymentFrequency: {
    title: 'Deployment frequency',
    description:
      'Successful production deployments per day; band from the median number of deploy days per week',
    higherIsBetter: true,
    eventType: 'deployment',
    counts: ['successful deploy', 'successful deploys'],
  },
  leadTime: {
    title: 'Lead time for changes',
    description:
      'Median time from commit to its successful production deployment',
    higherIsBetter: false,
    eventType: 'change',
    counts: ['change', 'changes'],
  },
  changeFailureRate: {
    title: 'Change failure rate',
    description:
      'Production deployments that failed or caused an incident, out of all production deployments',
    higherIsBetter: false,
    eventType: 'deployment',
    counts: ['deploy', 'deploys'],
  },
  timeToRestore: {
    title: 'Time to restore',
    description: 'Median time from an incident being opened to it resolving',
    higherIsBetter: false,
    eventType: 'incident',
    counts: ['incident', 'incidents'],
  },
  reworkRate: {
    title: 'Rework rate',
    description: 'Share of deployments that are rollbacks or hotfixes',
    higherIsBetter: false,
    eventType: 'deployment',
    counts: ['deploy', 'deploys'],
  },
};

/** Best first; `none` (no data) last. */
export { BAND_ORDER } from '@internal/plugin-platform-metrics-common';

export const BAND_LABELS: Record<Band, string> = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  none: NO_DATA,
};

/** Background and text colour of a band chip (text contrast >= 4.5:1). */
export const BAND_COLORS: Record<Band, { background: string; color: string }> =
  {
    elite: { background: '#1b5e20', color: '#ffffff' },
    high: { background: '#43a047', color: '#000000' },
    medium: { background: '#f9a825', color: '#000000' },
    low: { background: '#c62828', color: '#ffffff' },
    none: { background: '#e0e0e0', color: '#000000' },
  };

const round = (value: number, digits: number) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** A duration in hours, in the unit a person would say it in. */
export function formatHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined) return NO_DATA;
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${round(hours, 1)} h`;
  return `${round(hours / 24, 1)} days`;
}

export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined) return NO_DATA;
  return `${round(ratio * 100, 1)}%`;
}

/** Deploys per day; below one a day, per week reads better. */
export function formatFrequency(perDay: number | null | undefined): string {
  if (perDay === null || perDay === undefined) return NO_DATA;
  if (perDay >= 1) return `${round(perDay, 1)} / day`;
  return `${round(perDay * 7, 1)} / week`;
}

export function formatMetric(metric: Pick<MetricValue, 'value' | 'unit'>) {
  switch (metric.unit) {
    case 'deploys/day':
      return formatFrequency(metric.value);
    case 'hours':
      return formatHours(metric.value);
    case 'ratio':
      return formatPercent(metric.value);
    default:
      return String(metric.value ?? NO_DATA);
  }
}

export interface Change {
  direction: 'up' | 'down' | 'flat';
  /** `true` better, `false` worse, `null` unchanged. */
  better: boolean | null;
  /** e.g. "+25%" (relative) or "+3 pts" (ratios: percentage points). */
  text: string;
}

/**
 * The change against the previous window of the same length; `undefined`
 * when either window has no data to compare.
 */
export function changeOf(
  key: MetricKey,
  metric: Pick<MetricValue, 'value' | 'previous' | 'unit'>,
): Change | undefined {
  const { value, previous } = metric;
  if (value === null || previous === null) return undefined;
  const diff = value - previous;
  let text: string;
  let flat: boolean;
  if (metric.unit === 'ratio') {
    const points = round(diff * 100, 1);
    flat = points === 0;
    text = `${points > 0 ? '+' : ''}${points} pts`;
  } else {
    if (previous === 0) {
      if (value === 0) return { direction: 'flat', better: null, text: '±0%' };
      return {
        direction: 'up',
        better: METRICS[key].higherIsBetter,
        text: 'new',
      };
    }
    const pct = Math.round((diff / previous) * 100);
    flat = pct === 0;
    text = `${pct > 0 ? '+' : ''}${pct}%`;
  }
  if (flat) {
    return {
      direction: 'flat',
      better: null,
      text: metric.unit === 'ratio' ? '±0 pts' : '±0%',
    };
  }
  const up = diff > 0;
  return {
    direction: up ? 'up' : 'down',
    better: up === METRICS[key].higherIsBetter,
    text,
  };
}

/** The lowest band of the four keys that have data (`none` if none has). */
export function overallBand(metrics: DoraMetrics): Band {
  return lowestBand(FOUR_KEYS.map(key => metrics[key].band));
}

/** Hours with one decimal, e.g. `3.0 h`. */
const hoursText = (value: unknown) => `${Number(value).toFixed(1)} h`;

/**
 * One line about an event of the drawer: what happened, in words (the
 * backend sends data only).
 */
export function eventSummary(item: DeliveryEventRow): string {
  const d = item.details as Record<string, any>;
  if (item.type === 'deployment') {
    const flags = [d.rollback && 'rollback', d.hotfix && 'hotfix'].filter(
      Boolean,
    );
    return `${d.status === 'success' ? 'Deployed' : 'Failed deployment'} to ${
      d.environment
    }${flags.length ? ` (${flags.join(', ')})` : ''}`;
  }
  if (item.type === 'change') {
    return `${d.title ?? String(d.sha).slice(0, 7)}: lead time ${hoursText(
      d.leadTimeHours,
    )}`;
  }
  return `${d.title ?? d.externalId}: ${
    d.timeToRestoreHours === null || d.timeToRestoreHours === undefined
      ? 'open'
      : `restored in ${hoursText(d.timeToRestoreHours)}`
  }`;
}

/** A daily trend for short windows, weekly for long ones. */
export function granularityFor(window: WindowDays) {
  return window <= 30 ? 'day' : 'week';
}
