import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
} from '@backstage/core-components';
import {
  configApiRef,
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import {
  doraByQuarter,
  formatKpi,
  formatTarget,
  KpiDefinition,
  KpiId,
  QuarterPoint,
  quarterOf,
  statusOf,
  uptime,
  withTargets,
} from './kpis';

export interface KpiValue {
  value: number | null;
  trend: QuarterPoint[];
  /** The backend withheld the value: it would describe fewer than 5 people. */
  tooFewToShow?: boolean;
}

type Get = (plugin: string, path: string) => Promise<any>;

/** Each source separately: one that fails leaves only its KPIs without data. */
export async function loadKpiValues(
  get: Get,
  platformTeam: string,
  now: Date,
): Promise<Partial<Record<KpiId, KpiValue>>> {
  const safe = <T,>(p: Promise<T>) => p.catch(() => undefined);
  const [survey, adoption, dora, doraYear, incidents, roadmap, onboarding] =
    await Promise.all([
      safe(get('feedback', '/surveys/results?granularity=quarter')),
      safe(get('platform-metrics', '/adoption?window=90')),
      safe(get('platform-metrics', '/dora?window=90')),
      safe(get('platform-metrics', '/dora?window=365&granularity=week')),
      safe(
        get(
          'platform-metrics',
          `/events?type=incident&window=365&limit=200&entityRef=${encodeURIComponent(
            platformTeam,
          )}`,
        ),
      ),
      safe(get('feedback', '/roadmap')),
      safe(get('platform-metrics', '/onboarding?window=90')),
    ]);
  const out: Partial<Record<KpiId, KpiValue>> = {};

  if (survey) {
    const shown = (survey.overall as any[]).filter(p => !p.suppressed);
    out.nps = {
      value: shown.length ? shown[shown.length - 1].nps : null,
      trend: shown.map(p => ({ quarter: p.period, value: p.nps })),
    };
  }
  if (adoption) {
    out.selfServiceAdoption = {
      value: adoption.selfServiceRatio.ratio,
      trend: [],
    };
    out.goldenPathNewServices = {
      value: adoption.newComponentsAdoption.ratio,
      trend: [],
    };
    out.timeToFirstDeployment = {
      value: adoption.timeToFirstDeploy.medianHours,
      trend: [],
    };
  }
  const quarters = doraYear ? doraByQuarter(doraYear.trend) : undefined;
  if (dora) {
    out.deploymentFrequency = {
      value: dora.metrics.deploymentFrequency.value,
      trend: quarters?.deploymentFrequency ?? [],
    };
    out.changeFailureRate = {
      value: dora.metrics.changeFailureRate.value,
      trend: quarters?.changeFailureRate ?? [],
    };
    out.timeToRestore = {
      value: dora.metrics.timeToRestore.value,
      trend: quarters?.timeToRestore ?? [],
    };
  }
  if (incidents) {
    const outages = (incidents.items as any[]).map(i => ({
      createdAt: String(i.details?.createdAt ?? i.time),
      resolvedAt: (i.details?.resolvedAt as string | null) ?? null,
    }));
    const to = now.toISOString();
    const from = new Date(now.getTime() - 90 * 86_400_000).toISOString();
    const trend: QuarterPoint[] = [];
    for (let back = 3; back >= 0; back--) {
      const d = new Date(
        Date.UTC(
          now.getUTCFullYear(),
          Math.floor(now.getUTCMonth() / 3) * 3 - 3 * back,
          1,
        ),
      );
      const end = new Date(
        Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 3, 1),
      );
      trend.push({
        quarter: quarterOf(d.toISOString()),
        value: uptime(
          outages,
          d.toISOString(),
          (end < now ? end : now).toISOString(),
        ),
      });
    }
    out.platformUptime = { value: uptime(outages, from, to), trend };
  }
  if (onboarding) {
    out.onboardingTime = {
      value: onboarding.medianHours,
      trend: [],
      tooFewToShow: onboarding.tooFewToShow === true,
    };
  }
  if (roadmap) {
    const current = quarterOf(now.toISOString());
    const points: QuarterPoint[] = (roadmap.quarters as any[])
      .filter(q => q.quarter <= current)
      .map(q => ({ quarter: q.quarter, value: q.ratio ?? null }));
    out.roadmapCompletion = {
      value: points.find(p => p.quarter === current)?.value ?? null,
      trend: points,
    };
  }
  return out;
}

const STATUS_LABEL = {
  on: 'On target',
  off: 'Off target',
  unknown: 'No data yet',
};
const STATUS_COLOR = { on: '#2e7d32', off: '#c62828', unknown: '#757575' };

function Row(props: { kpi: KpiDefinition; value?: KpiValue }) {
  const { kpi, value } = props;
  const status = statusOf(kpi, value?.value);
  return (
    <TableRow data-testid={`kpi-${kpi.id}`}>
      <TableCell>
        <Typography variant="body1">{kpi.title}</Typography>
        <Typography variant="caption" color="textSecondary">
          {kpi.description}
        </Typography>
      </TableCell>
      <TableCell align="right">
        {value?.tooFewToShow
          ? 'Too few to show'
          : formatKpi(kpi.unit, value?.value)}
      </TableCell>
      <TableCell align="right">{formatTarget(kpi)}</TableCell>
      <TableCell>
        <Chip
          size="small"
          label={STATUS_LABEL[status]}
          style={{ backgroundColor: STATUS_COLOR[status], color: '#fff' }}
        />
      </TableCell>
      <TableCell>
        {value?.trend.length
          ? value.trend
              .slice(-4)
              .map(p => `${p.quarter}: ${formatKpi(kpi.unit, p.value)}`)
              .join(' · ')
          : '–'}
      </TableCell>
      <TableCell>
        <Link to={kpi.link}>How it is measured</Link>
      </TableCell>
    </TableRow>
  );
}

/** The KPIs the platform team promises, against their targets. */
export function KpiPage() {
  const config = useApi(configApiRef);
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const targets = config.getOptionalConfig('kpis.targets');
  const overrides = Object.fromEntries(
    (targets?.keys() ?? []).map(k => [k, targets!.getNumber(k)]),
  ) as Partial<Record<KpiId, number>>;
  const kpis = withTargets(overrides);
  const platformTeam =
    config.getOptionalString('kpis.platformTeam') ??
    'group:default/platform-team';

  const { value, loading } = useAsync(
    () =>
      loadKpiValues(
        async (plugin, path) => {
          const base = await discoveryApi.getBaseUrl(plugin);
          const res = await fetchApi.fetch(`${base}${path}`);
          if (!res.ok) throw new Error(`${res.status}`);
          return res.json();
        },
        platformTeam,
        new Date(),
      ),
    [discoveryApi, fetchApi, platformTeam],
  );

  return (
    <Page themeId="tool">
      <Header
        title="Platform KPIs"
        subtitle="What the platform team promises, against its targets"
      />
      <Content>
        {loading ? (
          <Progress />
        ) : (
          <InfoCard>
            <Table aria-label="Platform KPIs">
              <TableHead>
                <TableRow>
                  <TableCell>KPI</TableCell>
                  <TableCell align="right">Current</TableCell>
                  <TableCell align="right">Target</TableCell>
                  <TableCell>Status</TableCell>
                  <TableCell>Trend (last quarters)</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {kpis.map(k => (
                  <Row key={k.id} kpi={k} value={value?.[k.id]} />
                ))}
              </TableBody>
            </Table>
          </InfoCard>
        )}
      </Content>
    </Page>
  );
}
