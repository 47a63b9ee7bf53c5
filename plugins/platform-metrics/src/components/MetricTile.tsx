import type { MetricValue } from '@internal/plugin-platform-metrics-common';
import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardActionArea from '@material-ui/core/CardActionArea';
import CardContent from '@material-ui/core/CardContent';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import ArrowDownwardIcon from '@material-ui/icons/ArrowDownward';
import ArrowUpwardIcon from '@material-ui/icons/ArrowUpward';
import RemoveIcon from '@material-ui/icons/Remove';
import { BandChip } from './BandChip';
import { changeOf, formatMetric, METRICS, MetricKey } from './format';

const CHANGE_COLORS = { better: '#2e7d32', worse: '#c62828', flat: '#616161' };

/** How the metric moved against the previous window, coloured by whether that is good. */
export function ChangeIndicator(props: {
  metricKey: MetricKey;
  metric: MetricValue;
}) {
  const change = changeOf(props.metricKey, props.metric);
  if (!change) {
    return (
      <Typography variant="caption" color="textSecondary">
        No previous window to compare
      </Typography>
    );
  }
  let color = CHANGE_COLORS.flat;
  if (change.better === true) color = CHANGE_COLORS.better;
  if (change.better === false) color = CHANGE_COLORS.worse;
  let Icon = RemoveIcon;
  if (change.direction === 'up') Icon = ArrowUpwardIcon;
  if (change.direction === 'down') Icon = ArrowDownwardIcon;
  let verdict = 'unchanged';
  if (change.better === true) verdict = 'better';
  if (change.better === false) verdict = 'worse';
  return (
    <Box
      display="flex"
      alignItems="center"
      style={{ color }}
      data-testid="metric-change"
      data-verdict={verdict}
      aria-label={`${change.text} vs previous window, ${verdict}`}
    >
      <Icon fontSize="small" />
      <Typography variant="caption" style={{ color, fontWeight: 600 }}>
        {change.text} ({verdict}) vs previous
      </Typography>
    </Box>
  );
}

/** One DORA number: value, band and change; a click lists its events. */
export function MetricTile(props: {
  metricKey: MetricKey;
  metric: MetricValue;
  selected?: boolean;
  onSelect?: (key: MetricKey) => void;
}) {
  const { metricKey, metric, selected, onSelect } = props;
  const info = METRICS[metricKey];
  const content = (
    <CardContent>
      <Tooltip title={info.description}>
        <Typography variant="subtitle2" color="textSecondary">
          {info.title}
        </Typography>
      </Tooltip>
      <Box display="flex" alignItems="center" justifyContent="space-between">
        {metric.value === null ? (
          <Typography
            variant="h6"
            component="p"
            color="textSecondary"
            data-testid="metric-value"
          >
            {formatMetric(metric)}
          </Typography>
        ) : (
          <Typography variant="h4" component="p" data-testid="metric-value">
            {formatMetric(metric)}
          </Typography>
        )}
        {metric.band !== 'none' && <BandChip band={metric.band} />}
      </Box>
      <ChangeIndicator metricKey={metricKey} metric={metric} />
      <Typography variant="caption" color="textSecondary" component="p">
        from {metric.sampleSize} {info.counts[metric.sampleSize === 1 ? 0 : 1]}
      </Typography>
      {metric.bandBasis && metric.band !== 'none' && (
        <Typography
          variant="caption"
          color="textSecondary"
          component="p"
          data-testid="metric-band-basis"
        >
          Band from {metric.bandBasis.value} deploy{' '}
          {metric.bandBasis.value === 1 ? 'day' : 'days'} a week (median)
        </Typography>
      )}
    </CardContent>
  );
  return (
    <Card
      variant="outlined"
      data-testid={`metric-tile-${metricKey}`}
      style={selected ? { borderColor: '#1976d2', borderWidth: 2 } : undefined}
    >
      {onSelect ? (
        <CardActionArea
          onClick={() => onSelect(metricKey)}
          aria-label={`${info.title}: ${formatMetric(metric)}, show events`}
        >
          {content}
        </CardActionArea>
      ) : (
        content
      )}
    </Card>
  );
}
