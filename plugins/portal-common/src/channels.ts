/** Header a client names its channel with; the `portal` CLI sends `cli`. */
export const PORTAL_CHANNEL_HEADER = 'x-portal-channel';

/**
 * Where work arrives from: the portal's pages (`browser`), the `portal` CLI
 * (`cli`) and MCP clients through `/api/mcp-actions` (`mcp`).
 */
export const PORTAL_CHANNELS = ['browser', 'cli', 'mcp'] as const;

/** One of {@link PORTAL_CHANNELS}. */
export type PortalChannel = (typeof PORTAL_CHANNELS)[number];
