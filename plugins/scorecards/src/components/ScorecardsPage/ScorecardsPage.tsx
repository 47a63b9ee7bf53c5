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
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Route, Routes } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef } from '../../api';
import { DistributionChart, TeamsChart, TrendChart } from '../charts';
import { useTitles } from '../useTitles';
import { CampaignsSection } from './CampaignsSection';
import { CampaignView } from './CampaignView';

function OrganisationView() {
  const api = useApi(scorecardsApiRef);
  const [selected, setSelected] = useState<string>();
  const { value, loading, error } = useAsync(
    () => api.getSummary({ days: 365 }),
    [api],
  );
  const title = useTitles(
    Object.values(value?.teams ?? {})
      .flat()
      .map(t => t.ownerRef),
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || !value.scorecards.length) {
    return <Typography>No scorecard is configured.</Typography>;
  }
  const card =
    value.scorecards.find(s => s.id === selected) ?? value.scorecards[0];
  const failed = value.topFailed.filter(f => f.scorecardId === card.id);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <ButtonGroup color="primary" aria-label="Scorecard">
          {value.scorecards.map(s => (
            <Button
              key={s.id}
              variant={s.id === card.id ? 'contained' : 'outlined'}
              onClick={() => setSelected(s.id)}
            >
              {s.title}
            </Button>
          ))}
        </ButtonGroup>
        {card.description && (
          <Typography variant="body2" style={{ marginTop: 8 }}>
            {card.description}
          </Typography>
        )}
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Organisation">
          <DistributionChart
            levels={card.levels}
            counts={value.distribution[card.id]}
          />
          {!!value.exempt?.[card.id] && (
            <Typography variant="body2" data-testid="org-exempt">
              {value.exempt[card.id]} service(s) exempt from a check (counted as
              exempt, not passed).
            </Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={8}>
        <InfoCard title="Trend (daily snapshots, a year)">
          <TrendChart levels={card.levels} trend={value.trend[card.id] ?? []} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard title="Levels per team">
          <TeamsChart
            levels={card.levels}
            teams={value.teams?.[card.id] ?? []}
            label={title}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={5}>
        <InfoCard title="Checks most often failed">
          <Table size="small" aria-label="Checks most often failed">
            <TableHead>
              <TableRow>
                <TableCell>Check</TableCell>
                <TableCell align="right">Services failing</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {failed.map(f => (
                <TableRow key={f.checkId}>
                  <TableCell>{f.title}</TableCell>
                  <TableCell align="right">{f.failed}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <CampaignsSection scorecards={value.scorecards} />
      </Grid>
    </Grid>
  );
}

/** The Scorecards page: the organisation's levels, and campaigns. */
export function ScorecardsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Scorecards"
        subtitle="Every service's level, per team and for the organisation; campaigns of the platform team"
      />
      <Content>
        <Routes>
          <Route path="/" element={<OrganisationView />} />
          <Route path="/campaigns/:id" element={<CampaignView />} />
        </Routes>
      </Content>
    </Page>
  );
}
