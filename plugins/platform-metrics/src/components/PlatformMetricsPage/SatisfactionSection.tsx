import { InfoCard } from '@backstage/core-components';
import { SatisfactionView } from '@internal/plugin-feedback';

/**
 * NPS from the in-portal survey: the feedback plugin's view (one client
 * call, one chart), on the Platform Metrics page too.
 */
export function SatisfactionSection() {
  return (
    <InfoCard title="Satisfaction (NPS)">
      <SatisfactionView />
    </InfoCard>
  );
}
