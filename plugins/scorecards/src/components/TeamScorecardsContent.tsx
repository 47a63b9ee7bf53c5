import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef } from '../api';
import { DistributionChart } from './charts';
import { catalogPath } from './format';
import { LevelChip } from './LevelChip';
import { useTitles } from './useTitles';

/** A team's services and their levels, and the team's distribution. */
export function TeamScorecardsContent() {
  const { entity } = useEntity();
  const ownerRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const api = useApi(scorecardsApiRef);
  const { value, loading, error } = useAsync(
    () => api.getSummary({ ownerRef }),
    [api, ownerRef],
  );
  const title = useTitles((value?.services ?? []).map(s => s.entityRef));
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  const services = value.services ?? [];
  return (
    <Grid container spacing={3}>
      {value.scorecards.map(card => (
        <Grid item xs={12} md={6} key={card.id}>
          <InfoCard title={`${card.title}: the team's services`}>
            <DistributionChart
              levels={card.levels}
              counts={value.distribution[card.id]}
            />
          </InfoCard>
        </Grid>
      ))}
      <Grid item xs={12}>
        <InfoCard title="Services">
          {services.length === 0 ? (
            <Typography variant="body2">
              This team owns no service a scorecard applies to.
            </Typography>
          ) : (
            <Table size="small" aria-label="Services and levels">
              <TableHead>
                <TableRow>
                  <TableCell>Service</TableCell>
                  {value.scorecards.map(c => (
                    <TableCell key={c.id}>{c.title}</TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {services.map(s => (
                  <TableRow key={s.entityRef}>
                    <TableCell>
                      <Link to={`${catalogPath(s.entityRef)}/scorecards`}>
                        {title(s.entityRef)}
                      </Link>
                    </TableCell>
                    {value.scorecards.map(c => (
                      <TableCell key={c.id}>
                        {c.id in s.levels ? (
                          <>
                            <LevelChip
                              level={s.levels[c.id]}
                              index={c.levels.indexOf(s.levels[c.id] ?? '')}
                            />
                            {!!s.exempt?.[c.id]?.length && (
                              <Typography variant="caption" display="block">
                                Exempt (not passed):{' '}
                                {s.exempt[c.id]
                                  .map(
                                    id =>
                                      c.checks.find(k => k.id === id)?.title ??
                                      id,
                                  )
                                  .join(', ')}
                              </Typography>
                            )}
                          </>
                        ) : (
                          '—'
                        )}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
