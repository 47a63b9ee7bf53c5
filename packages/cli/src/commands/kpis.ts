import { hours, Output, percent, table } from '../format';
import { signedIn } from '../session';

interface Kpi {
  id: string;
  title: string;
  unit: 'score' | 'ratio' | 'hours' | 'perDay';
  direction: 'min' | 'max';
  target: number;
  value: number | null;
  status: 'on' | 'off' | 'unknown';
  unavailable?: string;
  tooFewToShow?: boolean;
}

function show(unit: Kpi['unit'], value: number): string {
  if (unit === 'ratio') return percent(value);
  if (unit === 'hours') return hours(value);
  if (unit === 'perDay') return `${value.toFixed(2)}/day`;
  return String(Math.round(value * 10) / 10);
}

const STATUS = { on: 'on target', off: 'off target', unknown: 'unknown' };

function valueOf(k: Kpi): string {
  if (k.value !== null) return show(k.unit, k.value);
  if (k.tooFewToShow) return 'too few people to show';
  return k.unavailable ? 'unavailable' : 'no data';
}

/** The platform KPIs against their targets, as the KPI page shows them. */
export async function kpis(args: { url?: string; json?: boolean }, io: Output) {
  const client = await signedIn(args.url);
  const body = await client.get<{ generatedAt: string; kpis: Kpi[] }>(
    '/api/portal-analytics/kpis',
  );
  if (args.json) {
    io.out(JSON.stringify(body));
    return;
  }
  io.out(
    table(
      body.kpis.map(k => [
        k.title,
        valueOf(k),
        `${k.direction === 'min' ? '>=' : '<='} ${show(k.unit, k.target)}`,
        STATUS[k.status],
      ]),
      ['KPI', 'Value', 'Target', 'Status'],
    ),
  );
}
