import { lazy, Suspense, useState } from 'react';
import { SidebarItem } from '@backstage/core-components';
import FeedbackIcon from '@material-ui/icons/Feedback';

const ReportFrictionDialog = lazy(() =>
  import('@internal/plugin-feedback').then(m => ({
    default: m.ReportFrictionDialog,
  })),
);

/** "Report friction" from anywhere in the portal, not only entity pages. */
export function ReportFrictionSidebarItem() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <SidebarItem
        icon={FeedbackIcon}
        text="Report friction"
        onClick={() => setOpen(true)}
      />
      {open && (
        <Suspense fallback={null}>
          <ReportFrictionDialog open onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
