import { useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  CheckResult,
  DEFAULT_EXEMPTION_DAYS,
  MIN_EXEMPTION_REASON,
} from '@internal/plugin-scorecards-common';
import { scorecardsApiRef } from '../api';

const inDays = (days: number) =>
  new Date(Date.now() + days * 864e5).toISOString().slice(0, 10);

/** Exempt a service from one check, with a reason and an expiry day. */
export function ExemptDialog(props: {
  entityRef: string;
  scorecardId: string;
  check: Pick<CheckResult, 'id' | 'title' | 'exemptionRule'>;
  onClose: (changed: boolean) => void;
}) {
  const api = useApi(scorecardsApiRef);
  const [reason, setReason] = useState('');
  const maxDays = props.check.exemptionRule?.maxDays ?? DEFAULT_EXEMPTION_DAYS;
  const byPlatform = props.check.exemptionRule?.by === 'platform-team';
  const needsApproval = props.check.exemptionRule?.needsApproval ?? false;
  const [expiresOn, setExpiresOn] = useState(inDays(Math.min(30, maxDays)));
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      await api.createExemption({
        entityRef: props.entityRef,
        scorecardId: props.scorecardId,
        checkId: props.check.id,
        reason,
        expiresOn,
      });
      props.onClose(true);
    } catch (e) {
      setError((e as Error).message);
      setSaving(false);
    }
  };

  return (
    <Dialog open onClose={() => props.onClose(false)} fullWidth maxWidth="sm">
      <DialogTitle>Exempt from “{props.check.title}”</DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          The check shows as exempt (not passed) until the end of the expiry
          day, at most {maxDays} days from today.{' '}
          {byPlatform
            ? 'Only the platform team may exempt a service from it.'
            : 'Owners and the platform team may exempt a service.'}{' '}
          {needsApproval &&
            'A security check: the exemption counts once the platform team approved it.'}
        </Typography>
        <TextField
          id="scorecards-reason"
          label="Reason"
          value={reason}
          onChange={e => setReason(e.target.value)}
          fullWidth
          multiline
          minRows={2}
          required
          inputProps={{ maxLength: 1000 }}
          helperText={`At least ${MIN_EXEMPTION_REASON} characters: why, and what happens next.`}
          margin="normal"
        />
        <TextField
          id="scorecards-expires-on"
          label="Expires on"
          type="date"
          value={expiresOn}
          onChange={e => setExpiresOn(e.target.value)}
          InputLabelProps={{ shrink: true }}
          inputProps={{ min: inDays(0), max: inDays(maxDays) }}
          margin="normal"
        />
        {error && (
          <Typography color="error" role="alert">
            {error}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => props.onClose(false)}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={saving || reason.trim().length < MIN_EXEMPTION_REASON}
          onClick={save}
        >
          Exempt
        </Button>
      </DialogActions>
    </Dialog>
  );
}
