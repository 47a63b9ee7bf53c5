import { useState } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  Content,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { WindowDays } from '@internal/plugin-platform-metrics-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { platformMetricsApiRef } from '../api';
import { AdoptionFigures } from './AdoptionView';
import { DoraView } from './DoraView';
import { WindowSelector } from './WindowSelector';

function TeamAdoption(props: { entityRef: string }) {
  const api = useApi(platformMetricsApiRef);
  // The same default window as the DORA view above it.
  const [window, setWindow] = useState<WindowDays>(30);
  const { value, loading, error } = useAsync(
    () => api.getAdoption({ window, entityRef: props.entityRef }),
    [api, window, props.entityRef],
  );
  return (
    <>
      <WindowSelector value={window} onChange={setWindow} />
      <Box mt={2}>
        {error && <ResponseErrorPanel error={error} />}
        {loading && <Progress />}
        {!loading && value && <AdoptionFigures adoption={value} />}
      </Box>
    </>
  );
}

/** The "Delivery" tab of a group: its DORA (sub-teams included) and adoption. */
export function EntityTeamDeliveryContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  return (
    <Content noPadding>
      <Typography variant="h5" gutterBottom>
        DORA of the components this team and its sub-teams own
      </Typography>
      <DoraView entityRef={entityRef} />
      <Box mt={4}>
        <Typography variant="h5" gutterBottom>
          Adoption
        </Typography>
        <TeamAdoption entityRef={entityRef} />
      </Box>
    </Content>
  );
}
