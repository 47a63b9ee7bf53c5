import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';

/** Components owned by the signed-in user or by any of their groups. */
export function MyTeamServices() {
  const identityApi = useApi(identityApiRef);
  const catalogApi = useApi(catalogApiRef);

  const { value, loading, error } = useAsync(async () => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Component', 'relations.ownedBy': ownershipEntityRefs },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.type',
        'spec.lifecycle',
      ],
      order: { field: 'metadata.name', order: 'asc' },
    });
    return items;
  }, [identityApi, catalogApi]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value?.length) {
    return (
      <Typography variant="body2">
        Neither you nor your teams own a component yet.{' '}
        <Link to="/create">Create one from a golden path</Link> or{' '}
        <Link to="/catalog">browse the catalog</Link>.
      </Typography>
    );
  }
  return (
    <List dense aria-label="Your team's services">
      {value.map(entity => (
        <ListItem key={entity.metadata.name}>
          <ListItemText
            primary={<EntityRefLink entityRef={entity} />}
            secondary={[entity.spec?.type, entity.spec?.lifecycle]
              .filter(Boolean)
              .join(' · ')}
          />
        </ListItem>
      ))}
    </List>
  );
}
