import { z } from 'zod/v3';

import { safeString } from '@internal/plugin-portal-common';

/** The portal's one safe-text rule (`@internal/plugin-portal-common`). */
export { isSafeText, safeString } from '@internal/plugin-portal-common';

/** Longest entity ref the plugin stores (its database columns). @public */
export const MAX_ENTITY_REF_LENGTH = 255;

/** An entity ref as a caller sends it (parsed and normalised by the backend). @public */
export const entityRefSchema = safeString({
  min: 1,
  max: MAX_ENTITY_REF_LENGTH,
  trim: true,
});

/** Report ids are UUIDs (as the backend creates them). @public */
export const reportIdSchema = z.string().uuid();
