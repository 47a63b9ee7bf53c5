import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { entityRouteRef, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { platformMetricsApiRef } from '../api';
import { BandChip } from './BandChip';
import {
  formatMetric,
  formatPercent,
  FOUR_KEYS,
  METRICS,
  overallBand,
} from './format';

const WINDOW = 30;

/** A Group's DORA and golden-path adoption at a glance. */
export function EntityTeamDeliveryCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(platformMetricsApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const { value, loading, error } = useAsync(
    () =>
      Promise.all([
        api.getDora({ entityRef, window: WINDOW }),
        api.getAdoption({ entityRef, window: WINDOW }),
      ]),
    [api, entityRef],
  );

  const deliveryLink = entityRoute
    ? {
        title: 'Trends, events and adoption',
        link: `${entityRoute({
          kind: entity.kind.toLocaleLowerCase('en-US'),
          namespace: entity.metadata.namespace ?? 'default',
          name: entity.metadata.name,
        })}/delivery`,
      }
    : undefined;

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (value) {
    const [dora, adoption] = value;
    const events =
      dora.eventCount.deployments +
      dora.eventCount.changes +
      dora.eventCount.incidents;
    body = (
      <>
        {events === 0 ? (
          <Typography color="textSecondary" paragraph>
            No deployments in the last {WINDOW} days for the{' '}
            {dora.scope.componentCount} components this team owns. Send events
            to POST /api/platform-metrics/events/deployments or configure the
            GitHub webhook (see the platform-metrics plugin README).
          </Typography>
        ) : (
          <>
            <Box display="flex" alignItems="center" mb={1} style={{ gap: 8 }}>
              <Typography variant="subtitle2">
                Overall, last {WINDOW} days:
              </Typography>
              <BandChip band={overallBand(dora.metrics)} />
            </Box>
            <Table size="small" aria-label="Team DORA">
              <TableBody>
                {FOUR_KEYS.map(key => (
                  <TableRow key={key}>
                    <TableCell>{METRICS[key].title}</TableCell>
                    <TableCell align="right">
                      {formatMetric(dora.metrics[key])}
                    </TableCell>
                    <TableCell align="right">
                      {dora.metrics[key].band !== 'none' && (
                        <BandChip band={dora.metrics[key].band} />
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </>
        )}
        <Box mt={2}>
          <Typography variant="body2">
            Golden-path adoption:{' '}
            <strong>{formatPercent(adoption.goldenPathAdoption.ratio)}</strong>{' '}
            ({adoption.goldenPathAdoption.numerator} of{' '}
            {adoption.goldenPathAdoption.denominator} components)
          </Typography>
        </Box>
      </>
    );
  }

  return (
    <InfoCard title="Delivery (DORA)" deepLink={deliveryLink}>
      {body}
    </InfoCard>
  );
}
