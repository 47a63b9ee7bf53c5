import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { entityRouteRef, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef } from '../api';
import { nextStepOf } from './EntityScorecardsContent';
import { LevelChip } from './LevelChip';

/** The level badges of a service on its overview. */
export function EntityLevelCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const api = useApi(scorecardsApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const tab = entityRoute
    ? `${entityRoute({
        kind: entity.kind.toLocaleLowerCase('en-US'),
        namespace: entity.metadata.namespace ?? 'default',
        name: entity.metadata.name,
      })}/scorecards`
    : undefined;
  const { value, loading, error } = useAsync(
    () => api.getEntity(entityRef),
    [api, entityRef],
  );
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (!value?.scorecards.length) {
    body = <Typography variant="body2">Not evaluated yet.</Typography>;
  } else {
    body = value.scorecards.map(card => {
      const next = nextStepOf(card);
      return (
        <Box key={card.scorecardId} mb={1.5}>
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <Typography variant="subtitle2">{card.title}</Typography>
            <LevelChip level={card.level} index={card.levelIndex - 1} />
          </Box>
          {next && (
            <Typography variant="caption" color="textSecondary">
              Next: {next.title}
            </Typography>
          )}
        </Box>
      );
    });
  }
  return (
    <InfoCard
      title="Scorecards"
      deepLink={tab ? { title: 'Checks and next steps', link: tab } : undefined}
    >
      {body}
    </InfoCard>
  );
}
