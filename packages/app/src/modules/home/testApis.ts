import type { ScorecardsApi } from '@internal/plugin-scorecards';
import { scorecardsApiRef } from '@internal/plugin-scorecards';
import {
  platformMetricsApiRef,
  type PlatformMetricsApi,
} from '@internal/plugin-platform-metrics';
import {
  feedbackApiRef,
  type FeedbackApi,
} from '@internal/plugin-feedback-react';
import type { EntityLevels } from '@internal/plugin-scorecards-common';
import type { FeedbackReport } from '@internal/plugin-feedback-common';

export const PAYMENT = 'component:default/payment-routing-service';

export const levels: EntityLevels = {
  entityRef: PAYMENT,
  ownerRef: 'group:default/checkout-core-team',
  scorecards: [
    {
      scorecardId: 'production-readiness',
      title: 'Production readiness',
      level: 'Silver',
      nextLevel: 'Gold',
    },
  ],
  failing: [
    {
      scorecardId: 'production-readiness',
      checkId: 'techdocs',
      title: 'TechDocs published',
      level: 'Gold',
      nextStep: { text: 'Add docs/ with mkdocs.yml.', url: '/docs' },
    },
  ],
};

export const report = (over: Partial<FeedbackReport>): FeedbackReport => ({
  id: 'r1',
  entityRef: PAYMENT,
  entityOwnerRef: 'group:default/checkout-core-team',
  category: 'docs',
  severity: 'medium',
  text: 'The runbook misses the failover steps. Also more text here.',
  anonymous: false,
  status: 'planned',
  impact: 5,
  supporterCount: 3,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  supportedByMe: true,
  ...over,
});

/** Fakes of the three backends the home page reads, counting their calls. */
export function healthApis(options: { reports?: FeedbackReport[] } = {}) {
  const calls = { levels: [] as string[][], bands: [] as string[][] };
  const scorecards: Partial<ScorecardsApi> = {
    async getLevels(refs) {
      calls.levels.push(refs);
      return { items: refs.includes(PAYMENT) ? [levels] : [] };
    },
    async listCampaigns() {
      return [];
    },
  };
  const metrics: Partial<PlatformMetricsApi> = {
    async getBands({ entityRefs }) {
      calls.bands.push(entityRefs);
      return {
        window: { days: 30, from: '', to: '' },
        items: entityRefs.map(entityRef => ({
          entityRef,
          band: entityRef === PAYMENT ? ('high' as const) : ('none' as const),
          lastDeployDay: entityRef === PAYMENT ? '2026-11-19' : null,
        })),
      };
    },
  };
  const feedback: Partial<FeedbackApi> = {
    async listReports(query) {
      const items = (options.reports ?? []).filter(
        r => !query?.status || r.status === query.status,
      );
      return { items };
    },
  };
  return {
    calls,
    apis: [
      [scorecardsApiRef, scorecards as ScorecardsApi],
      [platformMetricsApiRef, metrics as PlatformMetricsApi],
      [feedbackApiRef, feedback as FeedbackApi],
    ] as const,
  };
}
