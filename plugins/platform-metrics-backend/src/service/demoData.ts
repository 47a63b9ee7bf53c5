import { createHash } from 'node:crypto';
import { CatalogSnapshot, ComponentInfo, UserInfo } from './catalog';
import {
  IngestChange,
  IngestDeployment,
  IngestIncident,
  MetricsService,
} from './MetricsService';

/** Source name of generated events, so they are made only once. */
export const DEMO_SOURCE = 'demo';
export const DEMO_DAYS = 180;
/** A repository the catalog does not know, so "unmapped" has an example. */
export const DEMO_UNMAPPED_REPOSITORY =
  'fintech-fast/nightly-reconciliation-jobs';

/** How a team ships, at the start (`from`) and at the end (`to`) of the history. */
interface Profile {
  /** Mean production deployments per working day. */
  deploysPerDay: number;
  /** Median hours from commit to deployment. */
  leadTimeHours: number;
  failureRate: number;
  /** Median hours to restore. */
  restoreHours: number;
  /** Share of deployments that are rollbacks or hotfixes. */
  reworkRate: number;
}

interface TeamProfile {
  from: Profile;
  to: Profile;
}

const ELITE: Profile = {
  deploysPerDay: 3,
  leadTimeHours: 5,
  failureRate: 0.03,
  restoreHours: 0.6,
  reworkRate: 0.02,
};
const MEDIUM: Profile = {
  deploysPerDay: 0.5,
  leadTimeHours: 60,
  failureRate: 0.12,
  restoreHours: 10,
  reworkRate: 0.06,
};
const STRUGGLING: Profile = {
  deploysPerDay: 0.08,
  leadTimeHours: 24 * 45,
  failureRate: 0.3,
  restoreHours: 24 * 9,
  reworkRate: 0.2,
};

/** One elite, one struggling, one improving team; the rest in between. */
export const DEMO_TEAM_PROFILES: Record<string, TeamProfile> = {
  'group:default/checkout-core-team': { from: ELITE, to: ELITE },
  'group:default/core-ledger-team': { from: STRUGGLING, to: STRUGGLING },
  'group:default/fraud-detection-team': {
    from: STRUGGLING,
    to: { ...ELITE, deploysPerDay: 1.5, leadTimeHours: 14 },
  },
};
const DEFAULT_PROFILE: TeamProfile = { from: MEDIUM, to: MEDIUM };

/** Deterministic PRNG (mulberry32) seeded from a string. */
export function seededRandom(seed: string): () => number {
  let a = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

function lerp(a: number, b: number, t: number) {
  return a + (b - a) * t;
}

function poisson(rand: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rand();
  while (p > limit) {
    k += 1;
    p *= rand();
  }
  return k;
}

/** Log-normal around a median, spread about x3. */
function around(rand: () => number, medianValue: number): number {
  const u = Math.max(rand(), 1e-9);
  const v = rand();
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return medianValue * Math.exp(normal * 0.8);
}

export interface DemoEvents {
  deployments: IngestDeployment[];
  changes: IngestChange[];
  incidents: IngestIncident[];
}

/** The profile of a day `progress` (0..1) of the way from `from` to `to`. */
function profileAt(profile: TeamProfile, progress: number): Profile {
  const at = (key: keyof Profile) =>
    lerp(profile.from[key], profile.to[key], progress);
  return {
    deploysPerDay: at('deploysPerDay'),
    leadTimeHours: at('leadTimeHours'),
    failureRate: at('failureRate'),
    restoreHours: at('restoreHours'),
    reworkRate: at('reworkRate'),
  };
}

/** One release: its commits (changes), the deployment, maybe an incident. */
function release(
  out: DemoEvents,
  r: {
    id: string;
    at: Date;
    p: Profile;
    rand: () => number;
    now: Date;
    component: ComponentInfo;
    target: { repository: string } | { entityRef: string };
  },
) {
  const { id, at, p, rand, now, component, target } = r;
  const commits: string[] = [];
  const commitCount = 1 + Math.floor(rand() * 4);
  for (let c = 0; c < commitCount; c++) {
    const commitSha = sha(`${id}:${c}`);
    const authored = new Date(
      at.getTime() - Math.max(0.2, around(rand, p.leadTimeHours)) * 3_600_000,
    );
    commits.push(commitSha);
    out.changes.push({
      sha: commitSha,
      ...target,
      authoredAt: authored.toISOString(),
      mergedAt: new Date((authored.getTime() + at.getTime()) / 2).toISOString(),
      title: `Change ${c + 1} of release ${id}`,
    });
  }
  const failedOutright = rand() < p.failureRate / 2;
  const causesIncident = !failedOutright && rand() < p.failureRate / 2;
  const rework = rand() < p.reworkRate;
  out.deployments.push({
    id,
    ...target,
    environment: 'production',
    status: failedOutright ? 'failure' : 'success',
    commitShas: commits,
    deployedAt: at.toISOString(),
    rollback: rework && rand() < 0.5,
    hotfix: rework,
  });
  if (causesIncident) {
    const created = new Date(at.getTime() + (0.2 + rand() * 3) * 3_600_000);
    const restore = Math.max(0.1, around(rand, p.restoreHours));
    const resolved = new Date(created.getTime() + restore * 3_600_000);
    out.incidents.push({
      id: `INC-${id}`,
      ...(component.pagerdutyServiceId
        ? { pagerdutyServiceId: component.pagerdutyServiceId }
        : target),
      title: `Errors after release ${id}`,
      createdAt: created.toISOString(),
      resolvedAt: resolved <= now ? resolved.toISOString() : null,
      causeDeploymentId: id,
    });
  }
}

/**
 * The history of one component: deployments (with commits), changes and
 * incidents from `start` to `now`. Same inputs, same events.
 */
export function demoEventsFor(
  component: ComponentInfo,
  profile: TeamProfile,
  start: Date,
  now: Date,
): DemoEvents {
  const rand = seededRandom(component.ref);
  const target = component.slug
    ? { repository: component.slug }
    : { entityRef: component.ref };
  const out: DemoEvents = { deployments: [], changes: [], incidents: [] };
  const totalMs = now.getTime() - start.getTime();
  const isPaymentRouting = component.ref.endsWith('/payment-routing-service');
  let n = 0;
  for (
    let dayStart = start.getTime();
    dayStart < now.getTime();
    dayStart += 86_400_000
  ) {
    const progress = (dayStart - start.getTime()) / totalMs;
    const p = profileAt(profile, progress);
    const weekday = new Date(dayStart).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    let deploys = poisson(rand, p.deploysPerDay);
    // The demo's showcase service has numbers in every window, even 7 days.
    if (isPaymentRouting && deploys === 0) deploys = 1;
    for (let i = 0; i < deploys; i++) {
      const at = new Date(dayStart + (8 + rand() * 9) * 3_600_000);
      if (at > now) continue;
      n += 1;
      const id = `${component.ref.split('/')[1]}-${n}`;
      release(out, { id, at, p, rand, now, component, target });
    }
  }
  if (isPaymentRouting) ensureRecentIncident(out, component, now);
  return out;
}

/** An incident restored within the last week, so a 7-day window has one. */
function ensureRecentIncident(
  out: DemoEvents,
  component: ComponentInfo,
  now: Date,
) {
  const weekAgo = new Date(now.getTime() - 6 * 86_400_000).toISOString();
  if (out.incidents.some(i => i.resolvedAt && i.resolvedAt > weekAgo)) return;
  const cause = [...out.deployments]
    .reverse()
    .find(
      d =>
        d.status === 'success' &&
        d.deployedAt > weekAgo &&
        Date.parse(d.deployedAt) < now.getTime() - 86_400_000,
    );
  if (!cause) return;
  const created = new Date(Date.parse(cause.deployedAt) + 40 * 60_000);
  out.incidents.push({
    id: `INC-${cause.id}`,
    ...(component.pagerdutyServiceId
      ? { pagerdutyServiceId: component.pagerdutyServiceId }
      : { entityRef: component.ref }),
    title: `Elevated latency after release ${cause.id}`,
    createdAt: created.toISOString(),
    resolvedAt: new Date(created.getTime() + 35 * 60_000).toISOString(),
    causeDeploymentId: cause.id,
  });
}

/** Days a demo User takes after joining before writing changes: 2 to 6. */
function rampDays(userRef: string): number {
  return 2 + (createHash('sha256').update(userRef).digest().readUInt8(0) % 5);
}

/**
 * Gives demo changes authors among the demo Users (the guest aside): a User
 * with a created-at annotation writes changes from a few days after joining,
 * so the onboarding time has data. Same inputs, same authors.
 */
export function withDemoAuthors(
  changes: IngestChange[],
  users: UserInfo[],
  seed: string,
): IngestChange[] {
  const authors = users
    .filter(u => u.ref !== 'user:default/guest')
    .map(u => ({
      ref: u.ref,
      from: u.joinedAt
        ? Date.parse(u.joinedAt) + rampDays(u.ref) * 86_400_000
        : -Infinity,
    }))
    .sort((a, b) => a.ref.localeCompare(b.ref));
  const rand = seededRandom(`${seed}:authors`);
  return changes.map(c => {
    const at = Date.parse(c.authoredAt);
    const eligible = authors.filter(u => u.from <= at);
    if (!eligible.length) return c;
    return { ...c, author: eligible[Math.floor(rand() * eligible.length)].ref };
  });
}

/**
 * Writes 180 days of history for every component of the demo catalog
 * through the ingestion service, unless demo events exist already.
 */
export async function seedDemoData(
  service: MetricsService,
  snapshot: CatalogSnapshot,
  now: Date,
  hasDemoEvents: () => Promise<boolean>,
): Promise<
  { deployments: number; changes: number; incidents: number } | undefined
> {
  if (await hasDemoEvents()) return undefined;
  const historyStart = new Date(now.getTime() - DEMO_DAYS * 86_400_000);
  historyStart.setUTCHours(0, 0, 0, 0);
  const totals = { deployments: 0, changes: 0, incidents: 0 };
  const components = [...snapshot.components.values()].sort((a, b) =>
    a.ref.localeCompare(b.ref),
  );
  const unmapped: ComponentInfo = {
    ref: 'component:default/nightly-reconciliation-jobs',
    title: 'nightly-reconciliation-jobs',
    owner: null,
    system: null,
    slug: DEMO_UNMAPPED_REPOSITORY,
    pagerdutyServiceId: null,
    sourceTemplate: null,
    createdAt: null,
    ciSources: [],
  };
  for (const component of [...components, unmapped]) {
    const profile =
      (component.owner && DEMO_TEAM_PROFILES[component.owner]) ||
      DEFAULT_PROFILE;
    // Components created by a template start shipping after their creation.
    const created = component.createdAt
      ? new Date(component.createdAt)
      : undefined;
    const start =
      created && created > historyStart
        ? new Date(created.getTime() + 86_400_000)
        : historyStart;
    const events = demoEventsFor(component, profile, start, now);
    if (component === unmapped) {
      events.deployments = events.deployments.slice(-6);
      events.changes = events.changes.slice(-12);
      events.incidents = [];
    }
    events.changes = withDemoAuthors(
      events.changes,
      snapshot.users,
      component.ref,
    );
    await service.ingestChanges(DEMO_SOURCE, events.changes);
    await service.ingestDeployments(DEMO_SOURCE, events.deployments);
    if (events.incidents.length) {
      await service.ingestIncidents(DEMO_SOURCE, events.incidents);
    }
    totals.deployments += events.deployments.length;
    totals.changes += events.changes.length;
    totals.incidents += events.incidents.length;
  }
  return totals;
}
