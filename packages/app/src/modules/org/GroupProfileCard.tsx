import { useCallback } from 'react';
import {
  ANNOTATION_EDIT_URL,
  ANNOTATION_LOCATION,
  GroupEntity,
  RELATION_CHILD_OF,
  RELATION_PARENT_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import {
  catalogApiRef,
  EntityInfoCard,
  EntityRefLinks,
  getEntityRelations,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { useEntityPermission } from '@backstage/plugin-catalog-react/alpha';
import { catalogEntityRefreshPermission } from '@backstage/plugin-catalog-common/alpha';
import { Avatar, Flex, Text } from '@backstage/ui';
import IconButton from '@material-ui/core/IconButton';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import CachedIcon from '@material-ui/icons/Cached';
import EditIcon from '@material-ui/icons/Edit';
import EmailIcon from '@material-ui/icons/Email';
import GroupIcon from '@material-ui/icons/Group';

/**
 * A team's About card: its name, description, email, the team it is part
 * of and its sub-teams, all by title and linked. In place of the org
 * plugin's card, which lists the team's entity ref
 * (`group:default/checkout-core-team`) and "N/A" where there is nothing.
 */
export function GroupProfileCard() {
  const { entity } = useEntity<GroupEntity>();
  const catalogApi = useApi(catalogApiRef);
  const alertApi = useApi(alertApiRef);
  const { allowed: canRefresh } = useEntityPermission(
    catalogEntityRefreshPermission,
  );
  const refresh = useCallback(async () => {
    await catalogApi.refreshEntity(stringifyEntityRef(entity));
    alertApi.post({
      message: 'Refresh scheduled',
      severity: 'info',
      display: 'transient',
    });
  }, [catalogApi, alertApi, entity]);

  const { metadata, spec } = entity;
  const profile = spec?.profile;
  const name = profile?.displayName ?? metadata.title ?? metadata.name;
  const parents = getEntityRelations(entity, RELATION_CHILD_OF, {
    kind: 'Group',
  });
  const children = getEntityRelations(entity, RELATION_PARENT_OF, {
    kind: 'Group',
  });
  const location = metadata.annotations?.[ANNOTATION_LOCATION];
  const refreshable =
    canRefresh &&
    (location?.startsWith('url:') || location?.startsWith('file:'));
  const editUrl = metadata.annotations?.[ANNOTATION_EDIT_URL];

  return (
    <EntityInfoCard
      title={
        <Flex align="center" gap="2">
          <Avatar
            size="small"
            purpose="decoration"
            name={name}
            src={profile?.picture ?? ''}
          />
          {name}
        </Flex>
      }
      headerActions={
        <>
          {refreshable && (
            <IconButton
              aria-label="Refresh"
              title="Schedule a refresh"
              onClick={refresh}
            >
              <CachedIcon />
            </IconButton>
          )}
          {editUrl && (
            <IconButton
              aria-label="Edit"
              title="Edit"
              component={Link}
              to={editUrl}
            >
              <EditIcon />
            </IconButton>
          )}
        </>
      }
    >
      {metadata.description && (
        <Text color="secondary">{metadata.description}</Text>
      )}
      <List dense>
        {profile?.email && (
          <ListItem>
            <ListItemIcon>
              <EmailIcon />
            </ListItemIcon>
            <ListItemText
              primary={
                <Link to={`mailto:${profile.email}`}>{profile.email}</Link>
              }
              secondary="Email"
            />
          </ListItem>
        )}
        {parents.length > 0 && (
          <ListItem>
            <ListItemIcon>
              <AccountTreeIcon />
            </ListItemIcon>
            <ListItemText
              primary={
                <EntityRefLinks entityRefs={parents} defaultKind="Group" />
              }
              secondary="Part of"
            />
          </ListItem>
        )}
        {children.length > 0 && (
          <ListItem>
            <ListItemIcon>
              <GroupIcon />
            </ListItemIcon>
            <ListItemText
              primary={
                <EntityRefLinks entityRefs={children} defaultKind="Group" />
              }
              secondary="Sub-teams"
            />
          </ListItem>
        )}
      </List>
    </EntityInfoCard>
  );
}
