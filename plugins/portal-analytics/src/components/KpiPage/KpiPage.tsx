import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { Kpi } from '@internal/plugin-portal-analytics-common';
import { NO_DATA } from '@internal/plugin-portal-common';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { platformKpisApiRef } from '../../api';
import { formatKpi, formatTarget } from './kpis';

const STATUS_LABEL = { on: 'On target', off: 'Off target' };
const STATUS_COLOR = { on: '#2e7d32', off: '#c62828', tooFew: '#757575' };

function Row(props: { kpi: Kpi }) {
  const { kpi } = props;
  return (
    <TableRow data-testid={`kpi-${kpi.id}`}>
      <TableCell>
        <Typography variant="body1">{kpi.title}</Typography>
        <Typography variant="caption" color="textSecondary">
          {kpi.description}
        </Typography>
      </TableCell>
      <TableCell align="right">
        {kpi.tooFewToShow ? 'Too few to show' : formatKpi(kpi.unit, kpi.value)}
      </TableCell>
      <TableCell align="right">{formatTarget(kpi)}</TableCell>
      <TableCell>
        {/* No chip without data: the value already says there is none. */}
        {kpi.tooFewToShow && (
          <Chip
            size="small"
            label="Fewer than 5 people"
            style={{ backgroundColor: STATUS_COLOR.tooFew, color: '#fff' }}
          />
        )}
        {!kpi.tooFewToShow && kpi.status !== 'unknown' && (
          <Chip
            size="small"
            label={STATUS_LABEL[kpi.status]}
            style={{ backgroundColor: STATUS_COLOR[kpi.status], color: '#fff' }}
          />
        )}
        {kpi.unavailable && (
          <Typography variant="caption" display="block" color="textSecondary">
            {kpi.unavailable}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        {kpi.trend.length
          ? kpi.trend
              .slice(-4)
              .map(p => `${p.quarter}: ${formatKpi(kpi.unit, p.value)}`)
              .join(' · ')
          : NO_DATA}
      </TableCell>
      <TableCell>
        <Link to={kpi.link}>How it is measured</Link>
      </TableCell>
    </TableRow>
  );
}

/**
 * The KPIs the platform team promises, against their targets. The backend
 * computes every number (`GET /api/portal-analytics/kpis`); this page only
 * shows them.
 */
export function KpiPage() {
  const api = useApi(platformKpisApiRef);
  const { value, loading, error } = useAsync(() => api.getKpis(), [api]);

  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else
    body = (
      <InfoCard>
        <Table aria-label="Platform KPIs">
          <TableHead>
            <TableRow>
              <TableCell>KPI</TableCell>
              <TableCell align="right">Current</TableCell>
              <TableCell align="right">Target</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Trend (last quarters)</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {value?.kpis.map(k => (
              <Row key={k.id} kpi={k} />
            ))}
          </TableBody>
        </Table>
      </InfoCard>
    );

  return (
    <Page themeId="tool">
      <Header
        title="Platform KPIs"
        subtitle={`What the platform team promises, against its targets${
          value ? `, over the last ${value.windowDays} days` : ''
        }`}
      />
      <Content>{body}</Content>
    </Page>
  );
}
