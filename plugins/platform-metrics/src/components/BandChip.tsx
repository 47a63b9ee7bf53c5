import type { Band } from '@internal/plugin-platform-metrics-common';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { BAND_COLORS, BAND_LABELS } from './format';

/** A DORA performance band as a coloured chip; without data, says so. */
export function BandChip(props: { band: Band; size?: 'small' | 'medium' }) {
  const { band, size = 'small' } = props;
  if (band === 'none') {
    // Not a band: the words every page uses for a figure without data.
    return (
      <Typography component="span" variant="body2" color="textSecondary">
        {BAND_LABELS.none}
      </Typography>
    );
  }
  return (
    <Chip
      size={size}
      label={BAND_LABELS[band]}
      data-band={band}
      aria-label={`Band: ${BAND_LABELS[band]}`}
      style={{
        backgroundColor: BAND_COLORS[band].background,
        color: BAND_COLORS[band].color,
        fontWeight: 600,
      }}
    />
  );
}
