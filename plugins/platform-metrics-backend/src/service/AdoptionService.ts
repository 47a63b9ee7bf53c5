import { NotFoundError } from '@backstage/errors';
import {
  AdoptionResponse,
  OnboardingResponse,
  Ratio,
  WindowDays,
} from '@internal/plugin-platform-metrics-common';
import { tooFewToShow } from '@internal/plugin-portal-node';
import { EventListings } from '../database/EventListings';
import { median, windowOf } from '../dora/rules';
import { JoinedUser, onboardingFigures } from '../onboarding/rules';
import { ComponentInfo, descendantGroups, SnapshotLoader } from './catalog';
import { entityRefOrInputError, teamComponents } from './scope';

function ratio(numerator: number, denominator: number): Ratio {
  return {
    ratio: denominator === 0 ? null : numerator / denominator,
    numerator,
    denominator,
  };
}

/**
 * Adoption: golden-path share, time to first deploy, self-service ratio and
 * ownership coverage, from the catalog and first deployments; onboarding
 * time of new Users, from the catalog and their changes' deployments.
 */
export class AdoptionService {
  constructor(
    private readonly options: {
      listings: EventListings;
      snapshot: SnapshotLoader;
      clock: () => Date;
    },
  ) {}

  async adoption(query: {
    window: WindowDays;
    entityRef?: string;
  }): Promise<AdoptionResponse> {
    const snapshot = await this.options.snapshot();
    const window = windowOf(query.window, this.options.clock());
    let teamRefs: Set<string> | undefined;
    let scope: AdoptionResponse['scope'] = { kind: 'organisation' };
    if (query.entityRef) {
      const ref = entityRefOrInputError(query.entityRef, 'group');
      if (!snapshot.groups.has(ref)) {
        throw new NotFoundError(`No group ${ref} in the catalog`);
      }
      teamRefs = descendantGroups(snapshot, ref);
      scope = { kind: 'team', entityRef: ref };
    }
    const inScope = (owner: string | null) =>
      !teamRefs || (owner !== null && teamRefs.has(owner));
    const components = [...snapshot.components.values()].filter(c =>
      inScope(c.owner),
    );
    const created = (at: string | null) =>
      at !== null && at >= window.from && at <= window.to;
    const isGolden = (c: ComponentInfo) =>
      c.sourceTemplate !== null &&
      snapshot.goldenPathTemplates.has(c.sourceTemplate);

    const newComponents = components.filter(c => created(c.createdAt));
    const perTeam = [...snapshot.groups.values()]
      .filter(g => g.type === 'team' && (!teamRefs || teamRefs.has(g.ref)))
      .map(g => {
        const own = teamComponents(snapshot, g.ref);
        return {
          entityRef: g.ref,
          title: g.title,
          ...ratio(own.filter(isGolden).length, own.length),
        };
      })
      .sort((a, b) => a.title.localeCompare(b.title));

    const waits = await this.hoursToFirstDeploy(newComponents);

    const resources = snapshot.resources.filter(
      r => inScope(r.owner) && created(r.createdAt),
    );
    const zombies = components
      .filter(c => c.owner === null || !snapshot.groups.has(c.owner))
      .map(c => ({ entityRef: c.ref, owner: c.owner }));

    return {
      window: { days: window.days, from: window.from, to: window.to },
      scope,
      goldenPathAdoption: ratio(
        components.filter(isGolden).length,
        components.length,
      ),
      newComponentsAdoption: ratio(
        newComponents.filter(isGolden).length,
        newComponents.length,
      ),
      perTeam,
      timeToFirstDeploy: {
        medianHours: median(waits),
        sampleSize: waits.length,
      },
      selfServiceRatio: ratio(
        resources.filter(
          r =>
            r.sourceTemplate &&
            snapshot.selfServiceTemplates.has(r.sourceTemplate),
        ).length,
        resources.length,
      ),
      ownershipCoverage: {
        ...ratio(components.length - zombies.length, components.length),
        zombies,
      },
      eventCount: components.length + resources.length + waits.length,
    };
  }

  /** Onboarding time of the Users who joined in the window. */
  async onboarding(query: { window: WindowDays }): Promise<OnboardingResponse> {
    const snapshot = await this.options.snapshot();
    const window = windowOf(query.window, this.options.clock());
    const users = snapshot.users
      .filter((u): u is JoinedUser => u.joinedAt !== null)
      .filter(u => u.joinedAt >= window.from && u.joinedAt <= window.to);
    const firsts = await this.options.listings.firstShippedByAuthors(
      users.map(u => ({ ref: u.ref, since: u.joinedAt })),
    );
    const figures = onboardingFigures(users, firsts, window);
    const tooFew = tooFewToShow(figures.sampleSize);
    return {
      window: { days: window.days, from: window.from, to: window.to },
      ...figures,
      medianHours: tooFew ? null : figures.medianHours,
      tooFewToShow: tooFew,
    };
  }

  /** Hours from creation to first successful production deployment, of those deployed. */
  private async hoursToFirstDeploy(components: ComponentInfo[]) {
    const firsts = await this.options.listings.firstDeployments(
      components.map(c => c.ref),
    );
    const waits: number[] = [];
    for (const c of components) {
      const first = firsts.get(c.ref);
      if (first && first >= c.createdAt!) {
        waits.push((Date.parse(first) - Date.parse(c.createdAt!)) / 3_600_000);
      }
    }
    return waits;
  }
}
