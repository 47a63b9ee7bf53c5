import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The Scorecards page (`/scorecards`). */
export const rootRouteRef = createRouteRef();
