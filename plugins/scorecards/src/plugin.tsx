import { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import AssessmentIcon from '@material-ui/icons/Assessment';
import { ScorecardsClient, scorecardsApiRef } from './api';
import { rootRouteRef } from './routes';

const kindOf = (entity: Entity) => entity.kind.toLocaleLowerCase('en-US');

/** Entities with a Scorecards tab and level card: components. */
export function isScoredEntity(entity: Entity): boolean {
  return kindOf(entity) === 'component';
}

/** Entities with the team view: groups. */
export function isTeamEntity(entity: Entity): boolean {
  return kindOf(entity) === 'group';
}

/** `api:scorecards` */
export const scorecardsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: scorecardsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ScorecardsClient({ discoveryApi, fetchApi }),
    }),
});

/** `page:scorecards` */
export const scorecardsPage = PageBlueprint.make({
  params: {
    path: '/scorecards',
    title: 'Scorecards',
    icon: <AssessmentIcon />,
    routeRef: rootRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/ScorecardsPage').then(m => <m.ScorecardsPage />),
  },
});

/** `entity-content:scorecards/entity` */
export const scorecardsEntityContent = EntityContentBlueprint.make({
  name: 'entity',
  params: {
    path: '/scorecards',
    title: 'Scorecards',
    filter: isScoredEntity,
    loader: () =>
      import('./components/EntityScorecardsContent').then(m => (
        <m.EntityScorecardsContent />
      )),
  },
});

/** `entity-content:scorecards/team` */
export const teamScorecardsEntityContent = EntityContentBlueprint.make({
  name: 'team',
  params: {
    path: '/scorecards',
    title: 'Scorecards',
    filter: isTeamEntity,
    loader: () =>
      import('./components/TeamScorecardsContent').then(m => (
        <m.TeamScorecardsContent />
      )),
  },
});

/** `entity-card:scorecards/level` */
export const levelEntityCard = EntityCardBlueprint.make({
  name: 'level',
  params: {
    type: 'info',
    filter: isScoredEntity,
    loader: () =>
      import('./components/EntityLevelCard').then(m => <m.EntityLevelCard />),
  },
});

/**
 * Scorecards: a tab and a level card on every component, a tab on every
 * team, and the Scorecards page (organisation, campaigns).
 *
 * @public
 */
export const scorecardsPlugin = createFrontendPlugin({
  pluginId: 'scorecards',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    scorecardsApi,
    scorecardsPage,
    scorecardsEntityContent,
    teamScorecardsEntityContent,
    levelEntityCard,
  ],
  routes: { root: rootRouteRef },
});
