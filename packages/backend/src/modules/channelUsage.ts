import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { channelUsageMiddleware } from '@internal/plugin-portal-node';

/**
 * The root HTTP router with Backstage's defaults and, in front of them, the
 * portal's channel counter: every API request that did work is noted with
 * its channel (browser, `portal` CLI, MCP) and capability, and counted by
 * the portal-analytics plugin (plugins/portal-analytics-backend).
 */
export const channelUsageRootHttpRouter = rootHttpRouterServiceFactory({
  configure({ app, applyDefaults }) {
    app.use(channelUsageMiddleware());
    applyDefaults();
  },
});
