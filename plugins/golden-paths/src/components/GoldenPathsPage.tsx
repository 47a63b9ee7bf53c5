import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Grid, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { GoldenPath, goldenPathsApiRef, UsageWeek } from '../api';
import { DriftTable } from './DriftTable';
import { PathCard } from './PathCard';
import { UsageChart } from './UsageChart';

const USAGE_WEEKS = 26;

/**
 * How the chart's bars relate to what the cards count: the cards count
 * every entity created from a path; the chart only those created in its
 * window with a known creation date.
 */
export function usageNote(paths: GoldenPath[], weeks: UsageWeek[]): string {
  const total = paths.reduce((n, p) => n + p.created, 0);
  const charted = weeks.reduce(
    (n, w) => n + Object.values(w.counts).reduce((a, b) => a + b, 0),
    0,
  );
  if (charted === total) return `All ${total} created from a golden path.`;
  return `${charted} of the ${total} the cards count; the other ${
    total - charted
  } were created earlier or before creation dates were recorded.`;
}

/** The golden paths: what each gives, who uses it, who drifted from it. */
export function GoldenPathsPage() {
  const api = useApi(goldenPathsApiRef);
  const { value, loading, error } = useAsync(async () => {
    const [paths, usage] = await Promise.all([
      api.getPaths(),
      api.getUsage(USAGE_WEEKS),
    ]);
    return { paths, usage };
  }, [api]);

  return (
    <Page themeId="tool">
      <Header
        title="Golden Paths"
        subtitle="The paved road: a working service or database, self-service, in minutes"
      />
      <Content>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && (
          <>
            <ContentHeader title="Paths" />
            {value.paths.length === 0 && (
              <Typography>
                No golden paths in the catalog yet. Templates tagged golden-path
                or self-service show up here (see templates/).
              </Typography>
            )}
            <Grid container spacing={3}>
              {value.paths.map(path => (
                <Grid item xs={12} md={6} lg={4} key={path.entityRef}>
                  <PathCard path={path} />
                </Grid>
              ))}
            </Grid>
            <ContentHeader title="Usage" />
            <InfoCard
              title={`Created per week, last ${USAGE_WEEKS} weeks`}
              subheader={usageNote(value.paths, value.usage)}
            >
              <UsageChart weeks={value.usage} paths={value.paths} />
            </InfoCard>
            <ContentHeader
              title={`Drift: ${value.paths.reduce(
                (n, path) => n + path.drifted,
                0,
              )} behind their golden path`}
            />
            <DriftTable paths={value.paths} />
          </>
        )}
      </Content>
    </Page>
  );
}
