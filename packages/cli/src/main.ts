import yargs from 'yargs';
import { login, logout, whoami } from './commands/auth';
import { create } from './commands/create';
import { deployEvent } from './commands/deployEvent';
import {
  feedback,
  FEEDBACK_CATEGORIES,
  FEEDBACK_SEVERITIES,
  whatsnew,
} from './commands/feedback';
import { kpis } from './commands/kpis';
import { status } from './commands/status';
import { CliError, EXIT } from './errors';
import { Output, processOutput } from './format';
import { DEFAULT_URL } from './session';

const EPILOGUE = `Exit codes: 0 ok, 1 error, 2 usage, 3 not signed in, 4 permission refused, 5 not found, 6 input refused or run failed.
Docs: docs/cli.md in the portal's repository (TechDocs: "The portal CLI").`;

/** Runs the CLI on the given arguments (without node and script); resolves to the exit code. */
export async function main(
  argv: string[],
  io: Output = processOutput,
): Promise<number> {
  let code: number = EXIT.ok;
  const run =
    <A>(handler: (args: A, io: Output) => Promise<void>) =>
    async (args: A) => {
      await handler(args, io);
    };
  const parser = yargs(argv)
    .scriptName('portal')
    .usage('$0 <command> [options]\n\nThe developer portal from the terminal.')
    .option('url', {
      type: 'string',
      describe: `The portal's address (default: the signed-in one, PORTAL_URL, or ${DEFAULT_URL})`,
      global: true,
    })
    .option('json', {
      type: 'boolean',
      describe: 'Print the result as JSON (for scripts)',
      global: true,
    })
    .command(
      'login',
      'Sign in (in the browser, or --user / --token) and store the token in ~/.config/portal',
      y =>
        y
          .option('user', {
            type: 'string',
            describe: 'Demo sign-in as this catalog User (e.g. priya.sharma)',
          })
          .option('token', {
            type: 'string',
            describe: 'A token issued by the portal (production)',
          })
          .option('browser', {
            type: 'boolean',
            default: true,
            describe:
              'Without --user or --token: open the browser to sign in (--no-browser only prints the address)',
          })
          .example('$0 login', 'sign in with the portal in your browser')
          .example('$0 login --user priya.sharma', 'demo portal on :3000')
          .example(
            '$0 login --url http://localhost:7007 --user sam.okafor',
            'start.sh --dev (API on :7007)',
          ),
      run(login),
    )
    .command('logout', 'Forget the stored sign-in', y => y, run(logout))
    .command(
      'whoami',
      'Who you are signed in as, and your teams',
      y => y,
      run(whoami),
    )
    .command(
      'create <path>',
      'Create a service or resource from a golden path, showing each step',
      y =>
        y
          .positional('path', {
            type: 'string',
            demandOption: true,
            describe: 'The golden path: its name (nodejs-api) or title',
          })
          .option('name', {
            type: 'string',
            demandOption: true,
            describe: 'Name of the new service (lower case, dashes)',
          })
          .option('owner', {
            type: 'string',
            demandOption: true,
            describe: 'The owning team: name, ref or title',
          })
          .option('system', {
            type: 'string',
            describe: 'The system it belongs to',
          })
          .option('description', {
            type: 'string',
            describe: 'One line about it',
          })
          .option('set', {
            type: 'string',
            array: true,
            describe: 'Any other template value, key=value (repeatable)',
          })
          .example(
            '$0 create nodejs-api --name orders-api --owner checkout-core-team --system payment-system --description "Orders" --set pagerdutyServiceId=PORD3R5',
            '',
          ),
      run(create as (a: unknown, io: Output) => Promise<void>),
    )
    .command(
      'status <service>',
      'Owner, lifecycle, golden path and drift, DORA (30 days), scorecards, open friction',
      y =>
        y.positional('service', {
          type: 'string',
          demandOption: true,
          describe: 'The service: its name or title',
        }),
      run(status as (a: unknown, io: Output) => Promise<void>),
    )
    .command(
      'feedback <service> <text>',
      'Report friction on a service to the platform team',
      y =>
        y
          .positional('service', { type: 'string', demandOption: true })
          .positional('text', {
            type: 'string',
            demandOption: true,
            describe: 'What hurts, in your words',
          })
          .option('anonymous', {
            type: 'boolean',
            describe:
              'No one, not even the platform team, sees who reported it',
          })
          .option('category', {
            choices: FEEDBACK_CATEGORIES,
            default: 'other',
          })
          .option('severity', {
            choices: FEEDBACK_SEVERITIES,
            default: 'medium',
          }),
      run(feedback as (a: unknown, io: Output) => Promise<void>),
    )
    .command(
      'whatsnew',
      'What the platform team shipped lately (the weekly changelog)',
      y =>
        y.option('weeks', {
          type: 'number',
          default: 4,
          describe: 'How many weeks back (1-52)',
        }),
      run(whatsnew as (a: unknown, io: Output) => Promise<void>),
    )
    .command(
      'kpis',
      'The platform KPIs against their targets',
      y => y,
      run(kpis),
    )
    .command(
      'deploy-event',
      'Record a deployment for DORA (from CI, with a service token)',
      y =>
        y
          .option('service', {
            type: 'string',
            describe: 'Service name or entity ref',
          })
          .option('repository', {
            type: 'string',
            describe: 'Or its repository, owner/name',
          })
          .option('status', {
            choices: ['success', 'failure'] as const,
            demandOption: true,
          })
          .option('commit', {
            type: 'string',
            array: true,
            describe: 'A commit SHA deployed (repeatable)',
          })
          .option('environment', { type: 'string', default: 'production' })
          .option('deployed-at', {
            type: 'string',
            describe: 'When (ISO time; default now)',
          })
          .option('id', {
            type: 'string',
            describe:
              'The CI run id: the same event sent again changes nothing (default: a new id)',
          })
          .option('rollback', { type: 'boolean' })
          .option('hotfix', { type: 'boolean' })
          .option('token', {
            type: 'string',
            describe: 'CI service token (default: PORTAL_TOKEN)',
          }),
      run(deployEvent as (a: unknown, io: Output) => Promise<void>),
    )
    .completion('completion', 'Print the shell completion script (bash, zsh)')
    .demandCommand(1, 'Name a command; see portal --help')
    .recommendCommands()
    .strict()
    .help()
    .alias('help', 'h')
    .version(false)
    .wrap(Math.min(110, process.stdout.columns ?? 110))
    .epilogue(EPILOGUE)
    .exitProcess(false)
    .fail((message, error) => {
      if (error) throw error;
      throw new CliError(`${message}\nSee: portal --help`, EXIT.usage);
    });
  try {
    await parser.parseAsync();
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`portal: ${e.message}`);
      code = e.exitCode;
    } else {
      io.err(`portal: ${e instanceof Error ? e.message : String(e)}`);
      code = EXIT.error;
    }
  }
  return code;
}
