import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The Platform Metrics page (`/platform-metrics`). */
export const rootRouteRef = createRouteRef();
