import { LoggerService } from '@backstage/backend-plugin-api';
import { publicErrors as portalPublicErrors } from '@internal/plugin-portal-node';

/** The portal's one request parser, re-exported for this plugin's routers. */
export { parse } from '@internal/plugin-portal-node';

/**
 * Last middleware of the router: the portal's shared error filter (a
 * malformed body is a 400 that says so; internal errors are logged and
 * answered with a generic message), logging as "Scorecards request ...".
 */
export const publicErrors = (logger: LoggerService) =>
  portalPublicErrors(logger, 'Scorecards');
