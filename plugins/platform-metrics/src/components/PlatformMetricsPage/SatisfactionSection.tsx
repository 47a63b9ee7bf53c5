import { useState } from 'react';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  MIN_SURVEY_GROUP_SIZE,
  type SurveyPeriod,
} from '@internal/plugin-feedback-common';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { platformMetricsApiRef } from '../../api';

const nps = (p?: SurveyPeriod) =>
  p?.nps === null || p?.nps === undefined
    ? '—'
    : `${p.nps > 0 ? '+' : ''}${p.nps}`;

/** NPS from the in-portal survey, over time, overall and per team. */
export function SatisfactionSection() {
  const api = useApi(platformMetricsApiRef);
  const [granularity, setGranularity] = useState<'quarter' | 'month'>(
    'quarter',
  );
  const { value, loading, error } = useAsync(
    () => api.getSatisfaction({ granularity }),
    [api, granularity],
  );

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (!value || value.responses === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No survey answers yet"
        description={
          value
            ? 'The portal offers its satisfaction survey to each user once a quarter; NPS appears here as answers come in.'
            : 'The satisfaction survey is served by the feedback plugin (GET /api/feedback/surveys/results), which is not installed in this portal.'
        }
      />
    );
  } else {
    const periods = value.overall.map(p => p.period);
    body = (
      <>
        <Typography variant="body2" color="textSecondary">
          Net Promoter Score: % promoters (9-10) minus % detractors (0-6), from{' '}
          {value.responses} answers. Latest:{' '}
          {nps(value.overall[value.overall.length - 1])}.
        </Typography>
        <ResponsiveContainer width="100%" height={240}>
          <LineChart data={value.overall}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="period" />
            <YAxis domain={[-100, 100]} />
            <Tooltip />
            <Legend />
            <Line
              dataKey="nps"
              name="NPS"
              stroke="#1976d2"
              connectNulls
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
        <Table size="small" aria-label="NPS per team">
          <TableHead>
            <TableRow>
              <TableCell>Team</TableCell>
              {periods.map(period => (
                <TableCell key={period} align="right">
                  {period}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {value.teams.map(team => (
              <TableRow key={team.entityRef}>
                <TableCell>
                  <EntityRefLink
                    entityRef={team.entityRef}
                    title={team.title}
                  />
                </TableCell>
                {periods.map(period => {
                  const p = team.periods.find(x => x.period === period);
                  return (
                    <TableCell key={period} align="right">
                      {!p || p.suppressed
                        ? `< ${MIN_SURVEY_GROUP_SIZE} answers`
                        : `${nps(p)} (${p.responses})`}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </>
    );
  }

  return (
    <InfoCard title="Satisfaction (NPS)">
      <Tabs
        value={granularity}
        onChange={(_e, v) => setGranularity(v)}
        indicatorColor="primary"
        aria-label="NPS period"
      >
        <Tab value="quarter" label="By quarter" />
        <Tab value="month" label="By month" />
      </Tabs>
      <Box mt={2}>{body}</Box>
    </InfoCard>
  );
}
