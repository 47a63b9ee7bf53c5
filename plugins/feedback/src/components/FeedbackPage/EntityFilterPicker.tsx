import { useMemo } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  catalogApiRef,
  defaultEntityPresentation,
} from '@backstage/plugin-catalog-react';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import useAsync from 'react-use/esm/useAsync';

type Option = { ref: string; title: string };

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.type',
  'spec.profile.displayName',
];

/**
 * A backlog filter that picks an entity of the catalog by its title; the
 * value it reports (and keeps in the URL) is the entity's ref.
 */
export function EntityFilterPicker(props: {
  label: string;
  kinds: string[];
  value: string | undefined;
  onChange: (ref: string | undefined) => void;
}) {
  const { label, kinds, value, onChange } = props;
  const catalogApi = useApi(catalogApiRef);
  const kindsKey = kinds.join(',');
  const { value: options = [], loading } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: kindsKey.split(',') },
      fields: FIELDS,
    });
    return items
      .map(entity => ({
        ref: stringifyEntityRef(entity),
        title: defaultEntityPresentation(entity).primaryTitle,
      }))
      .sort((a, b) => a.title.localeCompare(b.title));
  }, [catalogApi, kindsKey]);

  const selected = useMemo<Option | null>(() => {
    if (!value) return null;
    return (
      options.find(o => o.ref === value) ?? {
        ref: value,
        title: defaultEntityPresentation(value).primaryTitle,
      }
    );
  }, [options, value]);

  return (
    <Autocomplete<Option>
      options={options}
      loading={loading}
      value={selected}
      onChange={(_, option) => onChange(option?.ref)}
      getOptionLabel={o => o.title}
      getOptionSelected={(o, v) => o.ref === v.ref}
      style={{ minWidth: 240 }}
      size="small"
      renderInput={params => (
        <TextField
          {...params}
          label={label}
          placeholder="Any"
          variant="outlined"
          InputLabelProps={{ ...params.InputLabelProps, shrink: true }}
        />
      )}
    />
  );
}
