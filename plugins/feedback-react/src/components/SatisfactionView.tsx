import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  MIN_SURVEY_GROUP_SIZE,
  SurveyGranularity,
  SurveyPeriod,
} from '@internal/plugin-feedback-common';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
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
import { feedbackApiRef } from '../api';

const nps = (p?: SurveyPeriod) =>
  p?.nps === null || p?.nps === undefined
    ? '—'
    : `${p.nps > 0 ? '+' : ''}${p.nps}`;

/** A team's cell: NPS and answers, or why it is hidden. */
const cell = (p?: SurveyPeriod) => {
  if (!p || p.suppressed) return `< ${MIN_SURVEY_GROUP_SIZE} answers`;
  return p.responses ? `${nps(p)} (${p.responses})` : '—';
};

type TeamRow = { entityRef: string; title: string; periods: SurveyPeriod[] };

/** NPS and ease from the in-portal survey, over time, overall and per team. */
export function SatisfactionView() {
  const api = useApi(feedbackApiRef);
  const [granularity, setGranularity] = useState<SurveyGranularity>('quarter');
  const { value, loading, error } = useAsync(
    () => api.getSurveyResults({ granularity }),
    [api, granularity],
  );

  const periods = value?.overall.map(p => p.period) ?? [];
  const columns: TableColumn<TeamRow>[] = [
    {
      title: 'Team',
      field: 'title',
      // The team's display name from the catalog (e.g. "Checkout Core").
      render: row => <EntityRefLink entityRef={row.entityRef} />,
    },
    ...periods.map(
      (period): TableColumn<TeamRow> => ({
        title: period,
        sorting: false,
        render: row => cell(row.periods.find(x => x.period === period)),
      }),
    ),
  ];

  return (
    <>
      <Tabs
        value={granularity}
        onChange={(_e, v) => setGranularity(v)}
        indicatorColor="primary"
      >
        <Tab value="quarter" label="By quarter" />
        <Tab value="month" label="By month" />
      </Tabs>
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && value.responses === 0 && (
        <Typography style={{ marginTop: 16 }}>
          No survey answers yet. The portal offers the survey to each user once
          a quarter; a period appears here once at least {MIN_SURVEY_GROUP_SIZE}{' '}
          people answered (fewer could be recognised).
        </Typography>
      )}
      {value && value.responses > 0 && (
        <Box mt={2}>
          <InfoCard
            title={`Net Promoter Score: ${value.responses} answers`}
            subheader={`% promoters (9-10) minus % detractors (0-6); ease of use 1-5; periods and teams with fewer than ${MIN_SURVEY_GROUP_SIZE} answers are not shown`}
          >
            <ResponsiveContainer width="100%" height={260}>
              <LineChart data={value.overall}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="period" />
                <YAxis yAxisId="nps" domain={[-100, 100]} />
                <YAxis yAxisId="ease" orientation="right" domain={[1, 5]} />
                <Tooltip />
                <Legend />
                <Line
                  yAxisId="nps"
                  dataKey="nps"
                  name="NPS"
                  stroke="#1f77b4"
                  connectNulls
                />
                <Line
                  yAxisId="ease"
                  dataKey="averageEase"
                  name="Ease of use"
                  stroke="#2ca02c"
                  connectNulls
                />
              </LineChart>
            </ResponsiveContainer>
            <Typography variant="body2">
              Latest: NPS {nps(value.overall[value.overall.length - 1])}
            </Typography>
          </InfoCard>
          <Box mt={2}>
            <Table
              title="NPS per team (answers)"
              options={{ paging: false, search: false }}
              columns={columns}
              data={value.teams}
            />
          </Box>
        </Box>
      )}
    </>
  );
}
