import { useState } from 'react';
import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  RankedKey,
  UsageRanking,
  UsageSummaryResponse,
} from '@internal/plugin-portal-analytics-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { portalAnalyticsApiRef } from '../../api';
import { Channels } from './Channels';

const RANKINGS: { kind: UsageRanking; title: string; column: string }[] = [
  { kind: 'page', title: 'Most used pages', column: 'Path' },
  { kind: 'plugin', title: 'Most used plugins', column: 'Plugin' },
  { kind: 'template', title: 'Top templates', column: 'Template' },
  { kind: 'search', title: 'Top searches', column: 'Term' },
  {
    kind: 'searchNoResults',
    title: 'Searches that found nothing',
    column: 'Term',
  },
  { kind: 'entity', title: 'Top viewed entities', column: 'Entity' },
  { kind: 'doc', title: 'Top viewed docs', column: 'Docs of' },
];

function Tile(props: { label: string; value: number; of?: number }) {
  return (
    <InfoCard>
      <Typography variant="subtitle2" color="textSecondary">
        {props.label}
      </Typography>
      <Typography variant="h4" component="p" data-testid="usage-tile">
        {props.value}
        {props.of !== undefined ? (
          <Typography component="span" color="textSecondary">
            {' '}
            of {props.of} users
          </Typography>
        ) : null}
      </Typography>
    </InfoCard>
  );
}

/** Rankings whose keys are entity refs: shown by the entity's title. */
const ENTITY_RANKINGS: UsageRanking[] = ['template', 'entity', 'doc'];

/** An entity by its title (a link), or the key as it is when not a ref. */
function KeyCell(props: { value: string; entity: boolean }) {
  if (props.entity) {
    try {
      return <EntityRefLink entityRef={parseEntityRef(props.value)} />;
    } catch {
      // Not a ref: shown as it is.
    }
  }
  return <>{props.value}</>;
}

function Ranked(props: {
  title: string;
  column: string;
  rows: RankedKey[];
  entities?: boolean;
}) {
  return (
    <InfoCard title={props.title}>
      {props.rows.length === 0 ? (
        <Typography color="textSecondary">Nothing in this window.</Typography>
      ) : (
        <Table size="small" aria-label={props.title}>
          <TableHead>
            <TableRow>
              <TableCell>{props.column}</TableCell>
              <TableCell align="right">Count</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {props.rows.map(r => (
              <TableRow key={r.key}>
                <TableCell style={{ wordBreak: 'break-all' }}>
                  <KeyCell value={r.key} entity={!!props.entities} />
                </TableCell>
                <TableCell align="right">{r.count}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}

function Teams(props: { summary: UsageSummaryResponse }) {
  return (
    <InfoCard
      title="Active users per team"
      subheader="Distinct users with activity in the window, against the team's User entities; teams with fewer than 5 active people are not shown"
    >
      <Table size="small" aria-label="Active users per team">
        <TableHead>
          <TableRow>
            <TableCell>Team</TableCell>
            <TableCell align="right">Active</TableCell>
            <TableCell align="right">Members</TableCell>
            <TableCell align="right">Share</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.summary.teams.map(t => (
            <TableRow key={t.teamRef}>
              <TableCell>
                <KeyCell value={t.teamRef} entity />
              </TableCell>
              <TableCell align="right">{t.activeUsers}</TableCell>
              <TableCell align="right">{t.members}</TableCell>
              <TableCell align="right">
                {t.members > 0
                  ? `${Math.round((100 * t.activeUsers) / t.members)}%`
                  : '–'}
              </TableCell>
            </TableRow>
          ))}
          {props.summary.teamsTooFewToShow > 0 && (
            <TableRow>
              <TableCell colSpan={4}>
                {props.summary.teamsTooFewToShow === 1
                  ? '1 team with fewer than 5 active people: too few to show'
                  : `${props.summary.teamsTooFewToShow} teams with fewer than 5 active people: too few to show`}
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </InfoCard>
  );
}

/** Portal usage for the platform team. */
export function UsagePage() {
  const api = useApi(portalAnalyticsApiRef);
  const [days, setDays] = useState(30);
  const [filter, setFilter] = useState('');
  const { value, loading, error } = useAsync(async () => {
    const [summary, top, channels] = await Promise.all([
      api.getSummary({ days: String(days) }),
      api.getTop({
        days: String(days),
        limit: '10',
        ...(filter.trim() ? { filter: filter.trim().slice(0, 100) } : {}),
      }),
      api.getChannels({ days: String(days) }),
    ]);
    return { summary, top, channels };
  }, [api, days, filter]);

  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (value) {
    const { summary, top, channels } = value;
    body = (
      <Grid container spacing={3}>
        <Grid item xs={6} md={3}>
          <Tile
            label="Active today (DAU)"
            value={summary.dau}
            of={summary.totalUsers}
          />
        </Grid>
        <Grid item xs={6} md={3}>
          <Tile
            label="Last 7 days (WAU)"
            value={summary.wau}
            of={summary.totalUsers}
          />
        </Grid>
        <Grid item xs={6} md={3}>
          <Tile
            label="Last 30 days (MAU)"
            value={summary.mau}
            of={summary.totalUsers}
          />
        </Grid>
        <Grid item xs={6} md={3}>
          <Tile
            label={`In the window (${summary.from} to ${summary.to})`}
            value={summary.activeUsers}
            of={summary.totalUsers}
          />
        </Grid>
        <Grid item xs={12}>
          <InfoCard
            title="Active users per day"
            subheader={`Days in ${summary.timeZone}`}
          >
            <Box height={260}>
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={summary.daily}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="period" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Line
                    type="monotone"
                    dataKey="users"
                    name="Active users"
                    stroke="#1976d2"
                  />
                </LineChart>
              </ResponsiveContainer>
            </Box>
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <Teams summary={summary} />
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard title="Active users per week and month">
            <Table size="small" aria-label="Active users per week and month">
              <TableBody>
                {[
                  ...summary.weekly.map(w => ({
                    ...w,
                    label: `Week of ${w.period}`,
                  })),
                  ...summary.monthly.map(m => ({ ...m, label: m.period })),
                ].map(p => (
                  <TableRow key={p.label}>
                    <TableCell>{p.label}</TableCell>
                    <TableCell align="right">{p.users}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <Channels channels={channels} />
        </Grid>
        {RANKINGS.map(r => (
          <Grid item xs={12} md={6} key={r.kind}>
            <Ranked
              title={r.title}
              column={r.column}
              rows={top[r.kind]}
              entities={ENTITY_RANKINGS.includes(r.kind)}
            />
          </Grid>
        ))}
      </Grid>
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title="Portal usage"
        subtitle="Who uses the portal, and for what (platform team only)"
      />
      <Content>
        <Box mb={2} display="flex" style={{ gap: 16 }}>
          <TextField
            select
            label="Window"
            value={days}
            onChange={e => setDays(Number(e.target.value))}
            variant="outlined"
            size="small"
          >
            {[7, 30, 90].map(d => (
              <MenuItem key={d} value={d}>
                Last {d} days
              </MenuItem>
            ))}
          </TextField>
          <TextField
            id="usage-filter"
            label="Only keys containing"
            value={filter}
            onChange={e => setFilter(e.target.value)}
            variant="outlined"
            size="small"
            inputProps={{ maxLength: 100 }}
            helperText="Filters the ranked lists (pages, searches, ...)"
          />
        </Box>
        {body}
      </Content>
    </Page>
  );
}
