import { useState } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { WindowDays } from '@internal/plugin-platform-metrics-common';
import Box from '@material-ui/core/Box';
import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import useAsync from 'react-use/esm/useAsync';
import { platformMetricsApiRef } from '../api';
import { eventSummary, METRICS, MetricKey } from './format';

const PAGE_SIZE = 25;

/** The events behind one number, newest first, a page at a time. */
export function EventsDrawer(props: {
  metricKey?: MetricKey;
  entityRef?: string;
  window: WindowDays;
  onClose: () => void;
}) {
  const { metricKey, entityRef, window, onClose } = props;
  return (
    <Drawer anchor="right" open={!!metricKey} onClose={onClose}>
      <Box width={720} maxWidth="100vw" p={2} role="region" aria-label="Events">
        <Box display="flex" alignItems="center">
          <Typography variant="h5" style={{ flexGrow: 1 }}>
            {metricKey
              ? `${METRICS[metricKey].title}: the ${METRICS[metricKey].eventType} events of the last ${window} days`
              : ''}
          </Typography>
          <IconButton aria-label="Close" onClick={onClose}>
            <CloseIcon />
          </IconButton>
        </Box>
        {metricKey && (
          <EventsTable
            key={`${metricKey}-${window}-${entityRef}`}
            metricKey={metricKey}
            entityRef={entityRef}
            window={window}
          />
        )}
      </Box>
    </Drawer>
  );
}

function EventsTable(props: {
  metricKey: MetricKey;
  entityRef?: string;
  window: WindowDays;
}) {
  const api = useApi(platformMetricsApiRef);
  const [page, setPage] = useState(0);
  const type = METRICS[props.metricKey].eventType;
  const { value, loading, error } = useAsync(
    () =>
      api.getEvents({
        entityRef: props.entityRef,
        window: props.window,
        type,
        limit: PAGE_SIZE,
        offset: page * PAGE_SIZE,
      }),
    [api, props.entityRef, props.window, type, page],
  );

  if (error) return <ResponseErrorPanel error={error} />;
  if (loading && !value) return <Progress />;
  if (!value || value.total === 0) {
    return (
      <Typography>
        No {type} events in this window. Send them to POST
        /api/platform-metrics/events/
        {type === 'change' ? 'changes' : `${type}s`} or configure the GitHub /
        PagerDuty webhooks (see the platform-metrics plugin README).
      </Typography>
    );
  }
  return (
    <>
      <Table size="small" aria-label={`${type} events`}>
        <TableHead>
          <TableRow>
            <TableCell>Time (UTC)</TableCell>
            <TableCell>Entity</TableCell>
            <TableCell>What</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.items.map(item => (
            <TableRow key={item.id}>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {item.time.replace('T', ' ').slice(0, 16)}
              </TableCell>
              <TableCell>
                {item.entityRef ? (
                  <EntityRefLink entityRef={item.entityRef} />
                ) : (
                  'not in the catalog'
                )}
              </TableCell>
              <TableCell>{eventSummary(item)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <TablePagination
        component="div"
        count={value.total}
        page={page}
        rowsPerPage={PAGE_SIZE}
        rowsPerPageOptions={[PAGE_SIZE]}
        onPageChange={(_e, p) => setPage(p)}
      />
    </>
  );
}
