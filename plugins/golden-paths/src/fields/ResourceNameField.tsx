import { useEffect } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';

type Props = FieldExtensionComponentProps<string>;

/**
 * The name a self-service template gives what it creates, from
 * `ui:options.pattern` with `{field}` placeholders for other fields of the
 * same step (an entity ref stands for its name), e.g.
 * `{component}-{environment}-postgres`. Undefined until every placeholder
 * has a value.
 */
export function resourceName(
  pattern: string,
  values: Record<string, unknown>,
): string | undefined {
  let missing = false;
  const name = pattern.replace(/\{([A-Za-z0-9_]+)\}/g, (_match, key) => {
    const value = values[key];
    if (typeof value !== 'string' || !value) {
      missing = true;
      return '';
    }
    try {
      return parseEntityRef(value, { defaultKind: 'Component' }).name;
    } catch {
      return value;
    }
  });
  return missing ? undefined : name;
}

/**
 * Shows, read-only, the name the template will give the new resource as the
 * fields it depends on are picked, and keeps it for the review step. The
 * server derives the same name itself; this one is for the person.
 */
export function ResourceNameField({
  formData,
  onChange,
  formContext,
  schema,
  uiSchema,
  idSchema,
}: Props) {
  const pattern = uiSchema?.['ui:options']?.pattern;
  const name =
    typeof pattern === 'string'
      ? resourceName(pattern, formContext?.formData ?? {})
      : undefined;

  useEffect(() => {
    if (name !== formData) onChange(name);
  }, [name, formData, onChange]);

  return (
    <TextField
      id={idSchema?.$id}
      label={schema.title ?? 'Name'}
      value={name ?? ''}
      placeholder="Pick the service first"
      helperText={
        name
          ? 'Derived from the service and the environment.'
          : 'Pick the service and the environment to see the name.'
      }
      InputProps={{ readOnly: true }}
      InputLabelProps={{ shrink: true }}
      margin="normal"
      fullWidth
    />
  );
}
