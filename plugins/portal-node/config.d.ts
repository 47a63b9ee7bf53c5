import { HumanDuration } from '@backstage/types';

export interface Config {
  portal?: {
    /**
     * Per-caller limits on the writes of the portal's plugins, by limit name
     * (`feedback`, `platform-metrics`, `platform-metrics-rebuild`,
     * `portal-analytics`, `scorecards`). A caller is a user, a service token
     * or, unauthenticated (webhooks), an IP address. Counts are shared by
     * the replicas when `backend.rateLimit.store` names Redis.
     */
    rateLimit?: {
      [name: string]: {
        /** Requests per window; each plugin has its own default. */
        limit?: number;
        /** The window, e.g. `{ minutes: 1 }` or `PT1M`. */
        window?: HumanDuration | string;
      };
    };
  };
}
