import { useState } from 'react';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
  useRouteRef,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { usePermission } from '@backstage/plugin-permission-react';
import { feedbackRoadmapPlanPermission } from '@internal/plugin-feedback-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { feedbackApiRef } from '../../api';
import { reportRouteRef } from '../../routes';

/** An item of `GET /api/feedback/roadmap`. */
export interface RoadmapItem {
  id: string;
  text: string;
  entityRef: string;
  status: string;
  impact: number;
  effort: string;
  plannedQuarter: string | null;
  score: number;
  shippedAt: string | null;
}

export interface RoadmapResponse {
  quarters: {
    quarter: string;
    planned: number;
    completed: number;
    ratio?: number;
    items: RoadmapItem[];
  }[];
  unscheduled: RoadmapItem[];
}

function useRoadmapFetch() {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return async (path: string, init?: RequestInit) => {
    const base = await discoveryApi.getBaseUrl('feedback');
    const res = await fetchApi.fetch(`${base}${path}`, init);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res.json();
  };
}

function ItemCard(props: { item: RoadmapItem }) {
  const reportLink = useRouteRef(reportRouteRef);
  const { item } = props;
  return (
    <Card
      variant="outlined"
      style={{ marginBottom: 8 }}
      data-testid="roadmap-item"
    >
      <CardContent style={{ padding: 12 }}>
        <Typography variant="body2">
          {reportLink ? (
            <Link to={reportLink({ id: item.id })}>
              {item.text.slice(0, 140)}
            </Link>
          ) : (
            item.text.slice(0, 140)
          )}
        </Typography>
        <Box mt={1} display="flex" flexWrap="wrap" style={{ gap: 4 }}>
          <Chip size="small" label={`Effort ${item.effort}`} />
          <Chip size="small" label={`Impact ${item.impact}`} />
          <Chip size="small" label={`Score ${item.score.toFixed(1)}`} />
          {item.shippedAt ? (
            <Chip
              size="small"
              color="primary"
              label={`Shipped ${item.shippedAt.slice(0, 10)}`}
            />
          ) : null}
        </Box>
      </CardContent>
    </Card>
  );
}

const EFFORTS = ['S', 'M', 'L', '1', '3', '10', '20'];

/**
 * Platform team: set an open backlog item's effort and quarter. Shown only
 * to people the permission policy lets plan (the backend checks the same).
 */
function PlanForm(props: { quarters: string[]; onSaved: () => void }) {
  const { allowed } = usePermission({
    permission: feedbackRoadmapPlanPermission,
  });
  return allowed ? <PlanFields {...props} /> : null;
}

function PlanFields(props: { quarters: string[]; onSaved: () => void }) {
  const feedbackApi = useApi(feedbackApiRef);
  const call = useRoadmapFetch();
  const open = useAsyncRetry(
    () => feedbackApi.listReports({ limit: 100 }),
    [feedbackApi],
  );
  const [reportId, setReportId] = useState('');
  const [effort, setEffort] = useState('M');
  const [quarter, setQuarter] = useState(
    props.quarters[1] ?? props.quarters[0],
  );
  const [error, setError] = useState<Error | undefined>();

  const save = async () => {
    setError(undefined);
    try {
      await call(`/roadmap/items/${encodeURIComponent(reportId)}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ effort, plannedQuarter: quarter || null }),
      });
      props.onSaved();
    } catch (e) {
      setError(e as Error);
    }
  };

  return (
    <InfoCard title="Plan a backlog item" subheader="Platform team only">
      <Box
        display="flex"
        flexWrap="wrap"
        style={{ gap: 12 }}
        alignItems="center"
      >
        <TextField
          select
          id="roadmap-plan-item"
          label="Backlog item"
          value={reportId}
          onChange={e => setReportId(e.target.value)}
          variant="outlined"
          size="small"
          style={{ minWidth: 320 }}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
        >
          <option value="" />
          {(open.value?.items ?? []).map(r => (
            <option key={r.id} value={r.id}>
              {r.text.slice(0, 80)}
            </option>
          ))}
        </TextField>
        <TextField
          select
          id="roadmap-plan-effort"
          label="Effort"
          value={effort}
          onChange={e => setEffort(e.target.value)}
          variant="outlined"
          size="small"
          SelectProps={{ native: true }}
        >
          {EFFORTS.map(x => (
            <option key={x} value={x}>
              {/^\d/.test(x) ? `${x} days` : x}
            </option>
          ))}
        </TextField>
        <TextField
          select
          id="roadmap-plan-quarter"
          label="Quarter"
          value={quarter}
          onChange={e => setQuarter(e.target.value)}
          variant="outlined"
          size="small"
          SelectProps={{ native: true }}
        >
          {props.quarters.map(q => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
          <option value="">Unscheduled</option>
        </TextField>
        <Button
          variant="contained"
          color="primary"
          disabled={!reportId}
          onClick={save}
        >
          Save plan
        </Button>
      </Box>
      {error ? (
        <Typography color="error" role="alert">
          {error.message}
        </Typography>
      ) : null}
    </InfoCard>
  );
}

/** Quarters as columns, items ranked by impact per day of effort. */
export function RoadmapView() {
  const call = useRoadmapFetch();
  const roadmap = useAsyncRetry(
    () => call('/roadmap') as Promise<RoadmapResponse>,
    [],
  );
  if (roadmap.loading && !roadmap.value) return <Progress />;
  if (roadmap.error) return <ResponseErrorPanel error={roadmap.error} />;
  const data = roadmap.value!;
  return (
    <>
      <Box display="flex" style={{ gap: 16 }} overflow="auto" mb={3}>
        {data.quarters.map(q => (
          <Box
            key={q.quarter}
            flex="1 0 260px"
            component="section"
            aria-label={`Quarter ${q.quarter}`}
          >
            <Typography variant="h6">{q.quarter}</Typography>
            <Typography variant="caption" color="textSecondary" component="p">
              {q.planned === 0
                ? 'Nothing planned'
                : `${q.completed} of ${
                    q.planned
                  } completed in the quarter (${Math.round(
                    100 * (q.ratio ?? 0),
                  )}%)`}
            </Typography>
            <Box mt={1}>
              {q.items.map(item => (
                <ItemCard key={item.id} item={item} />
              ))}
            </Box>
          </Box>
        ))}
      </Box>
      <PlanForm
        quarters={data.quarters.map(q => q.quarter)}
        onSaved={roadmap.retry}
      />
      {data.unscheduled.length > 0 ? (
        <Box mt={3}>
          <Typography variant="h6">Estimated, not scheduled</Typography>
          {data.unscheduled.map(item => (
            <ItemCard key={item.id} item={item} />
          ))}
        </Box>
      ) : null}
    </>
  );
}
