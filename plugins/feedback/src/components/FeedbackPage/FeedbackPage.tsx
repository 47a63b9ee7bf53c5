import { Suspense, useState } from 'react';
import { Content, Header, Page, Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { Route, Routes, useSearchParams } from 'react-router-dom';
import { ReportFrictionDialog } from '../ReportFrictionDialog';
import { BacklogView } from './BacklogView';
import { ReportDetailView } from './ReportDetailView';
import { RoadmapView } from './RoadmapView';
import { ShippedView } from './ShippedView';
// Lazy: its charts (recharts, ~350 KB) load with the tab, not the backlog.
import { SatisfactionView } from '@internal/plugin-feedback-react';

function BacklogHome() {
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('tab');
  const tab =
    requested === 'shipped' ||
    requested === 'satisfaction' ||
    requested === 'roadmap'
      ? requested
      : 'backlog';
  const [open, setOpen] = useState(false);

  return (
    <>
      <Box display="flex" alignItems="center" mb={2}>
        <Tabs
          value={tab}
          onChange={(_e, value) =>
            setSearchParams(
              prev => {
                const next = new URLSearchParams(prev);
                if (value !== 'backlog') {
                  next.set('tab', value);
                } else {
                  next.delete('tab');
                }
                return next;
              },
              { replace: true },
            )
          }
          indicatorColor="primary"
          style={{ flexGrow: 1 }}
        >
          <Tab value="backlog" label="Backlog" />
          <Tab value="roadmap" label="Roadmap" />
          <Tab value="shipped" label="What shipped" />
          <Tab value="satisfaction" label="Satisfaction" />
        </Tabs>
        <Button
          variant="contained"
          color="primary"
          onClick={() => setOpen(true)}
        >
          Report friction
        </Button>
      </Box>
      {tab === 'backlog' && <BacklogView />}
      {tab === 'roadmap' && <RoadmapView />}
      {tab === 'shipped' && <ShippedView />}
      {tab === 'satisfaction' && (
        <Suspense fallback={<Progress />}>
          <SatisfactionView />
        </Suspense>
      )}
      <ReportFrictionDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}

/** The platform backlog page, with the report detail at `/:id`. */
export function FeedbackPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Platform backlog"
        subtitle="Friction reported by developers, by impact"
      />
      <Content>
        <Routes>
          <Route path="/" element={<BacklogHome />} />
          <Route path="/:id" element={<ReportDetailView />} />
        </Routes>
      </Content>
    </Page>
  );
}
