import {
  AuthService,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { ChannelHit, ChannelHitQueue } from '@internal/plugin-portal-node';
import { ChannelUsageStore } from '../database/ChannelUsageStore';
import { aggregateHits, AttributedHit } from './channels';
import { teamOf } from './rules';

/**
 * Takes the requests the root middleware noted (channelUsageMiddleware in
 * portal-node), verifies each caller's token, attributes the request to the
 * caller's team (its first group, as the page events are) and adds it to
 * the daily aggregates. Tokens live only in memory, between a request and
 * the next flush; a token that does not verify is not counted.
 */
export class ChannelRecorder {
  constructor(
    private readonly deps: {
      queue: ChannelHitQueue;
      store: ChannelUsageStore;
      auth: AuthService;
      userInfo: UserInfoService;
      logger: LoggerService;
      timeZone: string;
    },
  ) {}

  /** Counts everything waiting; resolves to how many requests it counted. */
  async flush(): Promise<number> {
    const hits = this.deps.queue.drain();
    if (!hits.length) return 0;
    const byToken = new Map<string, ChannelHit[]>();
    for (const hit of hits) {
      const list = byToken.get(hit.token) ?? [];
      list.push(hit);
      byToken.set(hit.token, list);
    }
    const attributed: AttributedHit[] = [];
    await Promise.all(
      [...byToken].map(async ([token, list]) => {
        const caller = await this.callerOf(token);
        if (!caller) return;
        for (const h of list) {
          attributed.push({
            at: h.at,
            channel: h.channel,
            capability: h.capability,
            ...caller,
          });
        }
      }),
    );
    const { counts, users } = aggregateHits(attributed, this.deps.timeZone);
    try {
      await this.deps.store.recordChannels(counts, users);
    } catch (error) {
      this.deps.logger.warn(
        `Channel usage: could not store ${attributed.length} requests`,
        error as Error,
      );
      return 0;
    }
    return attributed.length;
  }

  private async callerOf(
    token: string,
  ): Promise<{ userRef: string | null; teamRef: string | null } | undefined> {
    try {
      const credentials = await this.deps.auth.authenticate(token);
      if (this.deps.auth.isPrincipal(credentials, 'user')) {
        const info = await this.deps.userInfo.getUserInfo(credentials);
        return {
          userRef: info.userEntityRef.toLocaleLowerCase('en-US'),
          teamRef: teamOf(info.ownershipEntityRefs),
        };
      }
      // A service (CI with its token): work, but nobody's.
      return { userRef: null, teamRef: null };
    } catch {
      return undefined;
    }
  }

  /** Flushes every `intervalMs` until `stop` is called; returns `stop`. */
  start(intervalMs: number): () => Promise<void> {
    let running: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      running = running.then(() => this.flush());
    }, intervalMs);
    timer.unref?.();
    return async () => {
      clearInterval(timer);
      await running;
      await this.flush();
    };
  }
}
