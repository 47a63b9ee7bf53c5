import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  KpiId,
  KpiQuarter,
  KpisResponse,
} from '@internal/plugin-portal-analytics-common';
import type { TrendPoint } from '@internal/plugin-platform-metrics-common';
import { KpiDefinition } from './definitions';
import { KpiSources } from './KpiSources';
import { quarterOf, statusOf, uptimeFigures } from './rules';

/** The KPIs' window: the last 90 days. */
const WINDOW = 90;

type Figure = {
  value: number | null;
  trend: KpiQuarter[];
  tooFewToShow?: boolean;
};
type Read<T> = { ok: true; value: T } | { ok: false; why: string };

/** A DORA figure per quarter, from platform metrics' quarterly trend. */
const quarterly = (
  trend: TrendPoint[],
  pick: (p: TrendPoint) => number | null,
): KpiQuarter[] =>
  trend.map(p => ({ quarter: quarterOf(p.period), value: pick(p) }));

/**
 * Every KPI against its target, computed once on the server from the
 * figures the owning plugins compute by their own rules (DORA, adoption and
 * onboarding from platform metrics, NPS and roadmap from feedback). Read as
 * the caller, so nobody sees through the KPIs what they may not read. A
 * plugin that cannot answer leaves only its KPIs without a value.
 */
export class KpiService {
  constructor(
    private readonly deps: {
      sources: KpiSources;
      definitions: KpiDefinition[];
      /** Group whose incidents count against platform uptime. */
      platformTeam: string;
      logger: LoggerService;
      clock?: () => Date;
    },
  ) {}

  async kpis(credentials: BackstageCredentials): Promise<KpisResponse> {
    const { sources, platformTeam } = this.deps;
    const now = (this.deps.clock ?? (() => new Date()))();
    const read = <T>(plugin: string, p: Promise<T>): Promise<Read<T>> =>
      p.then(
        value => ({ ok: true as const, value }),
        error => {
          this.deps.logger.warn(`KPIs could not read ${plugin}: ${error}`);
          return { ok: false as const, why: `${plugin} did not answer` };
        },
      );
    const [survey, roadmap, adoption, onboarding, dora, doraYear, incidents] =
      await Promise.all([
        read('Feedback surveys', sources.surveyResults(credentials)),
        read('The feedback roadmap', sources.roadmap(credentials)),
        read('Platform metrics', sources.adoption(credentials, WINDOW)),
        read('Platform metrics', sources.onboarding(credentials, WINDOW)),
        read('Platform metrics', sources.dora(credentials, WINDOW, 'week')),
        read('Platform metrics', sources.dora(credentials, 365, 'quarter')),
        read(
          'Platform metrics',
          sources.incidents(credentials, platformTeam, WINDOW),
        ),
      ]);

    const figures = new Map<KpiId, Figure | string>();
    const put = <T, K extends KpiId>(
      source: Read<T>,
      ids: K[],
      figuresOf: (value: T) => Record<K, Figure>,
    ) => {
      const values = source.ok ? figuresOf(source.value) : undefined;
      for (const id of ids) {
        figures.set(id, values ? values[id] : (source as { why: string }).why);
      }
    };

    put(survey, ['nps'], s => {
      const shown = s.overall.filter(p => !p.suppressed && p.nps !== null);
      return {
        nps: {
          value: shown.length ? shown[shown.length - 1].nps : null,
          trend: shown.map(p => ({ quarter: p.period, value: p.nps })),
        },
      };
    });
    put(
      adoption,
      ['selfServiceAdoption', 'goldenPathNewServices', 'timeToFirstDeployment'],
      a => ({
        selfServiceAdoption: { value: a.selfServiceRatio.ratio, trend: [] },
        goldenPathNewServices: {
          value: a.newComponentsAdoption.ratio,
          trend: [],
        },
        timeToFirstDeployment: {
          value: a.timeToFirstDeploy.medianHours,
          trend: [],
        },
      }),
    );
    const year = doraYear.ok ? doraYear.value.trend : [];
    put(
      dora,
      ['deploymentFrequency', 'changeFailureRate', 'timeToRestore'],
      d => ({
        deploymentFrequency: {
          value: d.metrics.deploymentFrequency.value,
          trend: quarterly(year, p => p.deploymentFrequency),
        },
        changeFailureRate: {
          value: d.metrics.changeFailureRate.value,
          trend: quarterly(year, p => p.changeFailureRate),
        },
        // Platform metrics' medians: of the window's incidents, and of each
        // quarter's own incidents.
        timeToRestore: {
          value: d.metrics.timeToRestore.value,
          trend: quarterly(year, p => p.timeToRestoreHours),
        },
      }),
    );
    put(incidents, ['platformUptime'], i => ({
      platformUptime: uptimeFigures(i, now, WINDOW),
    }));
    put(onboarding, ['onboardingTime'], o => ({
      onboardingTime: {
        value: o.medianHours,
        trend: [],
        tooFewToShow: o.tooFewToShow,
      },
    }));
    put(roadmap, ['roadmapCompletion'], quarters => {
      const current = quarterOf(now.toISOString());
      const points = quarters
        .filter(q => q.quarter <= current)
        .map(q => ({ quarter: q.quarter, value: q.ratio ?? null }));
      return {
        roadmapCompletion: {
          value: points.find(p => p.quarter === current)?.value ?? null,
          trend: points,
        },
      };
    });

    return {
      generatedAt: now.toISOString(),
      windowDays: WINDOW,
      kpis: this.deps.definitions.map(definition => {
        const figure = figures.get(definition.id);
        const known = typeof figure === 'object' ? figure : undefined;
        const value = known?.value ?? null;
        return {
          ...definition,
          // Platform Metrics at the KPIs' window: the same figures.
          link:
            definition.link === '/platform-metrics'
              ? `/platform-metrics?window=${WINDOW}`
              : definition.link,
          value,
          status: statusOf(definition, value),
          trend: known?.trend ?? [],
          ...(typeof figure === 'string' ? { unavailable: figure } : {}),
          ...(known?.tooFewToShow ? { tooFewToShow: true } : {}),
        };
      }),
    };
  }
}
