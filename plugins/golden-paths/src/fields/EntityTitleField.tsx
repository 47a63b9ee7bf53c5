import { useEffect, useMemo } from 'react';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import {
  catalogApiRef,
  entityPresentationApiRef,
} from '@backstage/plugin-catalog-react';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import useAsync from 'react-use/esm/useAsync';

export interface EntityOption {
  ref: string;
  title: string;
}

/**
 * Every entity once by its title, sorted; where two share a title, the
 * name tells them apart.
 */
export function entityOptions(
  entities: { ref: string; title: string; name: string }[],
): EntityOption[] {
  const byRef = new Map(entities.map(e => [e.ref, e]));
  const titles = new Map<string, number>();
  for (const e of byRef.values()) {
    titles.set(e.title, (titles.get(e.title) ?? 0) + 1);
  }
  return [...byRef.values()]
    .map(e => ({
      ref: e.ref,
      title:
        (titles.get(e.title) ?? 0) > 1 && e.title !== e.name
          ? `${e.title} (${e.name})`
          : e.title,
    }))
    .sort(
      (a, b) => a.title.localeCompare(b.title) || a.ref.localeCompare(b.ref),
    );
}

type CatalogFilter = Record<string, string | string[]>;

function catalogFilterOf(value: unknown): CatalogFilter {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, v]) =>
        typeof v === 'string' ||
        (Array.isArray(v) && v.every(i => typeof i === 'string')),
    ),
  ) as CatalogFilter;
}

/** `formData` as a full ref, or undefined when it is not one. */
function fullRef(value: unknown, defaultKind?: string): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
    );
  } catch {
    return undefined;
  }
}

/**
 * An entity from the catalog, picked and shown by its title; the form keeps
 * its ref. `ui:options`: `catalogFilter` (as Backstage's EntityPicker),
 * `owned: true` for only what the signed-in user's teams own, and
 * `defaultKind` for a value passed in `?formData=` without its kind.
 * Backstage's EntityPicker and OwnedEntityPicker show the chosen entity's
 * ref in their input; this one keeps the title there too.
 */
export function EntityTitleField(props: FieldExtensionComponentProps<string>) {
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
  const options = uiSchema?.['ui:options'] ?? {};
  const owned = options.owned === true;
  const defaultKind =
    typeof options.defaultKind === 'string' ? options.defaultKind : undefined;
  const filterKey = JSON.stringify(catalogFilterOf(options.catalogFilter));

  const catalogApi = useApi(catalogApiRef);
  const identityApi = useApi(identityApiRef);
  const presentationApi = useApi(entityPresentationApiRef);

  const { value, loading } = useAsync(async () => {
    const filter: CatalogFilter = JSON.parse(filterKey);
    if (owned) {
      const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
      if (ownershipEntityRefs.length === 0) return [];
      filter[`relations.${RELATION_OWNED_BY}`] = ownershipEntityRefs;
    }
    const { items } = await catalogApi.getEntities({
      filter,
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'metadata.description',
        'spec.profile.displayName',
        'spec.type',
      ],
    });
    const titled = await Promise.all(
      items.map(async (entity: Entity) => ({
        ref: stringifyEntityRef(entity),
        name: entity.metadata.name,
        title: (await presentationApi.forEntity(entity).promise).primaryTitle,
      })),
    );
    return entityOptions(titled);
  }, [catalogApi, identityApi, presentationApi, filterKey, owned]);

  const entities = useMemo(() => value ?? [], [value]);
  const chosenRef = fullRef(formData, defaultKind);
  const selected = entities.find(o => o.ref === chosenRef) ?? null;

  useEffect(() => {
    if (!value) return;
    if (formData && !selected) {
      // Passed in (e.g. `?formData=`) but not one to choose from here.
      onChange(undefined);
    } else if (selected && formData !== selected.ref) {
      onChange(selected.ref);
    } else if (!formData && required && value.length === 1) {
      onChange(value[0].ref);
    }
  }, [value, formData, selected, required, onChange]);

  const error = rawErrors?.[0];
  return (
    <Autocomplete<EntityOption>
      id={idSchema?.$id}
      options={entities}
      value={selected}
      loading={loading}
      disabled={disabled}
      getOptionLabel={o => o.title}
      getOptionSelected={(o, v) => o.ref === v.ref}
      onChange={(_event, option) => onChange(option?.ref)}
      renderInput={params => (
        <TextField
          {...params}
          label={schema.title ?? 'Entity'}
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
