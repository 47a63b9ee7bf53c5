import { PortalClient } from '../client';
import { Entity, entityUrl, findEntity, refOf, titleOf } from '../catalog';
import { hours, nameOf, Output, percent, table } from '../format';
import { signedIn } from '../session';

/** The shapes of the APIs read here (their -common packages hold the full ones). */
interface MetricValue {
  value: number | null;
  unit: 'deploys/day' | 'hours' | 'ratio';
  band: string;
  sampleSize: number;
}
interface DoraResponse {
  window: { days: number; from: string; to: string };
  metrics: Record<
    | 'deploymentFrequency'
    | 'leadTime'
    | 'changeFailureRate'
    | 'timeToRestore'
    | 'reworkRate',
    MetricValue
  >;
}
interface ScorecardResult {
  scorecardId: string;
  title: string;
  level: string | null;
  nextLevel: string | null;
  checks: Array<{
    title: string;
    level: string;
    status: string;
    nextStep: { text: string; url?: string };
  }>;
}
interface Drift {
  drift: {
    version: string;
    currentVersion: string;
    missing: Array<{ version: string }>;
  } | null;
}
interface ReportCounts {
  open: number;
  total: number;
  byStatus: Record<string, number>;
}

const SOURCE_TEMPLATE = 'backstage.io/source-template';
const TEMPLATE_VERSION = 'fintech-fast.example/template-version';

const DORA_ROWS: Array<[keyof DoraResponse['metrics'], string]> = [
  ['deploymentFrequency', 'Deployment frequency'],
  ['leadTime', 'Lead time for changes'],
  ['changeFailureRate', 'Change failure rate'],
  ['timeToRestore', 'Time to restore'],
];

function metricText(m: MetricValue): string {
  if (m.value === null) return 'no data';
  let value = `${m.value.toFixed(2)}/day`;
  if (m.unit === 'hours') value = hours(m.value);
  if (m.unit === 'ratio') value = percent(m.value);
  return m.band && m.band !== 'none' ? `${value} (${m.band})` : value;
}

/** What the service's page shows, from the same APIs. */
export async function loadStatus(client: PortalClient, service: string) {
  const entity = await findEntity(client, 'component', service);
  const entityRef = refOf(entity);
  const ns = entity.metadata.namespace ?? 'default';
  const ownerRef =
    typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined;
  const templateRef = entity.metadata.annotations?.[SOURCE_TEMPLATE];
  const byRef = (ref: string | undefined, kind: string) => {
    if (!ref) return Promise.resolve(undefined);
    const m = /^(?:([^:]+):)?(?:([^/]+)\/)?(.+)$/.exec(ref)!;
    return client
      .get<Entity>(
        `/api/catalog/entities/by-name/${m[1] ?? kind}/${
          m[2] ?? ns
        }/${encodeURIComponent(m[3])}`,
      )
      .catch(() => undefined);
  };
  const [owner, template, drift, dora, scorecards, friction] =
    await Promise.all([
      byRef(ownerRef, 'group'),
      byRef(templateRef, 'template'),
      templateRef
        ? client.get<Drift>(
            `/api/golden-paths/drift/component/${ns}/${encodeURIComponent(
              entity.metadata.name,
            )}`,
          )
        : Promise.resolve({ drift: null }),
      client.get<DoraResponse>('/api/platform-metrics/dora', {
        entityRef,
        window: 30,
      }),
      client.get<{ scorecards: ScorecardResult[] }>('/api/scorecards/entity', {
        entityRef,
      }),
      client.get<ReportCounts>('/api/feedback/reports/counts', { entityRef }),
    ]);
  return {
    service: {
      entityRef,
      title: titleOf(entity),
      description: entity.metadata.description ?? null,
      lifecycle: (entity.spec?.lifecycle as string | undefined) ?? null,
      owner: ownerRef
        ? { entityRef: ownerRef, title: owner ? titleOf(owner) : null }
        : null,
      url: entityUrl(client.url, entityRef),
    },
    goldenPath: templateRef
      ? {
          templateRef,
          title: template ? titleOf(template) : null,
          version: entity.metadata.annotations?.[TEMPLATE_VERSION] ?? null,
          drift: drift.drift,
        }
      : null,
    dora: { window: dora.window, metrics: dora.metrics },
    scorecards: scorecards.scorecards.map(s => {
      const next = s.checks.find(
        c => c.level === s.nextLevel && c.status === 'failed',
      );
      return {
        id: s.scorecardId,
        title: s.title,
        level: s.level,
        nextLevel: s.nextLevel,
        nextStep: next ? { check: next.title, ...next.nextStep } : null,
      };
    }),
    friction: { open: friction.open, byStatus: friction.byStatus },
  };
}

export type ServiceStatus = Awaited<ReturnType<typeof loadStatus>>;

export function renderStatus(s: ServiceStatus): string {
  const rows: string[][] = [
    ['Service', `${s.service.title} (${nameOf(s.service.entityRef)})`],
    [
      'Owner',
      s.service.owner
        ? s.service.owner.title ?? nameOf(s.service.owner.entityRef)
        : 'no owner',
    ],
    ['Lifecycle', s.service.lifecycle ?? 'not set'],
  ];
  if (s.goldenPath) {
    const gp = s.goldenPath;
    const name = gp.title ?? nameOf(gp.templateRef);
    rows.push([
      'Golden path',
      `${name}${gp.version ? ` ${gp.version}` : ''}${
        gp.drift
          ? `, drifted: current is ${gp.drift.currentVersion} (${gp.drift.missing.length} versions behind)`
          : ', up to date'
      }`,
    ]);
  } else {
    rows.push(['Golden path', 'none (not created from a golden path)']);
  }
  rows.push([`DORA, ${s.dora.window.days} days`, '']);
  for (const [key, label] of DORA_ROWS) {
    rows.push([`  ${label}`, metricText(s.dora.metrics[key])]);
  }
  for (const card of s.scorecards) {
    let next = card.nextLevel ? '' : '; top level';
    if (card.nextStep) {
      next = `; next (${card.nextLevel}): ${card.nextStep.text}`;
    }
    rows.push([card.title, `${card.level ?? 'no level yet'}${next}`]);
  }
  const open = s.friction.open;
  rows.push([
    'Open friction',
    open === 0
      ? 'none'
      : `${open} report${open === 1 ? '' : 's'} (${Object.entries(
          s.friction.byStatus,
        )
          .filter(
            ([state, n]) => n > 0 && !['shipped', 'declined'].includes(state),
          )
          .map(([state, n]) => `${n} ${state}`)
          .join(', ')})`,
  ]);
  rows.push(['Page', s.service.url]);
  return table(rows);
}

export async function status(
  args: { service: string; url?: string; json?: boolean },
  io: Output,
) {
  const client = await signedIn(args.url);
  const result = await loadStatus(client, args.service);
  io.out(args.json ? JSON.stringify(result) : renderStatus(result));
}
