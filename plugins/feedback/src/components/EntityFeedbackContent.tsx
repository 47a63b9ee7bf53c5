import { useState } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  Content,
  EmptyState,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { FeedbackReport } from '@internal/plugin-feedback-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { feedbackApiRef } from '../api';
import { ReportFrictionDialog } from './ReportFrictionDialog';
import { ReportsTable } from './ReportsTable';
import { errorMessage } from './shared';

/** The "Feedback" tab of an entity: every report about it. */
export function EntityFeedbackContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const feedbackApi = useApi(feedbackApiRef);
  const alertApi = useApi(alertApiRef);
  const [open, setOpen] = useState(false);

  const reports = useAsyncRetry(async () => {
    const items: FeedbackReport[] = [];
    let cursor: string | undefined;
    // At most 5 pages of 100, plenty for one entity.
    for (let i = 0; i < 5; i++) {
      const page = await feedbackApi.listReports({
        entityRef,
        cursor,
        limit: 100,
      });
      items.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return items;
  }, [feedbackApi, entityRef]);

  const onMeToo = async (report: FeedbackReport) => {
    try {
      await feedbackApi.meToo(report.id);
      alertApi.post({
        message: 'Thanks, your "me too" was added',
        severity: 'success',
        display: 'transient',
      });
      reports.retry();
    } catch (e) {
      alertApi.post({ message: errorMessage(e), severity: 'error' });
    }
  };

  return (
    <Content noPadding>
      <Box mb={2} display="flex" justifyContent="flex-end">
        <Button
          variant="contained"
          color="primary"
          onClick={() => setOpen(true)}
        >
          Report friction
        </Button>
      </Box>
      {reports.error ? (
        <ResponseErrorPanel error={reports.error} />
      ) : (
        <ReportsTable
          title={`Feedback on ${entity.metadata.title ?? entity.metadata.name}`}
          reports={reports.value ?? []}
          loading={reports.loading}
          onMeToo={onMeToo}
          emptyContent={
            <EmptyState
              missing="data"
              title="No feedback yet"
              description="Nobody has reported friction with this entity."
            />
          }
        />
      )}
      <ReportFrictionDialog
        open={open}
        onClose={() => setOpen(false)}
        entityRef={entityRef}
        onSubmitted={() => reports.retry()}
      />
    </Content>
  );
}
