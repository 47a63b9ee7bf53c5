import { ReactNode, useState } from 'react';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import {
  alertApiRef,
  useApi,
  useRouteRef,
} from '@backstage/frontend-plugin-api';
import {
  FeedbackReportEvent,
  FeedbackStatus,
  MAX_STATUS_NOTE_LENGTH,
  allowedNextStatuses,
  feedbackReportUpdatePermission,
} from '@internal/plugin-feedback-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { feedbackApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  CATEGORY_LABELS,
  EntityLink,
  SEVERITY_LABELS,
  STATUS_LABELS,
  StatusChip,
  errorMessage,
  formatTime,
  reportTitle,
  shortId,
  statusCodeOf,
} from '../shared';

export function StatusForm(props: {
  reportId: string;
  entityRef: string;
  status: FeedbackStatus;
  onMoved: () => void;
}) {
  const feedbackApi = useApi(feedbackApiRef);
  const alertApi = useApi(alertApiRef);
  const options = allowedNextStatuses(props.status);
  const [next, setNext] = useState<FeedbackStatus | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<ReactNode | undefined>();
  const [submitting, setSubmitting] = useState(false);

  if (options.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        This report is {STATUS_LABELS[props.status].toLocaleLowerCase()}; it
        does not move any more.
      </Typography>
    );
  }

  const submit = async () => {
    setError(undefined);
    if (!next) {
      setError('Pick the next status.');
      return;
    }
    if (!note.trim()) {
      setError('A note is required.');
      return;
    }
    setSubmitting(true);
    try {
      await feedbackApi.updateStatus(props.reportId, {
        status: next,
        note: note.trim(),
      });
      alertApi.post({
        message: `Moved ${shortId(props.reportId)} to ${STATUS_LABELS[next]}`,
        severity: 'success',
        display: 'transient',
      });
      setNext('');
      setNote('');
      props.onMoved();
    } catch (e) {
      setError(
        statusCodeOf(e) === 403 ? (
          <>
            Only the platform team and the owners of{' '}
            <EntityLink entityRef={props.entityRef} /> can move this report
          </>
        ) : (
          errorMessage(e)
        ),
      );
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Box component="form" onSubmit={e => e.preventDefault()}>
      <TextField
        select
        label="Next status"
        value={next}
        onChange={e => setNext(e.target.value as FeedbackStatus)}
        SelectProps={{ native: true }}
        inputProps={{ 'aria-label': 'Next status' }}
        InputLabelProps={{ shrink: true }}
        margin="normal"
        fullWidth
      >
        <option value="">Choose…</option>
        {options.map(s => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]}
          </option>
        ))}
      </TextField>
      <TextField
        label="Note"
        value={note}
        onChange={e => setNote(e.target.value)}
        inputProps={{ 'aria-label': 'Note', maxLength: MAX_STATUS_NOTE_LENGTH }}
        helperText={`${note.length}/${MAX_STATUS_NOTE_LENGTH}`}
        multiline
        minRows={2}
        margin="normal"
        required
        fullWidth
      />
      {error && (
        <Box my={1}>
          <Alert severity="error">{error}</Alert>
        </Box>
      )}
      <Button
        variant="contained"
        color="primary"
        onClick={submit}
        disabled={submitting}
      >
        Move report
      </Button>
    </Box>
  );
}

const historyColumns: TableColumn<FeedbackReportEvent>[] = [
  {
    title: 'From',
    field: 'fromStatus',
    render: e => <StatusChip status={e.fromStatus} />,
  },
  {
    title: 'To',
    field: 'toStatus',
    render: e => <StatusChip status={e.toStatus} />,
  },
  { title: 'Note', field: 'note' },
  {
    title: 'By',
    field: 'actorRef',
    // Only the anonymous reporter's own moves are masked; everyone else's
    // move is theirs (the backend leaves the actor out only then).
    render: e => {
      if (e.actorRef) {
        return <EntityLink entityRef={e.actorRef} defaultKind="user" />;
      }
      return e.byReporter ? 'The reporter' : 'Platform team';
    },
  },
  { title: 'When', field: 'createdAt', render: e => formatTime(e.createdAt) },
];

/** One report: details, history, "me too" and the status form. */
export function ReportDetailView() {
  const { id = '' } = useParams();
  const feedbackApi = useApi(feedbackApiRef);
  const alertApi = useApi(alertApiRef);
  const rootLink = useRouteRef(rootRouteRef);
  const report = useAsyncRetry(() => feedbackApi.getReport(id), [id]);
  const entityRef = report.value?.entityRef;
  // Only the platform team and the entity's owners may move a report; the
  // others do not see the form (the backend checks again).
  const { allowed: mayMove } = usePermission({
    permission: feedbackReportUpdatePermission,
    resourceRef: entityRef,
  });

  if (report.loading && !report.value) {
    return <Progress />;
  }
  if (report.error) {
    return <ResponseErrorPanel error={report.error} />;
  }
  const r = report.value;
  if (!r) {
    return null;
  }

  const final = allowedNextStatuses(r.status).length === 0;
  const meToo = async () => {
    try {
      await feedbackApi.meToo(r.id);
      alertApi.post({
        message: 'Thanks, your "me too" was added',
        severity: 'success',
        display: 'transient',
      });
      report.retry();
    } catch (e) {
      alertApi.post({ message: errorMessage(e), severity: 'error' });
    }
  };

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        {rootLink && <Link to={rootLink()}>← Back to the backlog</Link>}
      </Grid>
      <Grid item xs={12} md={mayMove ? 8 : 12}>
        <InfoCard
          title={reportTitle(r.text)}
          subheader={`Report ${shortId(r.id)}`}
        >
          <Box mb={2} display="flex" alignItems="center" style={{ gap: 8 }}>
            <StatusChip status={r.status} />
            <Typography variant="body2">
              {CATEGORY_LABELS[r.category]} · {SEVERITY_LABELS[r.severity]}{' '}
              severity · impact {r.impact} · {r.supporterCount} supporter(s)
            </Typography>
          </Box>
          <Typography
            variant="body1"
            style={{ whiteSpace: 'pre-wrap' }}
            paragraph
          >
            {r.text}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            About <EntityLink entityRef={r.entityRef} />
            {r.entityOwnerRef && (
              <>
                {' '}
                (owned by <EntityLink entityRef={r.entityOwnerRef} />)
              </>
            )}{' '}
            · reported by{' '}
            {r.reporterRef ? (
              <EntityLink entityRef={r.reporterRef} defaultKind="user" />
            ) : (
              'Anonymous'
            )}{' '}
            · {formatTime(r.createdAt)}
          </Typography>
          <Box mt={2}>
            <Button
              variant="outlined"
              color="primary"
              onClick={meToo}
              disabled={r.supportedByMe || final}
            >
              {r.supportedByMe ? 'You support this' : 'Me too'}
            </Button>
          </Box>
        </InfoCard>
      </Grid>
      {mayMove && (
        <Grid item xs={12} md={4}>
          <InfoCard title="Move this report">
            <StatusForm
              reportId={r.id}
              entityRef={r.entityRef}
              status={r.status}
              onMoved={report.retry}
            />
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12}>
        <Table<FeedbackReportEvent>
          title="History"
          columns={historyColumns}
          data={r.events}
          options={{ paging: false, search: false, sorting: false }}
          emptyContent={
            <Box p={2}>
              <Typography variant="body2">No status change yet.</Typography>
            </Box>
          }
        />
      </Grid>
    </Grid>
  );
}
