import { useEffect, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';
import { goldenPathsApiRef, NameAvailability } from '../api';
import { nameProblem, takenSentence } from './names';

const CHECK_DEBOUNCE_MS = 300;

/**
 * The name of what a golden path creates: says in a sentence what is wrong
 * with it, and whether it is still free, while the user types.
 */
export function ServiceNameField(props: FieldExtensionComponentProps<string>) {
  const {
    formData,
    onChange,
    rawErrors,
    required,
    disabled,
    schema,
    uiSchema,
    idSchema,
  } = props;
  const api = useApi(goldenPathsApiRef);
  const value = formData ?? '';
  const problem = value ? nameProblem(value) : undefined;
  const [availability, setAvailability] = useState<NameAvailability>();

  useEffect(() => {
    if (!value || problem) return undefined;
    let cancelled = false;
    const timer = setTimeout(() => {
      api.checkName(value).then(
        result => !cancelled && setAvailability(result),
        () => !cancelled && setAvailability(undefined),
      );
    }, CHECK_DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, value, problem]);

  const current = availability?.name === value ? availability : undefined;
  const taken =
    current && !current.available
      ? takenSentence(value, current.takenBy)
      : undefined;
  // Once the step was submitted, the form shows its own errors below the
  // field (the same sentences); while typing, this field says them.
  const submitted = Boolean(rawErrors?.length);
  const error = problem ?? taken;
  // The form itself shows `ui:help` below the field; this one says the rest.
  const help = schema.description;
  let helperText = (!submitted && error) || help;
  if (!error && current?.available) helperText = `${value} is free. ${help}`;

  return (
    <TextField
      id={idSchema?.$id}
      label={schema.title ?? 'Name'}
      value={value}
      onChange={e => onChange(e.target.value)}
      required={required}
      disabled={disabled}
      error={Boolean(error) || submitted}
      helperText={helperText}
      // The template asks for it (ui:autofocus), as rjsf's own fields do.
      // eslint-disable-next-line jsx-a11y/no-autofocus
      autoFocus={Boolean(uiSchema?.['ui:autofocus'])}
      autoComplete="off"
      margin="normal"
      fullWidth
    />
  );
}
