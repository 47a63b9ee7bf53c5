import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { platformMetricsApiRef } from '../../api';

const HOW_TO_MAP: Record<string, string> = {
  api: 'give the event an entityRef, or annotate the component with github.com/project-slug',
  github: 'annotate the component with github.com/project-slug: <owner>/<repo>',
  pagerduty: 'annotate the component with pagerduty.com/service-id',
};

/** Events whose repository or service no catalog entity claims. */
export function UnmappedSection() {
  const api = useApi(platformMetricsApiRef);
  const { value, loading, error } = useAsync(() => api.getUnmapped(), [api]);
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (!value || value.items.length === 0) {
    body = (
      <Typography color="textSecondary">
        Every event received maps to a catalog entity.
      </Typography>
    );
  } else {
    body = (
      <Table size="small" aria-label="Unmapped sources">
        <TableHead>
          <TableRow>
            <TableCell>Source</TableCell>
            <TableCell>Repository / service</TableCell>
            <TableCell align="right">Events</TableCell>
            <TableCell>Last seen (UTC)</TableCell>
            <TableCell>To map it</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.items.map(item => (
            <TableRow key={`${item.source}:${item.key}`}>
              <TableCell>{item.source}</TableCell>
              <TableCell>{item.key}</TableCell>
              <TableCell align="right">{item.events}</TableCell>
              <TableCell>
                {item.lastSeen.replace('T', ' ').slice(0, 16)}
              </TableCell>
              <TableCell>{HOW_TO_MAP[item.source] ?? ''}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }
  return (
    <InfoCard
      title="Events not mapped to the catalog"
      subheader="Kept, not dropped: they count once the repository or service is annotated on its component"
    >
      {body}
    </InfoCard>
  );
}
