import { Entity, entityUrl, findEntity, refOf, titleOf } from '../catalog';
import { CliError, EXIT } from '../errors';
import { Output } from '../format';
import { signedIn } from '../session';

interface TaskEvent {
  id: number;
  type: 'log' | 'completion' | 'cancelled' | 'recovered';
  body: {
    message?: string;
    stepId?: string;
    status?: string;
    output?: TaskOutput;
  };
}
interface TaskOutput {
  links?: Array<{ title?: string; url?: string; entityRef?: string }>;
  text?: Array<{ title?: string; content?: string }>;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** `key=value` pairs of --set into template values. */
function extraValues(pairs: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const i = pair.indexOf('=');
    if (i <= 0) {
      throw new CliError(`--set takes key=value, not '${pair}'`, EXIT.usage);
    }
    out[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return out;
}

/** The titles of a template's form fields, by key. */
function fieldTitles(template: Entity): Record<string, string> {
  const parameters = template.spec?.parameters;
  const pages = [parameters].flat() as Array<{
    properties?: Record<string, { title?: unknown }>;
  }>;
  const titles: Record<string, string> = {};
  for (const page of pages) {
    for (const [key, field] of Object.entries(page?.properties ?? {})) {
      if (typeof field?.title === 'string') titles[key] = field.title;
    }
  }
  return titles;
}

/**
 * Form values the path requires and the command line did not give (the
 * scaffolder's `requires property "x"`): names them and says how to give them.
 */
function withSetHint(template: Entity) {
  return (error: unknown): never => {
    if (!(error instanceof CliError)) throw error;
    const missing = [
      ...error.message.matchAll(/requires property "([^"]+)"/g),
    ].map(m => m[1]);
    if (!missing.length) throw error;
    const titles = fieldTitles(template);
    const fields = missing.map(
      key => `${titles[key] ?? key} (--set ${key}=<value>)`,
    );
    throw new CliError(
      `${error.message}. Missing: ${fields.join(', ')}.`,
      error.exitCode,
    );
  };
}

/** Runs a golden path through the scaffolder API, showing each step as it goes. */
export async function create(
  args: {
    path: string;
    name: string;
    owner: string;
    system?: string;
    description?: string;
    set?: string[];
    url?: string;
    json?: boolean;
  },
  io: Output,
) {
  const client = await signedIn(args.url);
  const progress = (text: string) => {
    // With --json, standard output carries the result only.
    if (args.json) io.err(text);
    else io.out(text);
  };
  const [template, owner, system] = await Promise.all([
    findEntity(client, 'template', args.path),
    findEntity(client, 'group', args.owner),
    args.system ? findEntity(client, 'system', args.system) : undefined,
  ]);
  const values: Record<string, string> = {
    name: args.name,
    owner: refOf(owner),
    ...(system ? { system: refOf(system) } : {}),
    ...(args.description !== undefined
      ? { description: args.description }
      : {}),
    ...extraValues(args.set),
  };
  const { id } = await client
    .post<{ id: string }>(
      '/api/scaffolder/v2/tasks',
      { templateRef: refOf(template), values },
      `Creating ${args.name}`,
    )
    .catch(withSetHint(template));
  const task = await client.get<{
    spec?: { steps?: Array<{ id: string; name?: string }> };
  }>(`/api/scaffolder/v2/tasks/${id}`);
  const steps = task.spec?.steps ?? [];
  const stepName = (stepId: string) =>
    steps.find(s => s.id === stepId)?.name ?? stepId;
  const position = (stepId: string) =>
    `[${steps.findIndex(s => s.id === stepId) + 1}/${steps.length}]`;
  progress(
    `Creating ${args.name} from ${titleOf(template)} for ${titleOf(
      owner,
    )} (task ${id})`,
  );

  const lastMessage = new Map<string, string>();
  let failedStep: string | undefined;
  let completion: TaskEvent | undefined;
  let after: number | undefined;
  const deadline = Date.now() + 10 * 60_000;
  while (!completion) {
    if (Date.now() > deadline) {
      throw new CliError(
        `The run is still going after 10 minutes; follow it in the portal: ${client.url}/create/tasks/${id}`,
      );
    }
    const events = await client.get<TaskEvent[]>(
      `/api/scaffolder/v2/tasks/${id}/events`,
      after === undefined ? undefined : { after },
    );
    for (const e of events) {
      after = e.id;
      const { stepId, status, message } = e.body;
      if (e.type === 'completion' || e.type === 'cancelled') {
        completion = e;
        continue;
      }
      if (!stepId) continue;
      // A failed step's event carries its error (with its stack).
      if (status === 'failed' && message) {
        lastMessage.set(
          stepId,
          message.split('\n')[0].replace(/^\w*Error: /, ''),
        );
      }
      if (status === 'processing') {
        progress(`${position(stepId)} ${stepName(stepId)} ...`);
      } else if (status === 'completed') {
        progress(`${position(stepId)} ${stepName(stepId)}: done`);
      } else if (status === 'skipped') {
        progress(`${position(stepId)} ${stepName(stepId)}: skipped`);
      } else if (status === 'failed') {
        failedStep = failedStep ?? stepId;
        progress(`${position(stepId)} ${stepName(stepId)}: failed`);
      }
    }
    if (!completion) await sleep(300);
  }

  const output = completion.body.output ?? {};
  const entityRef = output.links?.find(l => l.entityRef)?.entityRef;
  const repository =
    output.links?.find(l => l.url && /repo|git/i.test(`${l.title} ${l.url}`))
      ?.url ??
    output.text
      ?.map(t => /git clone (\S+)/.exec(t.content ?? '')?.[1])
      .find(Boolean);
  const failed =
    completion.type === 'cancelled' ||
    Boolean(failedStep) ||
    /failed/.test(completion.body.message ?? '');
  if (failed) {
    const step = failedStep ?? '';
    const why = (step && lastMessage.get(step)) || completion.body.message;
    throw new CliError(
      `The golden path failed${step ? ` at "${stepName(step)}"` : ''}: ${why}`,
      EXIT.rejected,
    );
  }
  const result = {
    taskId: id,
    status: 'completed',
    entityRef: entityRef ?? null,
    catalogUrl: entityRef ? entityUrl(client.url, entityRef) : null,
    repository: repository ?? null,
  };
  if (args.json) {
    io.out(JSON.stringify(result));
    return;
  }
  io.out(`Created ${args.name}.`);
  if (result.repository) io.out(`Repository: ${result.repository}`);
  if (result.catalogUrl) io.out(`In the catalog: ${result.catalogUrl}`);
}
