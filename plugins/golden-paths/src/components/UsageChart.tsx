import { useTheme } from '@material-ui/core';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { GoldenPath, UsageWeek } from '../api';

const COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
];

/** Services created per path per week, stacked. */
export function UsageChart(props: { weeks: UsageWeek[]; paths: GoldenPath[] }) {
  const theme = useTheme();
  const data = props.weeks.map(w => ({ week: w.week, ...w.counts }));
  return (
    <ResponsiveContainer width="100%" height={280}>
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="week" stroke={theme.palette.text.secondary} />
        <YAxis allowDecimals={false} stroke={theme.palette.text.secondary} />
        <Tooltip />
        <Legend />
        {props.paths.map((path, i) => (
          <Bar
            key={path.entityRef}
            dataKey={path.entityRef}
            name={path.title}
            stackId="created"
            fill={COLORS[i % COLORS.length]}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
