import {
  RELATION_DEPENDS_ON,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import {
  EntityInfoCard,
  getEntityRelations,
  useEntity,
  useRelatedEntities,
} from '@backstage/plugin-catalog-react';
import {
  EntityDataTable,
  entityColumnPresets,
} from '@backstage/plugin-catalog-react/alpha';
import { Box, Button, Typography } from '@material-ui/core';
import { Link as RouterLink } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';

/** The self-service templates a service's team may order from its page. */
export const ORDERABLE = [
  { template: 'postgresql-database', label: 'Order a database' },
  { template: 'redis-cache', label: 'Order a cache' },
] as const;

/** The form of a self-service template, with the service already picked. */
export function orderLink(template: string, componentRef: string): string {
  const formData = encodeURIComponent(
    JSON.stringify({ component: componentRef }),
  );
  return `/create/templates/default/${template}?formData=${formData}`;
}

/**
 * The resources a component depends on, and for its own team the buttons to
 * order a database or a cache for it (the template's form opens with the
 * service picked; the server checks the ownership again).
 */
export function EntityDependenciesCard() {
  const { entity } = useEntity();
  const { entities, loading, error } = useRelatedEntities(entity, {
    type: RELATION_DEPENDS_ON,
    kind: 'Resource',
  });
  const identityApi = useApi(identityApiRef);
  // Its own team's: the teams of the signed-in user own the service.
  const { value: mayOrder } = useAsync(async () => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    return getEntityRelations(entity, RELATION_OWNED_BY).some(owner =>
      ownershipEntityRefs.includes(stringifyEntityRef(owner)),
    );
  }, [identityApi, entity]);
  const ref = stringifyEntityRef(entity);

  return (
    <EntityInfoCard
      title="Depends on resources"
      footerActions={
        mayOrder ? (
          <Box display="flex" style={{ gap: 8 }}>
            {ORDERABLE.map(o => (
              <Button
                key={o.template}
                component={RouterLink}
                to={orderLink(o.template, ref)}
                color="primary"
                variant="outlined"
                size="small"
              >
                {o.label}
              </Button>
            ))}
          </Box>
        ) : undefined
      }
    >
      {error ? (
        <Typography role="status">
          The resources could not be loaded: {error.message}
        </Typography>
      ) : (
        <EntityDataTable
          columnConfig={entityColumnPresets.resource.columns}
          data={entities ?? []}
          loading={loading}
          emptyState={
            <Typography variant="body2">
              No database, cache or other resource yet.
            </Typography>
          }
        />
      )}
    </EntityInfoCard>
  );
}
