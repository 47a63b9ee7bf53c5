import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  ChannelUsageResponse,
  PortalChannel,
} from '@internal/plugin-portal-analytics-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
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

const LABELS: Record<PortalChannel, string> = {
  browser: 'Browser',
  cli: 'CLI',
  mcp: 'MCP',
};
const COLORS: Record<PortalChannel, string> = {
  browser: '#1976d2',
  cli: '#2e7d32',
  mcp: '#ed6c02',
};

/** How much work arrives through the browser, the CLI and MCP. */
export function Channels(props: { channels: ChannelUsageResponse }) {
  const { channels } = props;
  const top = channels.capabilities.slice(0, 12).map(c => ({
    capability: c.capability,
    ...c.requests,
  }));
  return (
    <>
      <InfoCard
        title="Work by channel"
        subheader={channels.channels
          .map(
            c =>
              `${LABELS[c]}: ${channels.totals[c]} requests from ${channels.people[c]} people`,
          )
          .join(' · ')}
      >
        <Box height={320}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={top} layout="vertical" margin={{ left: 40 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="capability" width={160} />
              <Tooltip />
              <Legend />
              {channels.channels.map(c => (
                <Bar
                  key={c}
                  dataKey={c}
                  name={LABELS[c]}
                  stackId="channels"
                  fill={COLORS[c]}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </Box>
        <Table size="small" aria-label="Requests by channel per capability">
          <TableHead>
            <TableRow>
              <TableCell>Capability</TableCell>
              {channels.channels.map(c => (
                <TableCell key={c} align="right">
                  {LABELS[c]}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {channels.capabilities.map(row => (
              <TableRow key={row.capability}>
                <TableCell>{row.capability}</TableCell>
                {channels.channels.map(c => (
                  <TableCell key={c} align="right">
                    {row.requests[c]}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </InfoCard>
      <Box mt={3}>
        <InfoCard
          title="Requests by channel per team"
          subheader="A team's figure for a channel is shown only when at least 5 of its people used that channel in the window"
        >
          <Table size="small" aria-label="Requests by channel per team">
            <TableHead>
              <TableRow>
                <TableCell>Team</TableCell>
                {channels.channels.map(c => (
                  <TableCell key={c} align="right">
                    {LABELS[c]}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {channels.teams.map(t => (
                <TableRow key={t.teamRef}>
                  <TableCell>
                    <EntityRefLink entityRef={t.teamRef} defaultKind="group" />
                  </TableCell>
                  {channels.channels.map(c => (
                    <TableCell key={c} align="right">
                      {t.requests[c] ?? 'too few to show'}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
              {channels.teamsTooFewToShow > 0 && (
                <TableRow>
                  <TableCell colSpan={channels.channels.length + 1}>
                    {channels.teamsTooFewToShow === 1
                      ? '1 team with fewer than 5 people on every channel: too few to show'
                      : `${channels.teamsTooFewToShow} teams with fewer than 5 people on every channel: too few to show`}
                  </TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
        </InfoCard>
      </Box>
    </>
  );
}
