import {
  PORTAL_CHANNEL_HEADER,
  PortalChannel,
} from '@internal/plugin-portal-common';
import type { Request, RequestHandler } from 'express';

/** Plugins whose requests are plumbing rather than work (sign-in, the app's files, live updates, analytics themselves). */
const NOT_WORK = new Set([
  'app',
  'auth',
  'signals',
  'portal-analytics',
  '.backstage',
]);

const SEGMENT = /^[a-z][a-z0-9-]{0,40}$/;
const VERSION = /^v\d+$/;

/** One request that did work, as the root middleware saw it. */
export interface ChannelHit {
  /** When it finished (ms since the epoch). */
  at: number;
  channel: PortalChannel;
  /** Plugin and route group, e.g. `scaffolder/tasks`, or the MCP tool. */
  capability: string;
  /** The caller's bearer token, kept in memory until the caller is known. */
  token: string;
}

/** The channel of a request: MCP by its path, the CLI by its header, else the browser. */
export function channelOf(path: string, header: unknown): PortalChannel {
  if (/^\/api\/mcp-actions(\/|$)/.test(path)) return 'mcp';
  return header === 'cli' ? 'cli' : 'browser';
}

/**
 * The capability a request used: its plugin and the first route segment
 * that names something (API versions such as `v2` skipped), e.g.
 * `/api/scaffolder/v2/tasks/abc` -> `scaffolder/tasks`; for MCP, the tool a
 * `tools/call` names. Undefined for requests that are not work (sign-in,
 * static files, MCP handshakes) or do not look like the portal's API.
 */
export function capabilityOf(path: string, body?: unknown): string | undefined {
  const parts = path.split('?')[0].split('/').filter(Boolean);
  if (parts[0] !== 'api' || !parts[1]) return undefined;
  const plugin = parts[1].toLocaleLowerCase('en-US');
  if (NOT_WORK.has(plugin) || !SEGMENT.test(plugin)) return undefined;
  if (plugin === 'mcp-actions') {
    const call = body as { method?: unknown; params?: { name?: unknown } };
    const tool = call?.method === 'tools/call' ? call.params?.name : undefined;
    return typeof tool === 'string' && /^[\w.:-]{1,100}$/.test(tool)
      ? `mcp-actions/${tool}`
      : undefined;
  }
  const group = parts
    .slice(2)
    .map(p => p.toLocaleLowerCase('en-US'))
    .find(p => !VERSION.test(p));
  return group && SEGMENT.test(group) ? `${plugin}/${group}` : plugin;
}

/**
 * Requests waiting to be counted, in memory, until the portal-analytics
 * plugin takes them (every few seconds, on each replica). Bounded: when the
 * plugin is away, the oldest are dropped rather than memory growing.
 */
export class ChannelHitQueue {
  private hits: ChannelHit[] = [];
  constructor(private readonly max = 20_000) {}

  push(hit: ChannelHit): void {
    if (this.hits.length >= this.max) this.hits.shift();
    this.hits.push(hit);
  }

  /** Takes every waiting hit. */
  drain(): ChannelHit[] {
    const out = this.hits;
    this.hits = [];
    return out;
  }
}

/** The process's queue, shared by the root middleware and portal-analytics-backend. */
export const channelHits = new ChannelHitQueue();

function bearer(req: Request): string | undefined {
  const m = /^Bearer[ ]+(\S+)$/i.exec(req.headers.authorization ?? '');
  return m?.[1];
}

/**
 * A token one backend plugin sent another (Backstage's plugin tokens, JWT
 * type `vnd.backstage.plugin`): the portal's own traffic, not a person's
 * or CI's work; only the plugin it is addressed to could verify it.
 */
function isPluginToken(token: string): boolean {
  try {
    const header = JSON.parse(
      Buffer.from(token.split('.')[0], 'base64url').toString(),
    );
    return header?.typ === 'vnd.backstage.plugin';
  } catch {
    return false;
  }
}

/**
 * Root HTTP middleware: once a request to `/api/...` has been answered
 * successfully, records its channel and capability with the caller's token
 * (who the caller is, and their team, is decided later by the plugin that
 * stores it, which verifies the token). Requests without a token, between
 * plugins, that failed, or that are not work are not counted.
 */
export function channelUsageMiddleware(
  queue: ChannelHitQueue = channelHits,
): RequestHandler {
  return (req, res, next) => {
    const path = req.originalUrl ?? req.url;
    if (path.startsWith('/api/')) {
      res.once('finish', () => {
        if (res.statusCode >= 400) return;
        const token = bearer(req);
        if (!token || isPluginToken(token)) return;
        const capability = capabilityOf(path, req.body);
        if (!capability) return;
        queue.push({
          at: Date.now(),
          channel: channelOf(path, req.headers[PORTAL_CHANNEL_HEADER]),
          capability,
          token,
        });
      });
    }
    next();
  };
}
