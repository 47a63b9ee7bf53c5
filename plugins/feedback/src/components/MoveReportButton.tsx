import { useState } from 'react';
import {
  FeedbackReport,
  allowedNextStatuses,
  feedbackReportUpdatePermission,
} from '@internal/plugin-feedback-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { StatusForm } from './FeedbackPage/ReportDetailView';
import { shortId } from './shared';

/**
 * Moves a report from a list, for those allowed to (the platform team and
 * the entity's owners; the backend checks again).
 */
export function MoveReportButton(props: {
  report: FeedbackReport;
  onMoved: () => void;
}) {
  const { report, onMoved } = props;
  const [open, setOpen] = useState(false);
  const { allowed } = usePermission({
    permission: feedbackReportUpdatePermission,
    resourceRef: report.entityRef,
  });
  if (!allowed || allowedNextStatuses(report.status).length === 0) {
    return null;
  }
  return (
    <>
      <Button
        size="small"
        color="primary"
        aria-label={`Move ${shortId(report.id)}`}
        onClick={() => setOpen(true)}
      >
        Move
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth>
        <DialogTitle>Move report {shortId(report.id)}</DialogTitle>
        <DialogContent>
          <StatusForm
            reportId={report.id}
            entityRef={report.entityRef}
            status={report.status}
            onMoved={() => {
              setOpen(false);
              onMoved();
            }}
          />
        </DialogContent>
      </Dialog>
    </>
  );
}
