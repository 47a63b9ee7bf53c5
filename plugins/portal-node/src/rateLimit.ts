import type {
  BackstageCredentials,
  HttpAuthService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import type { Request, RequestHandler } from 'express';
import {
  ipKeyGenerator,
  MemoryStore,
  Options,
  rateLimit,
  Store,
} from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import { CACHE_CALL_TIMEOUT_MS, within } from './boundedCache';

/** At most `limit` requests per caller per `window`. */
export interface RateLimitDefaults {
  limit: number;
  window: HumanDuration;
}

export interface WriteRateLimitOptions {
  config: RootConfigService;
  httpAuth: HttpAuthService;
  /**
   * Names the limit: its config key (`portal.rateLimit.<name>`), its keys in
   * the shared store and the message.
   */
  name: string;
  defaults: RateLimitDefaults;
  /** Which requests count; by default every request but GET, HEAD and OPTIONS. */
  applies?: (req: Request) => boolean;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who is calling, for counting: a user by their entity ref, a service by its
 * subject, anyone else (a webhook sender) by IP address.
 */
async function callerKey(httpAuth: HttpAuthService, req: Request) {
  try {
    const { principal } = await httpAuth.credentials(req, {
      allow: ['user', 'service', 'none'],
    });
    if (principal.type === 'user') return `user:${principal.userEntityRef}`;
    if (principal.type === 'service') return `service:${principal.subject}`;
  } catch {
    // An unusable token: counted by address like an anonymous caller.
  }
  const ip = req.ip ?? req.socket.remoteAddress ?? '';
  return `ip:${ip ? ipKeyGenerator(ip) : 'unknown'}`;
}

/**
 * The store every replica shares when `backend.rateLimit.store` names Redis
 * (Backstage's own setting for its per-IP limit); otherwise each replica
 * counts in memory.
 */
function sharedStore(config: Config, name: string): Store | undefined {
  const store = config.getOptionalConfig('backend.rateLimit.store');
  if (store?.getString('type') !== 'redis') return undefined;
  // Loaded only when configured, as Backstage does.
  const KeyvRedis = require('@keyv/redis').default;
  const keyv = new KeyvRedis(store.getString('connection'));
  return new RedisStore({
    prefix: `portal-rate-limit:${name}:`,
    // While Redis is down (the client reconnecting), the count fails at
    // once and the write passes (passOnStoreError) instead of waiting in
    // the client's queue for Redis to come back.
    sendCommand: async (...args: string[]) => {
      const client = await keyv.getClient();
      if (!client.isReady) {
        // Connecting (the first commands of a replica): a moment's wait.
        await within(
          new Promise(resolve => client.once('ready', resolve)),
          CACHE_CALL_TIMEOUT_MS,
          undefined,
        );
      }
      if (!client.isReady) throw new Error('Redis is not connected');
      return client.sendCommand(args);
    },
  });
}

function limitsOf(
  config: Config,
  name: string,
  defaults: RateLimitDefaults,
): { limit: number; windowMs: number } {
  const own = config.getOptionalConfig(`portal.rateLimit.${name}`);
  const limit = own?.getOptionalNumber('limit') ?? defaults.limit;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new Error(
      `portal.rateLimit.${name}.limit must be a whole number of at least 1`,
    );
  }
  const window = own?.has('window')
    ? readDurationFromConfig(own, { key: 'window' })
    : defaults.window;
  return { limit, windowMs: durationToMilliseconds(window) };
}

/**
 * A per-caller rate limit on a plugin's writes, for the start of its router:
 * past the limit a request is answered 429 with `Retry-After` (seconds)
 * before anything else reads it. Limits come from `portal.rateLimit.<name>`
 * (`limit`, `window`), with the plugin's defaults.
 */
export function writeRateLimit(options: WriteRateLimitOptions): RequestHandler {
  const { config, httpAuth, name } = options;
  const { limit, windowMs } = limitsOf(config, name, options.defaults);
  const applies = options.applies ?? (req => !READS.has(req.method));
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: req => !applies(req),
    keyGenerator: req => callerKey(httpAuth, req),
    store: sharedStore(config, name),
    // A Redis outage lets writes through rather than failing them all.
    passOnStoreError: true,
    // The keys are callers, not addresses; Backstage sets trust proxy itself.
    validate: { trustProxy: false, keyGeneratorIpFallback: false },
    handler: (req, res) => {
      const seconds =
        res.getHeader('Retry-After') ?? Math.ceil(windowMs / 1000);
      res.status(429).json({
        error: {
          name: 'TooManyRequestsError',
          message: `Too many requests to ${name}: at most ${limit} per ${Math.ceil(
            windowMs / 1000,
          )} seconds; try again in ${seconds} seconds`,
        },
        request: { method: req.method, url: req.originalUrl },
        response: { statusCode: 429 },
      });
    },
  });
}

/** Counts a write made through an action; throws once the caller is past the limit. */
export type ActionRateLimit = (
  credentials: BackstageCredentials,
) => Promise<void>;

/**
 * The per-caller limit of `writeRateLimit` for a plugin's actions, which the
 * Actions Registry serves ahead of the plugin's own routes: same config
 * (`portal.rateLimit.<name>`), same caller keys and, with Redis
 * (`backend.rateLimit.store`), the same counts, so a person's writes count
 * together through the browser and an assistant; in memory each channel
 * counts apart. Past the limit the action fails with a message that says
 * when to try again (an MCP error to the assistant).
 */
export function actionRateLimit(options: {
  config: RootConfigService;
  name: string;
  defaults: RateLimitDefaults;
}): ActionRateLimit {
  const { config, name } = options;
  const { limit, windowMs } = limitsOf(config, name, options.defaults);
  const store = sharedStore(config, name) ?? new MemoryStore();
  store.init?.({ windowMs } as Options);
  return async credentials => {
    const { principal } = credentials as BackstageCredentials<{
      type: string;
      userEntityRef?: string;
      subject?: string;
    }>;
    const key =
      principal.type === 'user'
        ? `user:${principal.userEntityRef}`
        : `service:${principal.subject}`;
    let hits;
    try {
      hits = await store.increment(key);
    } catch {
      // As the routes: a store outage lets writes through.
      return;
    }
    if (hits.totalHits > limit) {
      const reset = hits.resetTime?.getTime() ?? Date.now() + windowMs;
      const seconds = Math.max(1, Math.ceil((reset - Date.now()) / 1000));
      throw new ServiceUnavailableError(
        `Too many requests to ${name}: at most ${limit} per ${Math.ceil(
          windowMs / 1000,
        )} seconds; try again in ${seconds} seconds`,
      );
    }
  };
}
