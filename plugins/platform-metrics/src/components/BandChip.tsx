import type { Band } from '@internal/plugin-platform-metrics-common';
import Chip from '@material-ui/core/Chip';
import { BAND_COLORS, BAND_LABELS } from './format';

/** A DORA performance band as a coloured chip. */
export function BandChip(props: { band: Band; size?: 'small' | 'medium' }) {
  const { band, size = 'small' } = props;
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
