import { useState } from 'react';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import {
  scorecardsCampaignManagePermission,
  type ScorecardSummary,
} from '@internal/plugin-scorecards-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scorecardsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';

function StartCampaignForm(props: {
  scorecards: ScorecardSummary[];
  onStarted: () => void;
}) {
  const api = useApi(scorecardsApiRef);
  const [title, setTitle] = useState('');
  const [scorecardId, setScorecardId] = useState(props.scorecards[0]?.id ?? '');
  const levels = props.scorecards.find(s => s.id === scorecardId)?.levels ?? [];
  const [targetLevel, setTargetLevel] = useState(levels[1] ?? levels[0] ?? '');
  const [deadline, setDeadline] = useState('');
  const [tags, setTags] = useState('');
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const start = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const tagList = tags
        .split(',')
        .map(t => t.trim())
        .filter(Boolean);
      await api.startCampaign({
        title,
        scorecardId,
        targetLevel,
        deadline,
        scope: tagList.length ? { tags: tagList } : {},
      });
      setTitle('');
      props.onStarted();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="flex-end"
      style={{ gap: 16 }}
      component="form"
      aria-label="Start a campaign"
    >
      <TextField
        id="scorecards-campaign-title"
        label="Campaign title"
        value={title}
        onChange={e => setTitle(e.target.value)}
        inputProps={{ maxLength: 200 }}
        style={{ minWidth: 320 }}
      />
      <TextField
        select
        id="scorecards-scorecard"
        label="Scorecard"
        value={scorecardId}
        onChange={e => {
          setScorecardId(e.target.value);
          const l =
            props.scorecards.find(s => s.id === e.target.value)?.levels ?? [];
          setTargetLevel(l[1] ?? l[0] ?? '');
        }}
        style={{ minWidth: 200 }}
      >
        {props.scorecards.map(s => (
          <MenuItem key={s.id} value={s.id}>
            {s.title}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        id="scorecards-target-level"
        label="Target level"
        value={targetLevel}
        onChange={e => setTargetLevel(e.target.value)}
        style={{ minWidth: 120 }}
      >
        {levels.map(l => (
          <MenuItem key={l} value={l}>
            {l}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id="scorecards-deadline"
        label="Deadline"
        type="date"
        value={deadline}
        onChange={e => setDeadline(e.target.value)}
        InputLabelProps={{ shrink: true }}
      />
      <TextField
        id="scorecards-services-tagged"
        label="Services tagged (comma-separated, empty for all)"
        value={tags}
        onChange={e => setTags(e.target.value)}
        style={{ minWidth: 280 }}
      />
      <Button
        variant="contained"
        color="primary"
        disabled={saving || title.trim().length < 3 || !deadline}
        onClick={start}
      >
        Start campaign
      </Button>
      {error && (
        <Typography color="error" role="alert" style={{ width: '100%' }}>
          {error}
        </Typography>
      )}
    </Box>
  );
}

/** Campaigns with their progress, and (for the platform team) a new one. */
export function CampaignsSection(props: { scorecards: ScorecardSummary[] }) {
  const api = useApi(scorecardsApiRef);
  const root = useRouteRef(rootRouteRef)?.() ?? '/scorecards';
  // Only the platform team may start one: the others do not see the form.
  const { allowed: mayStart } = usePermission({
    permission: scorecardsCampaignManagePermission,
  });
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listCampaigns(),
    [api],
  );
  const titleOf = (id: string) =>
    props.scorecards.find(s => s.id === id)?.title ?? id;
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (!value?.length) {
    body = <Typography variant="body2">No campaign yet.</Typography>;
  } else {
    body = (
      <Table size="small" aria-label="Campaigns">
        <TableHead>
          <TableRow>
            <TableCell>Campaign</TableCell>
            <TableCell>Target</TableCell>
            <TableCell>Deadline</TableCell>
            <TableCell>Progress</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.map(c => (
            <TableRow key={c.id}>
              <TableCell>
                <Link to={`${root}/campaigns/${c.id}`}>{c.title}</Link>
              </TableCell>
              <TableCell>
                {titleOf(c.scorecardId)} at {c.targetLevel}
              </TableCell>
              <TableCell>{c.deadline}</TableCell>
              <TableCell style={{ minWidth: 200 }}>
                <Typography variant="body2">
                  {c.reached} of {c.total} services
                </Typography>
                <LinearProgress
                  variant="determinate"
                  value={c.total ? (100 * c.reached) / c.total : 0}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }
  return (
    <InfoCard title="Campaigns">
      {body}
      {mayStart && (
        <Box mt={3}>
          <Typography variant="subtitle2" gutterBottom>
            Start a campaign
          </Typography>
          <StartCampaignForm scorecards={props.scorecards} onStarted={retry} />
        </Box>
      )}
    </InfoCard>
  );
}
