import Chip from '@material-ui/core/Chip';

const PALETTE: Record<string, string> = {
  bronze: '#b0713a',
  silver: '#7d8a96',
  gold: '#b8930c',
};
const FALLBACK = ['#5c6bc0', '#26a69a', '#8e24aa', '#ef6c00'];

/** Colour of a level: by its name when well known, else by its rank. */
export function levelColour(name: string | null, index = 0): string {
  if (!name) return '#9e9e9e';
  return (
    PALETTE[name.toLocaleLowerCase('en-US')] ??
    FALLBACK[index % FALLBACK.length]
  );
}

/** A scorecard level as a coloured chip; "None" below the first level. */
export function LevelChip(props: {
  level: string | null;
  index?: number;
  size?: 'small' | 'medium';
}) {
  const colour = levelColour(props.level, props.index);
  return (
    <Chip
      size={props.size ?? 'small'}
      label={props.level ?? 'None'}
      style={{ backgroundColor: colour, color: '#fff', fontWeight: 600 }}
    />
  );
}
