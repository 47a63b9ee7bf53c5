import { randomUUID } from 'node:crypto';
import { PortalClient } from '../client';
import { CliError, EXIT } from '../errors';
import { Output } from '../format';
import { portalUrl } from '../session';

/**
 * Records one deployment for DORA, from CI, with a service token
 * (`backend.auth.externalAccess`) through the platform-metrics event API.
 */
export async function deployEvent(
  args: {
    service?: string;
    repository?: string;
    status: string;
    commit?: string[];
    environment: string;
    deployedAt?: string;
    id?: string;
    rollback?: boolean;
    hotfix?: boolean;
    token?: string;
    url?: string;
    json?: boolean;
  },
  io: Output,
) {
  const token = args.token ?? process.env.PORTAL_TOKEN;
  if (!token) {
    throw new CliError(
      'deploy-event needs a CI service token: --token or PORTAL_TOKEN.',
      EXIT.usage,
    );
  }
  if (!args.service && !args.repository) {
    throw new CliError('Give --service or --repository.', EXIT.usage);
  }
  const client = new PortalClient(portalUrl(args.url), token);
  let entityRef: string | undefined;
  if (args.service) {
    entityRef = args.service.includes(':')
      ? args.service
      : `component:default/${args.service}`;
  }
  const event = {
    id: args.id ?? randomUUID(),
    ...(entityRef ? { entityRef } : {}),
    ...(args.repository ? { repository: args.repository } : {}),
    environment: args.environment,
    status: args.status,
    commitShas: args.commit ?? [],
    deployedAt: args.deployedAt ?? new Date().toISOString(),
    rollback: Boolean(args.rollback),
    hotfix: Boolean(args.hotfix),
  };
  const result = await client
    .post<{
      accepted: number;
      duplicates: number;
      unmapped: number;
    }>('/api/platform-metrics/events/deployments', event, 'Deployment')
    .catch(error => {
      if (error instanceof CliError && error.exitCode === EXIT.notSignedIn) {
        throw new CliError(
          `The portal did not accept this token for deployment events: give a CI service token (backend.auth.externalAccess).`,
          EXIT.notSignedIn,
        );
      }
      throw error;
    });
  if (args.json) {
    io.out(JSON.stringify({ id: event.id, ...result }));
  } else if (result.accepted) {
    io.out(
      `Recorded deployment ${event.id} (${event.status}, ${event.environment}).`,
    );
  } else if (result.duplicates) {
    io.out(`Deployment ${event.id} was recorded before; nothing changed.`);
  }
  if (result.unmapped) {
    throw new CliError(
      `The portal knows no service ${
        entityRef ?? `with repository ${args.repository}`
      } to record this deployment for.`,
      EXIT.notFound,
    );
  }
}
