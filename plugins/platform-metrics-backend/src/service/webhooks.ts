import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod/v3';
import {
  ChangeEvent,
  DeploymentEvent,
  IncidentEvent,
} from '@internal/plugin-platform-metrics-common';

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function hmacHex(secret: string, body: Buffer): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** Checks GitHub's `X-Hub-Signature-256: sha256=<hex>` against the raw body. */
export function verifyGithubSignature(
  secret: string,
  body: Buffer,
  header: string | undefined,
): boolean {
  if (!header || !header.startsWith('sha256=')) return false;
  return safeEqual(header, `sha256=${hmacHex(secret, body)}`);
}

/**
 * Checks PagerDuty's `X-PagerDuty-Signature: v1=<hex>[,v1=<hex>...]` (several
 * signatures while a secret rotates) against the raw body.
 */
export function verifyPagerDutySignature(
  secret: string,
  body: Buffer,
  header: string | undefined,
): boolean {
  if (!header) return false;
  const expected = `v1=${hmacHex(secret, body)}`;
  return header
    .split(',')
    .map(s => s.trim())
    .some(s => safeEqual(s, expected));
}

/** What one webhook delivery turns into. */
export type WebhookEvents =
  | { kind: 'deployments'; events: DeploymentEvent[] }
  | { kind: 'changes'; events: ChangeEvent[] }
  | { kind: 'incidents'; events: IncidentEvent[] }
  | { kind: 'ignored'; reason: string };

const repo = z.object({
  full_name: z.string(),
  default_branch: z.string().optional(),
});
const iso = z.string().datetime({ offset: true });

const deploymentStatusPayload = z.object({
  deployment_status: z.object({
    state: z.string(),
    created_at: iso,
    updated_at: iso.optional(),
  }),
  deployment: z.object({
    id: z.number(),
    sha: z.string(),
    environment: z.string(),
    task: z.string().optional(),
    payload: z.unknown().optional(),
  }),
  repository: repo,
});

const pushPayload = z.object({
  ref: z.string(),
  after: z.string(),
  deleted: z.boolean().optional(),
  commits: z.array(
    z.object({
      id: z.string(),
      timestamp: iso,
      message: z.string().optional(),
      distinct: z.boolean().optional(),
    }),
  ),
  repository: repo,
});

const pullRequestPayload = z.object({
  action: z.string(),
  pull_request: z.object({
    number: z.number(),
    title: z.string().optional(),
    merged: z.boolean().nullable().optional(),
    merge_commit_sha: z.string().nullable().optional(),
    created_at: iso,
    merged_at: iso.nullable().optional(),
  }),
  repository: repo,
});

const issuesPayload = z.object({
  action: z.string(),
  issue: z.object({
    id: z.number(),
    number: z.number(),
    title: z.string().optional(),
    state: z.string().optional(),
    created_at: iso,
    closed_at: iso.nullable().optional(),
    labels: z.array(z.object({ name: z.string() })).optional(),
  }),
  repository: repo,
});

export class WebhookPayloadError extends Error {}

/** GitHub deployment states that end a deployment; the others are ignored. */
const DEPLOYMENT_STATES: Record<string, 'success' | 'failure' | undefined> = {
  success: 'success',
  failure: 'failure',
  error: 'failure',
};

function parseOrThrow<S extends z.ZodTypeAny>(
  schema: S,
  input: unknown,
  what: string,
): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const details = result.error.issues
      .map(i => `${i.path.join('.') || what}: ${i.message}`)
      .join('; ');
    throw new WebhookPayloadError(`Invalid ${what} payload: ${details}`);
  }
  return result.data;
}

function flag(payload: unknown, name: string): boolean {
  return Boolean(
    payload &&
      typeof payload === 'object' &&
      (payload as Record<string, unknown>)[name] === true,
  );
}

/** Turns a verified GitHub delivery into delivery events. */
export function githubEvents(
  eventName: string,
  body: unknown,
  incidentLabel = 'incident',
): WebhookEvents {
  switch (eventName) {
    case 'ping':
      return { kind: 'ignored', reason: 'ping' };
    case 'deployment_status': {
      const p = parseOrThrow(
        deploymentStatusPayload,
        body,
        'deployment_status',
      );
      const state = p.deployment_status.state;
      const status = Object.prototype.hasOwnProperty.call(
        DEPLOYMENT_STATES,
        state,
      )
        ? DEPLOYMENT_STATES[state]
        : undefined;
      if (!status) {
        return { kind: 'ignored', reason: `deployment state ${state}` };
      }
      const task = p.deployment.task ?? '';
      return {
        kind: 'deployments',
        events: [
          {
            id: String(p.deployment.id),
            repository: p.repository.full_name,
            environment: p.deployment.environment,
            status,
            commitShas: [p.deployment.sha.toLowerCase()],
            deployedAt: p.deployment_status.created_at,
            rollback:
              task.includes('rollback') ||
              flag(p.deployment.payload, 'rollback'),
            hotfix:
              task.includes('hotfix') || flag(p.deployment.payload, 'hotfix'),
          },
        ],
      };
    }
    case 'push': {
      const p = parseOrThrow(pushPayload, body, 'push');
      const branch = p.repository.default_branch ?? 'main';
      if (p.ref !== `refs/heads/${branch}` || p.deleted) {
        return { kind: 'ignored', reason: `push to ${p.ref}` };
      }
      if (p.commits.length === 0) {
        return { kind: 'ignored', reason: 'push without commits' };
      }
      return {
        kind: 'changes',
        events: p.commits.map(c => ({
          sha: c.id.toLowerCase(),
          repository: p.repository.full_name,
          authoredAt: c.timestamp,
          title: c.message?.split('\n')[0].slice(0, 500),
          // Pushed commits are on the default branch: merged when pushed.
          headSha: p.after.toLowerCase(),
        })) as ChangeEvent[],
      };
    }
    case 'pull_request': {
      const p = parseOrThrow(pullRequestPayload, body, 'pull_request');
      const pr = p.pull_request;
      if (
        p.action !== 'closed' ||
        !pr.merged ||
        !pr.merge_commit_sha ||
        !pr.merged_at
      ) {
        return {
          kind: 'ignored',
          reason: `pull_request ${p.action}${pr.merged ? '' : ' (not merged)'}`,
        };
      }
      return {
        kind: 'changes',
        events: [
          {
            sha: pr.merge_commit_sha.toLowerCase(),
            repository: p.repository.full_name,
            // The pull request's opening stands in for its first commit.
            authoredAt: pr.created_at,
            mergedAt: pr.merged_at,
            title: pr.title?.slice(0, 500),
          },
        ],
      };
    }
    case 'issues': {
      const p = parseOrThrow(issuesPayload, body, 'issues');
      const labelled = (p.issue.labels ?? []).some(
        l => l.name.toLowerCase() === incidentLabel,
      );
      if (!labelled || p.action === 'deleted') {
        return {
          kind: 'ignored',
          reason: `issue not labelled ${incidentLabel}`,
        };
      }
      const closed = p.issue.state === 'closed' && p.issue.closed_at;
      return {
        kind: 'incidents',
        events: [
          {
            id: String(p.issue.id),
            repository: p.repository.full_name,
            title: p.issue.title?.slice(0, 500),
            createdAt: p.issue.created_at,
            resolvedAt: closed ? p.issue.closed_at : null,
          },
        ],
      };
    }
    default:
      return { kind: 'ignored', reason: `event ${eventName}` };
  }
}

const pagerDutyPayload = z.object({
  event: z.object({
    id: z.string(),
    event_type: z.string(),
    resource_type: z.string(),
    occurred_at: iso,
    data: z.object({
      id: z.string(),
      type: z.string(),
      title: z.string().optional(),
      created_at: iso,
      status: z.string().optional(),
      service: z.object({ id: z.string() }),
    }),
  }),
});

/** Turns a verified PagerDuty v3 delivery into incident events. */
export function pagerDutyEvents(body: unknown): WebhookEvents {
  const type = (body as any)?.event?.event_type;
  if (type !== 'incident.triggered' && type !== 'incident.resolved') {
    return { kind: 'ignored', reason: `event ${String(type)}` };
  }
  const p = parseOrThrow(pagerDutyPayload, body, 'PagerDuty');
  const incident = p.event.data;
  return {
    kind: 'incidents',
    events: [
      {
        id: incident.id,
        pagerdutyServiceId: incident.service.id,
        title: incident.title?.slice(0, 500),
        createdAt: incident.created_at,
        // A "triggered" redelivery after the resolution must not reopen it.
        resolvedAt:
          type === 'incident.resolved' ? p.event.occurred_at : undefined,
      },
    ],
  };
}
