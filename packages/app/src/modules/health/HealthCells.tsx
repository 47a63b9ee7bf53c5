import { Typography } from '@material-ui/core';
import { bandText, levelOf, useServiceHealth } from './serviceHealth';

const NONE = (
  <Typography variant="body2" color="textSecondary">
    –
  </Typography>
);

/** The service's level on its first scorecard, the others in the tooltip. */
export function LevelCell({ entityRef }: { entityRef: string }) {
  const { value } = useServiceHealth(entityRef);
  const first = levelOf(value?.levels);
  if (!first) return NONE;
  const all = value!.levels!.scorecards.map(
    s => `${s.title}: ${s.level ?? 'below the first level'}`,
  );
  return (
    <Typography variant="body2" title={all.join('\n')}>
      {first.level ?? 'None'}
    </Typography>
  );
}

/** The service's overall DORA band over 30 days. */
export function DoraCell({ entityRef }: { entityRef: string }) {
  const { value } = useServiceHealth(entityRef);
  const text = bandText(value?.dora);
  if (!text) return NONE;
  return (
    <Typography
      variant="body2"
      title="The lowest of its four DORA keys over the last 30 days"
    >
      {text.replace('DORA ', '')}
    </Typography>
  );
}

/** The day of the service's latest successful production deploy. */
export function LastDeployCell({ entityRef }: { entityRef: string }) {
  const { value } = useServiceHealth(entityRef);
  const day = value?.dora?.lastDeployDay;
  if (!day) return NONE;
  return <Typography variant="body2">{formatDay(day)}</Typography>;
}

/** "3 Dec" (this year) or "3 Dec 2025", in the reader's locale. */
export function formatDay(day: string) {
  const date = new Date(`${day}T00:00:00Z`);
  const sameYear = date.getUTCFullYear() === new Date().getUTCFullYear();
  return date.toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
    timeZone: 'UTC',
  });
}
