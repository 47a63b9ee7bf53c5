import { useEffect, useState } from 'react';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import {
  catalogApiRef,
  EntityDisplayName,
} from '@backstage/plugin-catalog-react';
import {
  FEEDBACK_CATEGORIES,
  FEEDBACK_SEVERITIES,
  FeedbackCategory,
  FeedbackReport,
  FeedbackSeverity,
  MAX_REPORT_TEXT_LENGTH,
  createReportRequestSchema,
} from '@internal/plugin-feedback-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import Autocomplete from '@material-ui/lab/Autocomplete';
import useAsync from 'react-use/esm/useAsync';
import { feedbackApiRef } from '../../api';
import {
  CATEGORY_LABELS,
  SEVERITY_LABELS,
  StatusChip,
  errorMessage,
  shortId,
} from '../shared';

/** @public */
export interface ReportFrictionDialogProps {
  open: boolean;
  onClose: () => void;
  /** The entity the report is about; when absent the user picks one. */
  entityRef?: string;
  /** Called after a report was created. */
  onSubmitted?: (report: FeedbackReport) => void;
}

const SIMILAR_DEBOUNCE_MS = 400;

function wordCount(text: string): number {
  return text.trim().split(/\s+/).filter(Boolean).length;
}

interface EntityOption {
  ref: string;
  label: string;
  kind: string;
}

function entityLabel(entity: Entity): string {
  return entity.metadata.title ?? entity.metadata.name;
}

/**
 * The entity the report is about, shown by its title. Filled in when the
 * dialog is opened from an entity page; any entity ref may also be typed.
 */
function EntityPicker(props: {
  value: string;
  onChange: (value: string) => void;
}) {
  const catalogApi = useApi(catalogApiRef);
  const { value: options = [] } = useAsync(async (): Promise<
    EntityOption[]
  > => {
    const response = await catalogApi.getEntities({
      filter: { kind: ['Component', 'API', 'Resource', 'System'] },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
    });
    return response.items
      .map(entity => ({
        ref: stringifyEntityRef(entity),
        label: entityLabel(entity),
        kind: entity.kind,
      }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [catalogApi]);

  const selected = options.find(o => o.ref === props.value);
  const [inputValue, setInputValue] = useState(props.value);
  useEffect(() => {
    // Once the catalog answered, show the title of a filled-in ref.
    if (selected) setInputValue(selected.label);
  }, [selected]);

  return (
    <Autocomplete<EntityOption, false, false, true>
      freeSolo
      options={options}
      value={selected ?? null}
      inputValue={inputValue}
      getOptionLabel={option =>
        typeof option === 'string' ? option : option.label
      }
      renderOption={option => (
        <Box>
          <Typography variant="body2">{option.label}</Typography>
          <Typography variant="caption" color="textSecondary">
            {option.kind}
          </Typography>
        </Box>
      )}
      onChange={(_event, option) => {
        if (option && typeof option !== 'string') props.onChange(option.ref);
      }}
      onInputChange={(_event, value, reason) => {
        setInputValue(value);
        if (reason === 'reset') return;
        // Typed text: a title picks its entity, anything else is a ref.
        const byLabel = options.find(o => o.label === value);
        props.onChange(byLabel ? byLabel.ref : value);
      }}
      renderInput={params => (
        <TextField
          {...params}
          label="Entity"
          placeholder="Search by name"
          helperText="Pick a service, API, resource or system (or type its entity ref)"
          required
          margin="normal"
          fullWidth
        />
      )}
    />
  );
}

/**
 * Dialog to report friction about a catalog entity.
 *
 * @public
 */
export function ReportFrictionDialog(props: ReportFrictionDialogProps) {
  const { open, onClose, onSubmitted } = props;
  const feedbackApi = useApi(feedbackApiRef);
  const alertApi = useApi(alertApiRef);

  const [entityRefInput, setEntityRefInput] = useState(props.entityRef ?? '');
  const [category, setCategory] = useState<FeedbackCategory | ''>('');
  const [severity, setSeverity] = useState<FeedbackSeverity>('medium');
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const [similar, setSimilar] = useState<FeedbackReport[]>([]);

  const entityRef = entityRefInput.trim();

  useEffect(() => {
    if (!open) {
      return undefined;
    }
    if (wordCount(text) < 3 || (!entityRef && !category)) {
      setSimilar([]);
      return undefined;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      feedbackApi
        .findSimilar({
          entityRef: entityRef || undefined,
          category: category || undefined,
          text: text.trim(),
        })
        .then(
          result => {
            if (!cancelled) {
              setSimilar(result.items);
            }
          },
          () => {
            if (!cancelled) {
              setSimilar([]);
            }
          },
        );
    }, SIMILAR_DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [open, text, entityRef, category, feedbackApi]);

  const reset = () => {
    setEntityRefInput(props.entityRef ?? '');
    setCategory('');
    setSeverity('medium');
    setText('');
    setAnonymous(false);
    setError(undefined);
    setSimilar([]);
    setSubmitting(false);
  };

  const close = () => {
    reset();
    onClose();
  };

  const handleMeToo = async (report: FeedbackReport) => {
    setError(undefined);
    try {
      await feedbackApi.meToo(report.id);
      alertApi.post({
        message: `Added your "me too" to ${shortId(
          report.id,
        )} — you will be notified as it moves`,
        severity: 'success',
        display: 'transient',
      });
      close();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const handleSubmit = async () => {
    setError(undefined);
    if (!entityRef) {
      setError('Pick the entity this is about.');
      return;
    }
    if (!category) {
      setError('Pick a category.');
      return;
    }
    if (!text.trim()) {
      setError('Describe what is slowing you down.');
      return;
    }
    const parsed = createReportRequestSchema.safeParse({
      entityRef,
      category,
      severity,
      text,
      anonymous,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setError(`${issue.path.join('.')}: ${issue.message}`);
      return;
    }
    setSubmitting(true);
    try {
      const report = await feedbackApi.createReport(parsed.data);
      alertApi.post({
        message: `Received: ${shortId(
          report.id,
        )} — you will be notified as it moves`,
        severity: 'success',
        display: 'transient',
      });
      onSubmitted?.(report);
      close();
    } catch (e) {
      setError(errorMessage(e));
      setSubmitting(false);
    }
  };

  const tooLong = text.length > MAX_REPORT_TEXT_LENGTH;

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="md">
      <DialogTitle>Report friction</DialogTitle>
      <DialogContent>
        {open && (
          <EntityPicker value={entityRefInput} onChange={setEntityRefInput} />
        )}
        <Box display="flex" style={{ gap: 16 }}>
          <TextField
            select
            label="Category"
            value={category}
            onChange={e => setCategory(e.target.value as FeedbackCategory)}
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
            inputProps={{ 'aria-label': 'Category' }}
            margin="normal"
            required
            fullWidth
          >
            <option value="">Choose…</option>
            {FEEDBACK_CATEGORIES.map(c => (
              <option key={c} value={c}>
                {CATEGORY_LABELS[c]}
              </option>
            ))}
          </TextField>
          <TextField
            select
            label="Severity"
            value={severity}
            onChange={e => setSeverity(e.target.value as FeedbackSeverity)}
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
            inputProps={{ 'aria-label': 'Severity' }}
            margin="normal"
            fullWidth
          >
            {FEEDBACK_SEVERITIES.map(s => (
              <option key={s} value={s}>
                {SEVERITY_LABELS[s]}
              </option>
            ))}
          </TextField>
        </Box>
        <TextField
          label="What is slowing you down?"
          value={text}
          onChange={e => setText(e.target.value)}
          inputProps={{ 'aria-label': 'What is slowing you down?' }}
          error={tooLong}
          helperText={`${text.length}/${MAX_REPORT_TEXT_LENGTH}`}
          multiline
          minRows={4}
          margin="normal"
          required
          fullWidth
        />
        <FormControlLabel
          control={
            <Checkbox
              checked={anonymous}
              onChange={e => setAnonymous(e.target.checked)}
            />
          }
          label="Report anonymously"
        />
        {similar.length > 0 && (
          <Box mt={2}>
            <Typography variant="subtitle2">
              Similar open reports — add your voice instead?
            </Typography>
            <List dense aria-label="Similar reports">
              {similar.map(report => (
                <ListItem key={report.id}>
                  <ListItemText
                    primary={report.text}
                    secondary={
                      <>
                        <StatusChip status={report.status} />{' '}
                        {CATEGORY_LABELS[report.category]} ·{' '}
                        <EntityDisplayName
                          entityRef={report.entityRef}
                          hideIcon
                          disableTooltip
                        />{' '}
                        · {report.supporterCount} supporter(s)
                      </>
                    }
                    secondaryTypographyProps={{ component: 'div' }}
                    style={{ paddingRight: 96 }}
                  />
                  <ListItemSecondaryAction>
                    <Button
                      size="small"
                      variant="outlined"
                      color="primary"
                      disabled={report.supportedByMe}
                      onClick={() => handleMeToo(report)}
                    >
                      {report.supportedByMe ? 'Supported' : 'Me too'}
                    </Button>
                  </ListItemSecondaryAction>
                </ListItem>
              ))}
            </List>
          </Box>
        )}
        {error && (
          <Box mt={2}>
            <Alert severity="error">{error}</Alert>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={handleSubmit}
          disabled={submitting || tooLong}
        >
          Submit
        </Button>
      </DialogActions>
    </Dialog>
  );
}
