import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The Golden Paths page (`/golden-paths`). */
export const rootRouteRef = createRouteRef();
