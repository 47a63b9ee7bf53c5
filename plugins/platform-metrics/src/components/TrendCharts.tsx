import type { TrendPoint } from '@internal/plugin-platform-metrics-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

const HEIGHT = 220;
const round1 = (v: unknown) =>
  typeof v === 'number' ? Math.round(v * 10) / 10 : (v as string);

function ChartTitle(props: { children: string }) {
  return (
    <Typography variant="subtitle2" gutterBottom>
      {props.children}
    </Typography>
  );
}

/** Deployments, lead time, change failure rate and time to restore over the window. */
export function TrendCharts(props: {
  trend: TrendPoint[];
  granularity: 'day' | 'week';
}) {
  const per = props.granularity === 'day' ? 'per day' : 'per week';
  const data = props.trend.map(p => ({
    ...p,
    changeFailurePercent:
      p.changeFailureRate === null ? null : p.changeFailureRate * 100,
  }));
  return (
    <Grid container spacing={2} data-testid="trend-charts">
      <Grid item xs={12} md={6}>
        <ChartTitle>{`Deployments ${per}`}</ChartTitle>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="period" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Bar
              dataKey="deployments"
              name="Deployments"
              fill="#1976d2"
              isAnimationActive={false}
            />
            <Bar
              dataKey="failedDeployments"
              name="Failed"
              fill="#c62828"
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </Grid>
      <Grid item xs={12} md={6}>
        <ChartTitle>Lead time for changes (median, hours)</ChartTitle>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <LineChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="period" />
            <YAxis />
            <Tooltip formatter={round1} />
            <Line
              dataKey="leadTimeHours"
              name="Lead time (h)"
              stroke="#6a1b9a"
              connectNulls
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </Grid>
      <Grid item xs={12} md={6}>
        <ChartTitle>Change failure rate (%)</ChartTitle>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <LineChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="period" />
            <YAxis domain={[0, 100]} />
            <Tooltip formatter={round1} />
            <Line
              dataKey="changeFailurePercent"
              name="Change failure rate (%)"
              stroke="#e65100"
              connectNulls
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </Grid>
      <Grid item xs={12} md={6}>
        <ChartTitle>Time to restore (median, hours)</ChartTitle>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <LineChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="period" />
            <YAxis />
            <Tooltip formatter={round1} />
            <Line
              dataKey="timeToRestoreHours"
              name="Time to restore (h)"
              stroke="#00838f"
              connectNulls
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </Grid>
    </Grid>
  );
}
