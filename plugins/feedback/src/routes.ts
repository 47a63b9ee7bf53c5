import {
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/** The platform backlog page (`/feedback`). */
export const rootRouteRef = createRouteRef();

/** One report (`/feedback/:id`). */
export const reportRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/:id',
});
