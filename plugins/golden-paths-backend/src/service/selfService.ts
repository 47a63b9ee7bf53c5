import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
  ServiceUnavailableError,
} from '@backstage/errors';

/** A self-service order's outcome. */
export interface OrderResult {
  taskId: string;
  status: 'completed' | 'processing';
  /** The new catalog Resource, once the run completed. */
  entityRef?: string;
  /** What the run says about its result (e.g. where the claim was committed). */
  text: string[];
}

type TaskEvent = {
  type: string;
  body: {
    message?: string;
    stepId?: string;
    error?: { name?: string; message?: string };
    output?: {
      links?: Array<{ entityRef?: string }>;
      text?: Array<{ title?: string; content?: string }>;
    };
  };
};

const REFUSALS: Record<string, new (message: string) => Error> = {
  NotAllowedError,
  InputError,
  NotFoundError,
  ConflictError,
};

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Runs one of the catalog's self-service templates as the person who asks,
 * through the scaffolder's own API (`POST /v2/tasks` with a token on their
 * behalf): the template's parameter schema, its validate step (own team
 * only) and the policy apply exactly as in the browser. Waits up to
 * `waitMs` for the run; a run the template refused is thrown as that
 * refusal.
 */
export async function runSelfServiceTemplate(options: {
  auth: AuthService;
  discovery: DiscoveryService;
  credentials: BackstageCredentials<BackstageUserPrincipal>;
  templateRef: string;
  values: Record<string, string>;
  waitMs?: number;
}): Promise<OrderResult> {
  const { auth, discovery, credentials } = options;
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: credentials,
    targetPluginId: 'scaffolder',
  });
  const baseUrl = await discovery.getBaseUrl('scaffolder');
  const call = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${baseUrl}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      },
    });
    if (!res.ok) {
      const error = await ResponseError.fromResponse(res);
      const Refusal = REFUSALS[error.body.error.name];
      throw Refusal ? new Refusal(error.body.error.message) : error;
    }
    return res.json();
  };

  const { id: taskId } = (await call('/v2/tasks', {
    method: 'POST',
    body: JSON.stringify({
      templateRef: options.templateRef,
      values: options.values,
    }),
  })) as { id: string };

  const deadline = Date.now() + (options.waitMs ?? 60_000);
  for (;;) {
    const task = (await call(`/v2/tasks/${encodeURIComponent(taskId)}`)) as {
      status: string;
    };
    if (task.status === 'completed' || task.status === 'failed') break;
    if (task.status === 'cancelled') {
      throw new ConflictError(`The order (task ${taskId}) was cancelled`);
    }
    if (Date.now() > deadline) {
      return { taskId, status: 'processing', text: [] };
    }
    await sleep(500);
  }

  const events = (await call(
    `/v2/tasks/${encodeURIComponent(taskId)}/events`,
  )) as TaskEvent[];
  const completion = events.filter(e => e.type === 'completion').pop();
  const error = completion?.body.error;
  if (error) {
    const Refusal = REFUSALS[error.name ?? ''];
    const message = error.message ?? 'the run failed';
    throw Refusal
      ? new Refusal(message)
      : new ServiceUnavailableError(
          `The order (task ${taskId}) failed: ${message}`,
        );
  }
  const output = completion?.body.output;
  return {
    taskId,
    status: 'completed',
    entityRef: output?.links?.find(l => l.entityRef)?.entityRef,
    text: (output?.text ?? []).map(t => t.content ?? '').filter(Boolean),
  };
}
