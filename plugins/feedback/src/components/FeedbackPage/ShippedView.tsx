import { useCallback, useEffect, useState } from 'react';
import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { ShippedWeek } from '@internal/plugin-feedback-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { feedbackApiRef } from '../../api';
import { reportRouteRef } from '../../routes';
import { CATEGORY_LABELS, EntityLink, formatTime } from '../shared';

const WEEKS = 12;

function mergeWeeks(prev: ShippedWeek[], next: ShippedWeek[]): ShippedWeek[] {
  const result = prev.map(w => ({ ...w, items: [...w.items] }));
  for (const week of next) {
    const existing = result.find(w => w.week === week.week);
    if (existing) {
      existing.items.push(...week.items);
    } else {
      result.push(week);
    }
  }
  return result;
}

/** "What shipped": shipped reports grouped by ISO week. */
export function ShippedView() {
  const feedbackApi = useApi(feedbackApiRef);
  const reportLink = useRouteRef(reportRouteRef);
  const [weeks, setWeeks] = useState<ShippedWeek[]>([]);
  const [nextCursor, setNextCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | undefined>();

  const load = useCallback(
    async (cursor?: string) => {
      setLoading(true);
      try {
        const page = await feedbackApi.getShipped({ weeks: WEEKS, cursor });
        setWeeks(prev => (cursor ? mergeWeeks(prev, page.items) : page.items));
        setNextCursor(page.nextCursor);
      } catch (e) {
        setError(e as Error);
      } finally {
        setLoading(false);
      }
    },
    [feedbackApi],
  );

  useEffect(() => {
    load();
  }, [load]);

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (loading && weeks.length === 0) {
    return <Progress />;
  }
  if (weeks.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="Nothing shipped yet"
        description={`No report was shipped in the last ${WEEKS} weeks.`}
      />
    );
  }
  return (
    <>
      {weeks.map(week => (
        <Box key={week.week} mb={2}>
          <InfoCard title={`Week ${week.week}`}>
            <List dense>
              {week.items.map(report => (
                <ListItem key={report.id}>
                  <ListItemText
                    primary={
                      reportLink ? (
                        <Link to={reportLink({ id: report.id })}>
                          {report.text}
                        </Link>
                      ) : (
                        report.text
                      )
                    }
                    secondaryTypographyProps={{ component: 'div' }}
                    secondary={
                      <>
                        <EntityLink entityRef={report.entityRef} /> ·{' '}
                        {CATEGORY_LABELS[report.category]} · impact{' '}
                        {report.impact} · shipped {formatTime(report.shippedAt)}
                      </>
                    }
                  />
                </ListItem>
              ))}
            </List>
          </InfoCard>
        </Box>
      ))}
      {nextCursor && (
        <Box display="flex" justifyContent="center">
          <Button
            variant="outlined"
            disabled={loading}
            onClick={() => load(nextCursor)}
          >
            Load more
          </Button>
        </Box>
      )}
    </>
  );
}
