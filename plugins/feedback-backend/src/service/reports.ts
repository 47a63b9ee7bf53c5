import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  CreateReportRequest,
  FeedbackReport,
  ListReportsQuery,
  Page,
  reportIdSchema,
  ShippedWeek,
} from '@internal/plugin-feedback-common';
import { DateTime } from 'luxon';
import {
  FeedbackStore,
  ReportFilter,
  StoredReport,
} from '../database/FeedbackStore';
import { createCatalogInfo, normalizeRef } from './catalogInfo';
import { impactOf, teamsToWeigh } from './impact';
import { toApiReport } from './serialize';

type Caller = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;
type Person = BackstageCredentials<BackstageUserPrincipal>;

/** A query's entity ref in its full form, or a 400 naming the parameter. */
export function refParam(
  value: string | undefined,
  name: string,
  defaultKind?: string,
) {
  if (value === undefined) return undefined;
  try {
    return normalizeRef(value, { defaultKind });
  } catch {
    throw new InputError(`Invalid ${name}: '${value}' is not an entity ref`);
  }
}

/** ISO week of a UTC ISO timestamp, e.g. `2026-W47`. */
export function isoWeek(iso: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).toFormat("kkkk-'W'WW");
}

/**
 * Friction reports as the feedback API and the feedback actions both use
 * them: filing one as the caller (optionally anonymous), "me too", the
 * lists. Every report leaves here through `toApiReport`, which leaves the
 * reporter of an anonymous report out.
 */
export function createFeedbackReports(deps: {
  store: FeedbackStore;
  catalogInfo: ReturnType<typeof createCatalogInfo>;
  logger: LoggerService;
  /** Whether the platform team is told about each new report. */
  notifyPlatformTeam: boolean;
}) {
  const { store, catalogInfo, logger } = deps;

  /** Reports as the caller sees them (`supportedByMe` for people). */
  async function present(
    reports: StoredReport[],
    credentials: Caller,
  ): Promise<FeedbackReport[]> {
    const mine =
      credentials.principal.type === 'user'
        ? await store.supportedBy(
            credentials.principal.userEntityRef,
            reports.map(r => r.id),
          )
        : new Set<string>();
    return reports.map(r => toApiReport(r, mine.has(r.id)));
  }

  /** Report ids are UUIDs; anything else is not found (and not echoed). */
  async function load(id: string): Promise<StoredReport> {
    const report = reportIdSchema.safeParse(id).success
      ? await store.getReport(id)
      : undefined;
    if (!report) {
      throw new NotFoundError('Report not found');
    }
    return report;
  }

  async function create(
    body: CreateReportRequest,
    credentials: Person,
  ): Promise<FeedbackReport> {
    const entityRef = refParam(body.entityRef, 'entityRef')!;
    const [entity, reporterTeamRef] = await Promise.all([
      catalogInfo.entityOwner(entityRef, credentials),
      catalogInfo.teamOf(credentials),
    ]);
    if (!entity) {
      throw new InputError(`Unknown entity ${body.entityRef}`);
    }
    // The reporter weighs as a supporter; an anonymous one without a team.
    const reporter = {
      userRef: credentials.principal.userEntityRef,
      teamRef: body.anonymous ? null : reporterTeamRef,
    };
    const sizes = await catalogInfo.teamSizes(teamsToWeigh([reporter]));
    // The platform team's notification is committed with the report and
    // sent after the response (notificationOutbox.ts).
    const report = await store.createReport(
      {
        entityRef,
        entityOwnerRef: entity.ownerRef,
        category: body.category,
        severity: body.severity,
        text: body.text,
        anonymous: body.anonymous,
        reporterRef: reporter.userRef,
        reporterTeamRef,
        impact: impactOf([reporter], sizes),
      },
      { notifyPlatformTeam: deps.notifyPlatformTeam },
    );
    logger.info(`Feedback report ${report.id} created for ${entityRef}`);
    return toApiReport(report, true);
  }

  async function meToo(id: string, credentials: Person) {
    const current = await load(id);
    if (current.status === 'shipped' || current.status === 'declined') {
      throw new InputError(
        `Report is ${current.status}; me-too is only possible on open reports`,
      );
    }
    const supporter = {
      userRef: credentials.principal.userEntityRef,
      teamRef: await catalogInfo.teamOf(credentials),
    };
    const anonymousReporterRef = current.anonymous
      ? current.reporterRef
      : undefined;
    // Current sizes of every team the supporters are in; a team that joins
    // at the same moment and is missing here weighs 1 until the next me-too.
    const supporters = [...(await store.listSupporters(current.id)), supporter];
    const sizes = await catalogInfo.teamSizes(
      teamsToWeigh(supporters, anonymousReporterRef),
    );
    const { report } = await store.addSupporter(current.id, supporter, all =>
      impactOf(all, sizes, anonymousReporterRef),
    );
    return toApiReport(report, true);
  }

  async function list(
    query: ListReportsQuery & Pick<ReportFilter, 'open'>,
    credentials: Caller,
  ): Promise<Page<FeedbackReport>> {
    const principal = credentials.principal;
    if (query.mine && principal.type !== 'user') {
      throw new InputError('mine=true needs a signed-in user');
    }
    const page = await store.listReports(
      {
        status: query.status,
        open: query.open,
        category: query.category,
        entityRef: refParam(query.entityRef, 'entityRef'),
        ownerRef: refParam(query.ownerRef, 'ownerRef', 'group'),
        reporterTeamRef: refParam(
          query.reporterTeamRef,
          'reporterTeamRef',
          'group',
        ),
        supporterRef:
          query.mine && principal.type === 'user'
            ? principal.userEntityRef
            : undefined,
      },
      { cursor: query.cursor, limit: query.limit },
    );
    const body: Page<FeedbackReport> = {
      items: await present(page.items, credentials),
    };
    if (page.nextCursor) body.nextCursor = page.nextCursor;
    return body;
  }

  async function shipped(
    query: { weeks: number; cursor?: string; limit: number },
    credentials: Caller,
  ): Promise<Page<ShippedWeek>> {
    const since = DateTime.utc()
      .minus({ weeks: query.weeks })
      .startOf('week')
      .toISO()!;
    const page = await store.listShipped(since, {
      cursor: query.cursor,
      limit: query.limit,
    });
    const presented = await present(page.items, credentials);
    const weeks: ShippedWeek[] = [];
    page.items.forEach((stored, i) => {
      const week = isoWeek(stored.shippedAt);
      let group = weeks[weeks.length - 1];
      if (!group || group.week !== week) {
        group = { week, items: [] };
        weeks.push(group);
      }
      group.items.push({ ...presented[i], shippedAt: stored.shippedAt });
    });
    const body: Page<ShippedWeek> = { items: weeks };
    if (page.nextCursor) body.nextCursor = page.nextCursor;
    return body;
  }

  return { present, load, create, meToo, list, shipped };
}

/** The feedback reports' operations (see createFeedbackReports). */
export type FeedbackReports = ReturnType<typeof createFeedbackReports>;
