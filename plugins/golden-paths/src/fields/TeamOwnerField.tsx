import { useEffect, useMemo } from 'react';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import useAsync from 'react-use/esm/useAsync';

export interface TeamOption {
  ref: string;
  name: string;
}

/** Every Group once, by its display name, sorted. */
export function teamOptions(groups: Entity[]): TeamOption[] {
  const byRef = new Map<string, TeamOption>();
  for (const group of groups) {
    const ref = stringifyEntityRef(group);
    const profile = (group.spec?.profile ?? {}) as { displayName?: string };
    byRef.set(ref, {
      ref,
      name: group.metadata.title ?? profile.displayName ?? group.metadata.name,
    });
  }
  return [...byRef.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.ref.localeCompare(b.ref),
  );
}

/**
 * The team that will own what a golden path creates: every Group by name,
 * the signed-in user's own team picked to begin with.
 */
export function TeamOwnerField(props: FieldExtensionComponentProps<string>) {
  const {
    formData,
    onChange,
    rawErrors,
    required,
    disabled,
    schema,
    uiSchema,
  } = props;
  const catalogApi = useApi(catalogApiRef);
  const identityApi = useApi(identityApiRef);

  const { value, loading } = useAsync(async () => {
    const [{ items }, identity] = await Promise.all([
      catalogApi.getEntities({
        filter: { kind: 'Group' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'spec.profile.displayName',
        ],
      }),
      identityApi.getBackstageIdentity(),
    ]);
    const options = teamOptions(items);
    const mine = options.filter(o =>
      identity.ownershipEntityRefs.includes(o.ref),
    );
    return { options, myTeam: mine[0]?.ref };
  }, [catalogApi, identityApi]);

  const options = useMemo(() => value?.options ?? [], [value]);
  useEffect(() => {
    if (!formData && value?.myTeam) onChange(value.myTeam);
  }, [formData, value, onChange]);

  const selected = options.find(o => o.ref === formData) ?? null;
  const error = rawErrors?.[0];

  return (
    <Autocomplete<TeamOption>
      options={options}
      value={selected}
      loading={loading}
      disabled={disabled}
      getOptionLabel={o => o.name}
      getOptionSelected={(o, v) => o.ref === v.ref}
      onChange={(_event, option) => onChange(option?.ref ?? '')}
      renderInput={params => (
        <TextField
          {...params}
          label={schema.title ?? 'Owner'}
          required={required}
          error={Boolean(error)}
          helperText={
            error ?? uiSchema?.['ui:help'] ?? schema.description ?? undefined
          }
          margin="normal"
          fullWidth
        />
      )}
    />
  );
}
