import { useState } from 'react';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  DoraResponse,
  WindowDays,
} from '@internal/plugin-platform-metrics-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { platformMetricsApiRef } from '../api';
import { EventsDrawer } from './EventsDrawer';
import { FOUR_KEYS, granularityFor, MetricKey } from './format';
import { MetricTile } from './MetricTile';
import { TrendCharts } from './TrendCharts';
import { WindowSelector } from './WindowSelector';

const KIND_WORDS: Record<DoraResponse['scope']['kind'], string> = {
  component: 'this service',
  system: "this system's components",
  team: "this team's components",
  organisation: 'the organisation',
};

/** Says what to do when no events have arrived yet. */
export function NoEventsHint(props: { scope: string }) {
  return (
    <EmptyState
      missing="data"
      title={`No deployments yet for ${props.scope}`}
      description={
        <>
          Send events to POST /api/platform-metrics/events/deployments (and
          /events/changes, /events/incidents) from any CI/CD, or configure the
          GitHub webhook (deployment_status, push, pull_request) and the
          PagerDuty webhook. The numbers appear as soon as the first event is
          in. See the platform-metrics plugin README.
        </>
      }
    />
  );
}

/** The DORA tiles of one scope for a window, read from the API. */
export function DoraTiles(props: {
  dora: DoraResponse;
  selected?: MetricKey;
  onSelect?: (key: MetricKey) => void;
}) {
  const { dora, selected, onSelect } = props;
  return (
    <Grid container spacing={2} data-testid="dora-tiles">
      {FOUR_KEYS.map(key => (
        <Grid item xs={12} sm={6} lg={3} key={key}>
          <MetricTile
            metricKey={key}
            metric={dora.metrics[key]}
            selected={selected === key}
            onSelect={onSelect}
          />
        </Grid>
      ))}
      <Grid item xs={12} sm={6} lg={3}>
        <MetricTile
          metricKey="reworkRate"
          metric={dora.metrics.reworkRate}
          selected={selected === 'reworkRate'}
          onSelect={onSelect}
        />
      </Grid>
    </Grid>
  );
}

/**
 * DORA of a component, system, team (entityRef) or the organisation (no
 * entityRef) over a window: tiles, trends, and the events behind a tile.
 */
export function DoraBody(props: { entityRef?: string; window: WindowDays }) {
  const { entityRef, window } = props;
  const api = useApi(platformMetricsApiRef);
  const [selected, setSelected] = useState<MetricKey>();
  const granularity = granularityFor(window);
  const { value, loading, error } = useAsync(
    () => api.getDora({ entityRef, window, granularity }),
    [api, entityRef, window, granularity],
  );

  const total = value
    ? value.eventCount.deployments +
      value.eventCount.changes +
      value.eventCount.incidents
    : 0;

  return (
    <Box>
      {error && <ResponseErrorPanel error={error} />}
      {loading && <Progress />}
      {!loading && value && total === 0 && (
        <NoEventsHint scope={KIND_WORDS[value.scope.kind]} />
      )}
      {!loading && value && total > 0 && (
        <>
          <Typography variant="body2" color="textSecondary" gutterBottom>
            Last {window} days ({value.window.from.slice(0, 10)} to{' '}
            {value.window.to.slice(0, 10)}), {value.scope.componentCount}{' '}
            {value.scope.componentCount === 1 ? 'component' : 'components'},
            from {value.eventCount.deployments} deployments,{' '}
            {value.eventCount.changes} changes and {value.eventCount.incidents}{' '}
            incidents. Click a tile for its events.
          </Typography>
          <DoraTiles dora={value} selected={selected} onSelect={setSelected} />
          <Box mt={3}>
            <TrendCharts trend={value.trend} granularity={granularity} />
          </Box>
        </>
      )}
      <EventsDrawer
        metricKey={selected}
        entityRef={entityRef}
        window={window}
        onClose={() => setSelected(undefined)}
      />
    </Box>
  );
}

/** {@link DoraBody} with its own window selector (entity tabs). */
export function DoraView(props: {
  entityRef?: string;
  initialWindow?: WindowDays;
}) {
  const [window, setWindow] = useState<WindowDays>(props.initialWindow ?? 30);
  return (
    <Box>
      <WindowSelector value={window} onChange={setWindow} />
      <Box mt={2}>
        <DoraBody entityRef={props.entityRef} window={window} />
      </Box>
    </Box>
  );
}
