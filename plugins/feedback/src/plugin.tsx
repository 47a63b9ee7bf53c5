import { lazy, Suspense } from 'react';
import { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  AppRootElementBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import FeedbackIcon from '@material-ui/icons/Feedback';
import { FeedbackClient, feedbackApiRef } from './api';
import { reportRouteRef, rootRouteRef } from './routes';

const FEEDBACK_KINDS = ['component', 'api', 'resource', 'system'];

/** Entities that take feedback: components, APIs, resources and systems. */
export function isFeedbackEntity(entity: Entity): boolean {
  return FEEDBACK_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'));
}

/** `api:feedback` */
export const feedbackApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: feedbackApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new FeedbackClient({ discoveryApi, fetchApi }),
    }),
});

/** `page:feedback` */
export const feedbackPage = PageBlueprint.make({
  params: {
    path: '/feedback',
    title: 'Platform backlog',
    icon: <FeedbackIcon />,
    routeRef: rootRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/FeedbackPage').then(m => <m.FeedbackPage />),
  },
});

/** `entity-card:feedback/report-friction` */
export const reportFrictionEntityCard = EntityCardBlueprint.make({
  name: 'report-friction',
  params: {
    // Beside "About", where it is seen without scrolling.
    type: 'info',
    filter: isFeedbackEntity,
    loader: () =>
      import('./components/EntityReportFrictionCard').then(m => (
        <m.EntityReportFrictionCard />
      )),
  },
});

/** `entity-content:feedback/feedback` */
export const feedbackEntityContent = EntityContentBlueprint.make({
  name: 'feedback',
  params: {
    path: '/feedback',
    title: 'Feedback',
    filter: isFeedbackEntity,
    loader: () =>
      import('./components/EntityFeedbackContent').then(m => (
        <m.EntityFeedbackContent />
      )),
  },
});

const LazySurveyPrompt = lazy(() =>
  import('./components/SurveyPrompt').then(m => ({ default: m.SurveyPrompt })),
);

/**
 * `app-root-element:feedback/survey-prompt`: the quarterly satisfaction
 * survey in a corner, once the signed-in user has used the portal a while.
 */
export const surveyPromptElement = AppRootElementBlueprint.make({
  name: 'survey-prompt',
  params: {
    element: (
      <Suspense fallback={null}>
        <LazySurveyPrompt />
      </Suspense>
    ),
  },
});

/**
 * The feedback plugin: report friction, platform backlog, what shipped.
 *
 * @public
 */
export const feedbackPlugin = createFrontendPlugin({
  pluginId: 'feedback',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    feedbackApi,
    feedbackPage,
    reportFrictionEntityCard,
    feedbackEntityContent,
    surveyPromptElement,
  ],
  routes: {
    root: rootRouteRef,
    report: reportRouteRef,
  },
});
