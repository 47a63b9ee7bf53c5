import { Config, ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { ScmIntegrations } from '@backstage/integration';

/**
 * The integrations the GitHub publisher writes with. With
 * `goldenPaths.publish.github.token`, the publisher's host gets that token
 * (allowed to create repositories) while every reader of the portal keeps
 * the `integrations.github` one (read-only, on the repositories the portal
 * reads): a credential that can write is never the one that reads.
 */
export function publishIntegrations(
  config: Config,
  host: string,
  token: string | undefined,
): ScmIntegrations {
  if (!token) return ScmIntegrations.fromConfig(config);
  const entries = (config.getOptionalConfigArray('integrations.github') ?? [])
    .map(entry => entry.get<JsonObject>())
    .filter(entry => entry.host !== host);
  const existing = config
    .getOptionalConfigArray('integrations.github')
    ?.find(entry => entry.getString('host') === host);
  const apiBaseUrl = existing?.getOptionalString('apiBaseUrl');
  return ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: {
        github: [
          ...entries,
          { host, token, ...(apiBaseUrl ? { apiBaseUrl } : {}) },
        ],
      },
    }),
  );
}
