import type { LevelCounts } from '@internal/plugin-scorecards-common';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { levelColour } from './LevelChip';

const HEIGHT = 240;
const NONE = 'None';

/** Services per level, one bar per level. */
export function DistributionChart(props: {
  levels: string[];
  counts: LevelCounts | undefined;
}) {
  const data = [NONE, ...props.levels].map((level, i) => ({
    level,
    services: props.counts?.[level] ?? 0,
    fill: levelColour(level === NONE ? null : level, i - 1),
  }));
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="level" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Bar dataKey="services" name="Services">
          {data.map(d => (
            <Cell key={d.level} fill={d.fill} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

const EXEMPT = 'With an exempt check';

/** One stacked bar per team, a segment per level; services with an exempt check beside. */
export function TeamsChart(props: {
  levels: string[];
  teams: { ownerRef: string; counts: LevelCounts; exempt?: number }[];
  label: (ref: string) => string;
}) {
  const keys = [NONE, ...props.levels];
  const data = props.teams.map(t => ({
    team: props.label(t.ownerRef),
    ...t.counts,
    [EXEMPT]: t.exempt ?? 0,
  }));
  return (
    <ResponsiveContainer
      width="100%"
      height={Math.max(HEIGHT, data.length * 28)}
    >
      <BarChart data={data} layout="vertical" margin={{ left: 40 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="team" width={180} />
        <Tooltip />
        <Legend />
        {keys.map((k, i) => (
          <Bar
            key={k}
            dataKey={k}
            stackId="levels"
            fill={levelColour(k === NONE ? null : k, i - 1)}
          />
        ))}
        {/* Exempt is not passed: its own bar beside the levels. */}
        <Bar dataKey={EXEMPT} stackId="exempt" fill="#9e9e9e" />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Services per level per day, stacked. */
export function TrendChart(props: {
  levels: string[];
  trend: { day: string; counts: LevelCounts }[];
}) {
  const keys = [NONE, ...props.levels];
  const data = props.trend.map(p => ({ day: p.day, ...p.counts }));
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <AreaChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="day" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend />
        {keys.map((k, i) => {
          const colour = levelColour(k === NONE ? null : k, i - 1);
          return (
            <Area
              key={k}
              type="monotone"
              dataKey={k}
              stackId="levels"
              stroke={colour}
              fill={colour}
            />
          );
        })}
      </AreaChart>
    </ResponsiveContainer>
  );
}

/** Services at or above a campaign's target per day, against the scope. */
export function BurnupChart(props: {
  points: { day: string; reached: number; total: number }[];
}) {
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <LineChart data={props.points}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="day" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend />
        <Line
          type="stepAfter"
          dataKey="total"
          name="In scope"
          stroke="#9e9e9e"
          dot={false}
        />
        <Line
          type="monotone"
          dataKey="reached"
          name="At target"
          stroke="#2e7d32"
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
