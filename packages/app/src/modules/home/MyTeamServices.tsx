import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import { bandText, levelOf, useServiceHealth } from '../health/serviceHealth';
import { useMyServices } from './useMyServices';

/** "Silver · DORA High · service · production" */
function ServiceLine({
  entityRef,
  rest,
}: {
  entityRef: string;
  rest: string[];
}) {
  const { value } = useServiceHealth(entityRef);
  const level = levelOf(value?.levels);
  const parts = [
    level && `${level.level ?? 'No level'} on ${level.title}`,
    bandText(value?.dora),
    ...rest,
  ].filter(Boolean);
  return <>{parts.join(' · ')}</>;
}

/** Components owned by the signed-in user or by any of their groups, with their health. */
export function MyTeamServices() {
  const { value, loading, error } = useMyServices();

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
            secondary={
              <ServiceLine
                entityRef={stringifyEntityRef(entity)}
                rest={[entity.spec?.type, entity.spec?.lifecycle].filter(
                  (x): x is string => typeof x === 'string',
                )}
              />
            }
          />
        </ListItem>
      ))}
    </List>
  );
}
