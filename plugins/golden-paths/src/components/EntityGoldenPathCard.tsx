import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import {
  SOURCE_TEMPLATE_ANNOTATION,
  TEMPLATE_VERSION_ANNOTATION,
} from '@internal/plugin-golden-paths-common';
import { goldenPathsApiRef } from '../api';
import { MissedChanges } from './MissedChanges';

/** The golden path an entity came from, its version, and what it misses. */
export function EntityGoldenPathCard() {
  const { entity } = useEntity();
  const api = useApi(goldenPathsApiRef);
  const templateRef = entity.metadata.annotations?.[SOURCE_TEMPLATE_ANNOTATION];
  const version = entity.metadata.annotations?.[TEMPLATE_VERSION_ANNOTATION];
  const {
    value: drift,
    loading,
    error,
  } = useAsync(
    () => api.getEntityDrift(stringifyEntityRef(entity)),
    [api, entity],
  );

  return (
    <InfoCard title="Golden path">
      {templateRef && (
        <Typography variant="body2" paragraph>
          Created from <EntityRefLink entityRef={templateRef} />
          {version ? ` version ${version}` : ''}
        </Typography>
      )}
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {!loading && !error && !drift && (
        <Typography variant="body2">
          Up to date with its golden path.
        </Typography>
      )}
      {drift && (
        <>
          <Typography variant="body2" paragraph>
            <strong>
              Behind: {drift.version} → {drift.currentVersion}.
            </strong>{' '}
            What changed since:
          </Typography>
          <MissedChanges missing={drift.missing} />
        </>
      )}
    </InfoCard>
  );
}
