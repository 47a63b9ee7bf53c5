import { useState } from 'react';
import {
  configApiRef,
  identityApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import {
  MAX_SURVEY_COMMENT_LENGTH,
  SURVEY_COMMENT_QUESTION,
} from '@internal/plugin-feedback-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import IconButton from '@material-ui/core/IconButton';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CloseIcon from '@material-ui/icons/Close';
import Alert from '@material-ui/lab/Alert';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import useAsync from 'react-use/esm/useAsync';
import { feedbackApiRef } from '../../api';
import { errorMessage } from '../shared';
import { useReturningActiveUser } from './useActiveSeconds';

/** Default seconds of portal use before the survey is offered. */
export const DEFAULT_PROMPT_DELAY_SECONDS = 120;

const useStyles = makeStyles(theme => ({
  // Small, bottom right, above page content but below dialogs.
  prompt: {
    position: 'fixed',
    right: theme.spacing(3),
    bottom: theme.spacing(3),
    width: 320,
    padding: theme.spacing(1.5, 2),
    zIndex: theme.zIndex.snackbar,
  },
  scale: { flexWrap: 'wrap' },
}));

const EASE_LABELS = ['Very hard', 'Hard', 'OK', 'Easy', 'Very easy'];

export interface SurveyPromptProps {
  /** Seconds of portal use before it appears; defaults to config, then 120. */
  delaySeconds?: number;
}

/**
 * The quarterly satisfaction survey, offered in a corner to a returning user
 * (first seen on an earlier day) who has used the portal for a while and has
 * neither answered nor dismissed it this quarter.
 */
export function SurveyPrompt(props: SurveyPromptProps) {
  const classes = useStyles();
  const feedbackApi = useApi(feedbackApiRef);
  const identityApi = useApi(identityApiRef);
  const configApi = useApi(configApiRef);
  const delay =
    props.delaySeconds ??
    configApi.getOptionalNumber('feedback.surveyPromptDelaySeconds') ??
    DEFAULT_PROMPT_DELAY_SECONDS;

  // Both wait for sign-in (the identity API resolves only then).
  const status = useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    const survey = await feedbackApi.getSurveyStatus();
    return { userRef: identity.userEntityRef, survey };
  }, [identityApi, feedbackApi]);

  const ready = useReturningActiveUser(
    status.value?.userRef,
    delay,
    Boolean(status.value?.survey.offer),
  );
  const [state, setState] = useState<'prompt' | 'form' | 'thanks' | 'gone'>(
    'prompt',
  );
  const [nps, setNps] = useState<number | null>(null);
  const [ease, setEase] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();

  if (!ready || state === 'gone') return null;

  const dismiss = () => {
    setState('gone');
    // Nothing to tell the user if this fails; it is offered again next load.
    feedbackApi.dismissSurvey().catch(() => {});
  };

  const send = async () => {
    if (nps === null || ease === null) return;
    setSending(true);
    setError(undefined);
    try {
      await feedbackApi.answerSurvey({
        nps,
        ease,
        comment: comment.trim() || undefined,
      });
      setState('thanks');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  if (state === 'prompt') {
    return (
      <Paper
        className={classes.prompt}
        elevation={6}
        role="region"
        aria-label="Portal survey"
      >
        <Box display="flex" alignItems="flex-start">
          <Typography variant="body2" style={{ flex: 1 }}>
            Three quick questions about the portal? Once a quarter, under a
            minute.
          </Typography>
          <IconButton size="small" aria-label="Close survey" onClick={dismiss}>
            <CloseIcon fontSize="small" />
          </IconButton>
        </Box>
        <Box display="flex" justifyContent="flex-end" mt={1}>
          <Button size="small" onClick={dismiss}>
            Not now
          </Button>
          <Button
            size="small"
            color="primary"
            variant="contained"
            onClick={() => setState('form')}
          >
            Answer
          </Button>
        </Box>
      </Paper>
    );
  }

  if (state === 'thanks') {
    return (
      <Dialog
        open
        onClose={() => setState('gone')}
        aria-labelledby="survey-title"
      >
        <DialogTitle id="survey-title">Thank you</DialogTitle>
        <DialogContent>
          <Typography>
            Your answers go to the platform team, counted with everyone else's;
            your comment is never shown with your name. We will ask again next
            quarter.
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button color="primary" onClick={() => setState('gone')}>
            Close
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <Dialog open onClose={dismiss} aria-labelledby="survey-title" maxWidth="sm">
      <DialogTitle id="survey-title">
        How is the portal working for you?
      </DialogTitle>
      <DialogContent>
        <Typography id="survey-nps" gutterBottom>
          How likely are you to recommend the portal to a colleague? (0 = not at
          all, 10 = extremely)
        </Typography>
        <ToggleButtonGroup
          className={classes.scale}
          exclusive
          size="small"
          value={nps}
          onChange={(_e, v) => setNps(v)}
          aria-labelledby="survey-nps"
        >
          {Array.from({ length: 11 }, (_, i) => (
            <ToggleButton key={i} value={i} aria-label={String(i)}>
              {i}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <Box mt={3}>
          <Typography id="survey-ease" gutterBottom>
            How easy is it to get things done with the portal?
          </Typography>
          <ToggleButtonGroup
            className={classes.scale}
            exclusive
            size="small"
            value={ease}
            onChange={(_e, v) => setEase(v)}
            aria-labelledby="survey-ease"
          >
            {EASE_LABELS.map((label, i) => (
              <ToggleButton key={label} value={i + 1} aria-label={label}>
                {i + 1} · {label}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        </Box>
        <Box mt={3}>
          <TextField
            id="survey-comment"
            label={SURVEY_COMMENT_QUESTION}
            helperText={`Optional. Never shown with your name. ${comment.length}/${MAX_SURVEY_COMMENT_LENGTH}`}
            multiline
            minRows={3}
            fullWidth
            variant="outlined"
            value={comment}
            error={comment.length > MAX_SURVEY_COMMENT_LENGTH}
            onChange={e => setComment(e.target.value)}
          />
        </Box>
        {error && (
          <Box mt={2}>
            <Alert severity="error">{error}</Alert>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={dismiss}>Not now</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={
            nps === null ||
            ease === null ||
            sending ||
            comment.length > MAX_SURVEY_COMMENT_LENGTH
          }
          onClick={send}
        >
          Send
        </Button>
      </DialogActions>
    </Dialog>
  );
}
