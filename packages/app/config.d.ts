export interface Config {
  portal?: {
    /**
     * Demo mode: the sign-in page lets a person pick which catalog User to be.
     * Must be false in production.
     * @visibility frontend
     */
    demoMode?: boolean;
    /**
     * Users offered on the demo sign-in page.
     * @visibility frontend
     */
    demoUsers?: Array<{
      /**
       * metadata.name of a User entity.
       * @visibility frontend
       */
      name: string;
      /**
       * Who this user is, e.g. "Backend developer, checkout-core-team".
       * @visibility frontend
       */
      description?: string;
    }>;
    /**
     * Entity ref of the platform team's Group; its members may unregister any
     * catalog entity.
     */
    platformTeam?: string;
  };
}
