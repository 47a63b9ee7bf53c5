import Papa from 'papaparse';
import type {
  TeamRow,
  WindowDays,
} from '@internal/plugin-platform-metrics-common';
import { BAND_LABELS, BAND_ORDER } from './format';

export type TeamSortKey =
  | 'title'
  | 'services'
  | 'goldenPathShare'
  | 'deploymentFrequency'
  | 'leadTime'
  | 'changeFailureRate'
  | 'timeToRestore'
  | 'overallBand';

export type SortDirection = 'asc' | 'desc';

export interface TeamSort {
  key: TeamSortKey;
  direction: SortDirection;
}

/** The value a column sorts by; `null` = no data, always sorted last. */
export function sortValue(
  row: TeamRow,
  key: TeamSortKey,
): string | number | null {
  switch (key) {
    case 'title':
      return row.title;
    case 'services':
      return row.services;
    case 'goldenPathShare':
      return row.goldenPathShare;
    case 'overallBand':
      // elite = 0 ... low = 3, so ascending reads best first
      return row.overallBand === 'none'
        ? null
        : BAND_ORDER.indexOf(row.overallBand);
    default:
      return row.metrics[key].value;
  }
}

/**
 * The teams in the given order, rows without a value last in both
 * directions, ties broken by title so the order is stable.
 */
export function sortTeams(rows: TeamRow[], sort: TeamSort): TeamRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = sortValue(a, sort.key);
    const vb = sortValue(b, sort.key);
    if (va === null && vb !== null) return 1;
    if (vb === null && va !== null) return -1;
    let result = 0;
    if (va !== null && vb !== null) {
      result =
        typeof va === 'string' || typeof vb === 'string'
          ? String(va).localeCompare(String(vb), 'en')
          : va - vb;
    }
    return result !== 0 ? sign * result : a.title.localeCompare(b.title, 'en');
  });
}

/** Which way a column sorts on its first click: best first. */
export function defaultDirection(key: TeamSortKey): SortDirection {
  return key === 'title' ||
    key === 'overallBand' ||
    key === 'leadTime' ||
    key === 'changeFailureRate' ||
    key === 'timeToRestore'
    ? 'asc'
    : 'desc';
}

export const CSV_HEADER = [
  'Team',
  'Entity ref',
  'Services',
  'Golden-path share (%)',
  'Deployment frequency (deploys/day)',
  'Lead time (hours)',
  'Change failure rate (%)',
  'Time to restore (hours)',
  'Band',
  'Deployments',
  'Changes',
  'Incidents',
];

const num = (value: number | null, digits = 2) =>
  value === null ? '' : String(Math.round(value * 10 ** digits) / 10 ** digits);
const pct = (ratio: number | null) =>
  ratio === null ? '' : num(ratio * 100, 1);

/** The teams table as CSV, rows in the order given (the order on screen). */
export function teamsCsv(rows: TeamRow[]): string {
  return Papa.unparse(
    {
      fields: CSV_HEADER,
      data: rows.map(row => [
        row.title,
        row.entityRef,
        row.services,
        pct(row.goldenPathShare),
        num(row.metrics.deploymentFrequency.value),
        num(row.metrics.leadTime.value, 1),
        pct(row.metrics.changeFailureRate.value),
        num(row.metrics.timeToRestore.value, 1),
        BAND_LABELS[row.overallBand],
        row.eventCount.deployments,
        row.eventCount.changes,
        row.eventCount.incidents,
      ]),
    },
    // "=cmd" in a team title must not run as a formula in a spreadsheet
    { escapeFormulae: true, newline: '\r\n' },
  );
}

export function csvFileName(window: WindowDays, now = new Date()) {
  return `platform-metrics-teams-${window}d-${now
    .toISOString()
    .slice(0, 10)}.csv`;
}

/** Saves text as a file through a Blob and a temporary link. */
export function downloadFile(
  text: string,
  fileName: string,
  type = 'text/csv;charset=utf-8',
) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // revoke after the click has been handled
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
