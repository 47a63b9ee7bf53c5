import { Suspense } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import { SatisfactionView } from '@internal/plugin-feedback-react';

/**
 * NPS from the in-portal survey: the feedback loop's shared view (one
 * client call, one chart), on the Platform Metrics page too.
 */
export function SatisfactionSection() {
  return (
    <InfoCard title="Satisfaction (NPS)">
      <Suspense fallback={<Progress />}>
        <SatisfactionView />
      </Suspense>
    </InfoCard>
  );
}
