import { useCallback, useState } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import FeedbackIcon from '@material-ui/icons/Feedback';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { feedbackApiRef } from '../api';
import { ReportFrictionDialog } from './ReportFrictionDialog';

/** Call to action on an entity page: report friction about this entity. */
export function EntityReportFrictionCard() {
  const { entity } = useEntity();
  const feedbackApi = useApi(feedbackApiRef);
  const entityRef = stringifyEntityRef(entity);
  const name = entity.metadata.title ?? entity.metadata.name;
  const [open, setOpen] = useState(false);

  const openCount = useAsyncRetry(
    () => feedbackApi.getReportCounts(entityRef),
    [feedbackApi, entityRef],
  );

  const onSubmitted = useCallback(() => openCount.retry(), [openCount]);

  let countText = '';
  if (openCount.value) {
    const count = openCount.value.open;
    countText = `${count} open report${count === 1 ? '' : 's'} on ${name}`;
  } else if (openCount.error) {
    countText = 'Could not load the open reports';
  }

  return (
    <InfoCard title="Feedback">
      <Typography variant="body1" gutterBottom>
        Something slowing you down with {name}?
      </Typography>
      <Box my={2}>
        <Button
          variant="contained"
          color="primary"
          size="large"
          startIcon={<FeedbackIcon />}
          onClick={() => setOpen(true)}
        >
          Report friction
        </Button>
      </Box>
      {countText && (
        <Typography variant="body2" color="textSecondary">
          {countText}
        </Typography>
      )}
      <ReportFrictionDialog
        open={open}
        onClose={() => setOpen(false)}
        entityRef={entityRef}
        onSubmitted={onSubmitted}
      />
    </InfoCard>
  );
}
