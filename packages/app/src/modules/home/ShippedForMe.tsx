import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { feedbackApiRef } from '@internal/plugin-feedback-react';
import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { formatDay } from '../health/HealthCells';
import { gist } from './MyToDos';

/** Friction reports the signed-in user filed or supported that shipped. */
export function ShippedForMe() {
  const feedback = useApi(feedbackApiRef);
  const { value, loading, error } = useAsync(
    () => feedback.listReports({ mine: true, status: 'shipped', limit: 5 }),
    [feedback],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value?.items.length) {
    return (
      <Typography variant="body2">
        Nothing you reported or supported has shipped yet.{' '}
        <Link to="/feedback">See the backlog</Link>.
      </Typography>
    );
  }
  return (
    <List dense aria-label="Shipped for you">
      {value.items.map(r => (
        <ListItem key={r.id} disableGutters>
          <ListItemText
            primary={<Link to={`/feedback/${r.id}`}>{gist(r.text)}</Link>}
            secondary={`Shipped ${formatDay(r.updatedAt.slice(0, 10))}`}
          />
        </ListItem>
      ))}
    </List>
  );
}
