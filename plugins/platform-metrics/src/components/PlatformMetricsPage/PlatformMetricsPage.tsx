import { useMemo, useState } from 'react';
import {
  Content,
  EmptyState,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { WindowDays } from '@internal/plugin-platform-metrics-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import useAsync from 'react-use/esm/useAsync';
import { useSearchParams } from 'react-router-dom';
import { platformMetricsApiRef } from '../../api';
import { WINDOWS } from '../format';
import { DoraBody } from '../DoraView';
import {
  csvFileName,
  downloadFile,
  sortTeams,
  TeamSort,
  teamsCsv,
} from '../teams';
import { WindowSelector } from '../WindowSelector';
import { AdoptionSection } from './AdoptionSection';
import { SatisfactionSection } from './SatisfactionSection';
import { TeamsTable } from './TeamsTable';
import { UnmappedSection } from './UnmappedSection';

function TeamsSection(props: { window: WindowDays }) {
  const api = useApi(platformMetricsApiRef);
  const [sort, setSort] = useState<TeamSort>({
    key: 'title',
    direction: 'asc',
  });
  const { value, loading, error } = useAsync(
    () => api.getTeams({ window: props.window }),
    [api, props.window],
  );
  const rows = useMemo(
    () => (value ? sortTeams(value.teams, sort) : []),
    [value, sort],
  );

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (rows.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No teams in the catalog"
        description="Teams are catalog Groups with spec.type: team. Register them (catalog/ or a catalog-info.yaml) and they appear here with the components they own."
      />
    );
  } else {
    body = <TeamsTable rows={rows} sort={sort} onSortChange={setSort} />;
  }

  return (
    <InfoCard
      title={`Teams, last ${props.window} days`}
      subheader="Click a column to sort. Band: the lowest of the four keys' bands that have data."
      action={
        <Box mt={1} mr={1}>
          <Button
            variant="outlined"
            color="primary"
            startIcon={<GetAppIcon />}
            disabled={rows.length === 0}
            onClick={() =>
              downloadFile(teamsCsv(rows), csvFileName(props.window))
            }
          >
            Export CSV
          </Button>
        </Box>
      }
    >
      {body}
    </InfoCard>
  );
}

/** The platform team's view: teams, organisation trends, adoption, satisfaction. */
export function PlatformMetricsPage() {
  // ?window=90 (the KPI page links here at its own window).
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('window'));
  const window = (WINDOWS as number[]).includes(asked)
    ? (asked as WindowDays)
    : 30;
  const setWindow = (w: WindowDays) =>
    setParams(
      p => {
        p.set('window', String(w));
        return p;
      },
      { replace: true },
    );
  return (
    <Page themeId="tool">
      <Header
        title="Platform Metrics"
        subtitle="How the organisation ships (DORA), adopts the golden paths and likes the platform"
      />
      <Content>
        <WindowSelector value={window} onChange={setWindow} />
        <Grid container spacing={3} style={{ marginTop: 8 }}>
          <Grid item xs={12}>
            <TeamsSection window={window} />
          </Grid>
          <Grid item xs={12}>
            <Typography variant="h5" gutterBottom>
              Organisation
            </Typography>
            <DoraBody window={window} />
          </Grid>
          <Grid item xs={12}>
            <Typography variant="h5" gutterBottom>
              Adoption
            </Typography>
            <AdoptionSection window={window} />
          </Grid>
          <Grid item xs={12}>
            <SatisfactionSection />
          </Grid>
          <Grid item xs={12}>
            <UnmappedSection />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
