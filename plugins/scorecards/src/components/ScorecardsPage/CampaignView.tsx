import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { BurnupChart } from '../charts';
import { catalogPath } from '../format';
import { LevelChip } from '../LevelChip';
import { useTitles } from '../useTitles';

/** One campaign: its target, services and owners, and its burn-up. */
export function CampaignView() {
  const { id = '' } = useParams();
  const api = useApi(scorecardsApiRef);
  const root = useRouteRef(rootRouteRef);
  const { value, loading, error } = useAsync(
    () => api.getCampaign(id),
    [api, id],
  );
  const title = useTitles([
    value?.createdBy ?? null,
    ...(value?.services ?? []).flatMap(s => [s.entityRef, s.ownerRef]),
  ]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Link to={root?.() ?? '/scorecards'}>All scorecards and campaigns</Link>
        <Typography variant="h5" style={{ marginTop: 8 }}>
          {value.title}
        </Typography>
        <Typography variant="body1" data-testid="campaign-progress">
          {value.reached} of {value.total} services at {value.targetLevel} or
          above on {value.scorecardId}
          {value.exempt ? ` (${value.exempt} only through an exemption)` : ''};
          deadline {value.deadline}. Started by {title(value.createdBy)}.
        </Typography>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Burn-up">
          <BurnupChart points={value.burnup} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Services in scope">
          <Table size="small" aria-label="Services in scope">
            <TableHead>
              <TableRow>
                <TableCell>Service</TableCell>
                <TableCell>Owner</TableCell>
                <TableCell>Level</TableCell>
                <TableCell>At target</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {value.services.map(s => (
                <TableRow key={s.entityRef}>
                  <TableCell>
                    <Link to={`${catalogPath(s.entityRef)}/scorecards`}>
                      {title(s.entityRef)}
                    </Link>
                  </TableCell>
                  <TableCell>{title(s.ownerRef)}</TableCell>
                  <TableCell>
                    <LevelChip level={s.level} />
                  </TableCell>
                  <TableCell>
                    {s.reached ? 'Yes' : 'No'}
                    {!!s.exempt?.length &&
                      `, exempt (not passed): ${s.exempt.join(', ')}`}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </InfoCard>
      </Grid>
    </Grid>
  );
}
