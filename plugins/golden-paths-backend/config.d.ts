export interface Config {
  goldenPaths?: {
    publish?: {
      /**
       * Where golden paths publish new repositories: `local` (bare git
       * repositories on the backend's disk, the default) or `github`.
       */
      target?: 'local' | 'github';
      /** Folder of the local bare repositories (relative to the backend's working directory). */
      localDir?: string;
      github?: {
        /** GitHub organisation or user that receives new repositories. */
        owner: string;
        /** Host of the GitHub integration, default github.com. */
        host?: string;
        /**
         * Token that creates the repositories (publishing only); without it,
         * the `integrations.github` token of the host, which the portal also
         * reads with. Keep them apart in production (docs/security.md).
         * @visibility secret
         */
        token?: string;
      };
    };
  };
}
