// Over 400 lines: the GitHub and PagerDuty payload schemas, their signature
// checks and their mapping to events belong together (one sender each).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod/v3';
import {
  DeploymentEvent,
  eventIdSchema,
  FIELD_LENGTHS,
  isWellFormed,
  MAX_COMMITS_PER_REQUEST,
  repositorySchema,
  shaSchema,
  text,
  timestampSchema,
} from '@internal/plugin-platform-metrics-common';
import { IngestChange, IngestIncident } from './MetricsService';

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
  | { kind: 'changes'; events: IngestChange[] }
  | { kind: 'incidents'; events: IngestIncident[]; deliveryId?: string }
  | { kind: 'ignored'; reason: string };

const repo = z.object({
  full_name: repositorySchema,
  default_branch: z.string().max(255).optional(),
});
const iso = timestampSchema;
/** GitHub's numeric ids. */
const numericId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const anyTitle = z.string().max(1_000_000).optional();

/** A GitHub login, as the portal's sign-in resolver uses it: a User's name. */
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

/** The catalog User a commit's GitHub login names, if it is a login. */
function authorOf(username: string | undefined): string | undefined {
  return username && GITHUB_LOGIN.test(username)
    ? `user:default/${username.toLowerCase()}`
    : undefined;
}

/** Impossible orders of two times: a 400 naming the later field. */
function notBefore<T>(
  later: (v: T) => string | null | undefined,
  earlier: (v: T) => string,
  path: string[],
  earlierName: string,
) {
  return (v: T, ctx: z.RefinementCtx) => {
    const l = later(v);
    if (l && Date.parse(l) < Date.parse(earlier(v))) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path,
        message: `must not be before ${earlierName}`,
      });
    }
  };
}

const deploymentStatusPayload = z.object({
  deployment_status: z.object({
    state: z.string().max(100),
    created_at: iso,
    updated_at: iso.optional(),
  }),
  deployment: z.object({
    id: numericId,
    sha: shaSchema,
    environment: text(FIELD_LENGTHS.environment, 1),
    task: z.string().max(1000).optional(),
    payload: z.unknown().optional(),
  }),
  repository: repo,
});

const pushPayload = z.object({
  ref: z.string().max(1000),
  after: shaSchema,
  deleted: z.boolean().optional(),
  commits: z
    .array(
      z.object({
        id: shaSchema,
        timestamp: iso,
        message: anyTitle,
        distinct: z.boolean().optional(),
        author: z
          .object({ username: z.string().max(1000).optional() })
          .nullish(),
      }),
    )
    .max(MAX_COMMITS_PER_REQUEST),
  repository: repo,
});

const pullRequestPayload = z.object({
  action: z.string().max(100),
  pull_request: z
    .object({
      number: numericId,
      title: anyTitle,
      merged: z.boolean().nullable().optional(),
      merge_commit_sha: shaSchema.nullable().optional(),
      created_at: iso,
      merged_at: iso.nullable().optional(),
    })
    .superRefine(
      notBefore(
        v => v.merged_at,
        v => v.created_at,
        ['merged_at'],
        'pull_request.created_at',
      ),
    ),
  repository: repo,
});

const issuesPayload = z.object({
  action: z.string().max(100),
  issue: z
    .object({
      id: numericId,
      number: numericId,
      title: anyTitle,
      state: z.string().max(100).optional(),
      created_at: iso,
      updated_at: iso.nullable().optional(),
      closed_at: iso.nullable().optional(),
      labels: z.array(z.object({ name: z.string().max(1000) })).optional(),
    })
    .superRefine(
      notBefore(
        v => v.closed_at,
        v => v.created_at,
        ['closed_at'],
        'issue.created_at',
      ),
    )
    .superRefine(
      notBefore(
        v => v.updated_at,
        v => v.created_at,
        ['updated_at'],
        'issue.created_at',
      ),
    ),
  repository: repo,
});

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * A title from a sender's free text (commit message, issue title) that the
 * title column can hold: its first line, control characters as spaces, at
 * most FIELD_LENGTHS.title characters, never a half surrogate pair.
 */
export function cleanTitle(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let out = value.split('\n')[0].replace(CONTROLS, ' ');
  if (!isWellFormed(out)) {
    out = Array.from(out)
      .map(c => (isWellFormed(c) ? c : '\ufffd'))
      .join('');
  }
  out = out.slice(0, FIELD_LENGTHS.title);
  return isWellFormed(out) ? out : out.slice(0, -1);
}

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

/** A GitHub deployment status: a deployment once it succeeded or failed. */
function githubDeployment(body: unknown): WebhookEvents {
  const p = parseOrThrow(deploymentStatusPayload, body, 'deployment_status');
  const state = p.deployment_status.state;
  const status = Object.prototype.hasOwnProperty.call(DEPLOYMENT_STATES, state)
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
          task.includes('rollback') || flag(p.deployment.payload, 'rollback'),
        hotfix: task.includes('hotfix') || flag(p.deployment.payload, 'hotfix'),
      },
    ],
  };
}

/** A push to the default branch: its commits are changes. */
function githubPush(body: unknown): WebhookEvents {
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
      title: cleanTitle(c.message),
      author: authorOf(c.author?.username ?? undefined),
      // Pushed commits are on the default branch: merged when pushed.
      headSha: p.after.toLowerCase(),
    })),
  };
}

/** A merged pull request: its merge commit is a change. */
function githubPullRequest(body: unknown): WebhookEvents {
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
        title: cleanTitle(pr.title),
      },
    ],
  };
}

/** An issue labelled as incident: opened, then resolved when closed. */
function githubIssue(body: unknown, incidentLabel: string): WebhookEvents {
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
        title: cleanTitle(p.issue.title),
        createdAt: p.issue.created_at,
        resolvedAt: closed ? p.issue.closed_at : null,
        // Orders deliveries: an older one does not move the issue back.
        updatedAt:
          p.issue.updated_at ??
          (closed ? p.issue.closed_at! : p.issue.created_at),
      },
    ],
  };
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
    case 'deployment_status':
      return githubDeployment(body);
    case 'push':
      return githubPush(body);
    case 'pull_request':
      return githubPullRequest(body);
    case 'issues':
      return githubIssue(body, incidentLabel);
    default:
      return { kind: 'ignored', reason: `event ${eventName}` };
  }
}

const pagerDutyPayload = z.object({
  event: z
    .object({
      id: eventIdSchema,
      event_type: z.string(),
      resource_type: z.string().max(100),
      occurred_at: iso,
      data: z.object({
        id: eventIdSchema,
        type: z.string().max(100),
        title: anyTitle,
        created_at: iso,
        status: z.string().max(100).optional(),
        service: z.object({
          id: text(FIELD_LENGTHS.pagerdutyServiceId, 1),
        }),
      }),
    })
    .superRefine(
      notBefore(
        v => v.occurred_at,
        v => v.data.created_at,
        ['occurred_at'],
        'event.data.created_at',
      ),
    ),
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
        title: cleanTitle(incident.title),
        createdAt: incident.created_at,
        // A "triggered" redelivery after the resolution must not reopen it.
        resolvedAt:
          type === 'incident.resolved' ? p.event.occurred_at : undefined,
        updatedAt: p.event.occurred_at,
      },
    ],
    deliveryId: p.event.id,
  };
}
