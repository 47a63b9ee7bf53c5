import type { Kpi } from '@internal/plugin-portal-analytics-common';
import { NO_DATA } from '@internal/plugin-portal-common';

/** How a KPI value reads; the backend computes it, the page only words it. */
export function formatKpi(unit: Kpi['unit'], value: number | null | undefined) {
  if (value === null || value === undefined) return NO_DATA;
  switch (unit) {
    case 'ratio':
      return `${(value * 100).toFixed(value >= 0.99 && value < 1 ? 2 : 1)}%`;
    case 'hours':
      return value < 1
        ? `${Math.round(value * 60)} min`
        : `${value.toFixed(1)} h`;
    case 'perDay':
      return `${value.toFixed(1)}/day`;
    default:
      return String(Math.round(value));
  }
}

export function formatTarget(kpi: Pick<Kpi, 'direction' | 'unit' | 'target'>) {
  return `${kpi.direction === 'min' ? '≥' : '≤'} ${formatKpi(
    kpi.unit,
    kpi.target,
  )}`;
}
