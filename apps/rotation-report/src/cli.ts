import { writeFileSync } from 'node:fs';
import { partitionOf } from '@credential-rotation/environment-config';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { auditRoleArn, roleFromTemplate } from './audit-role';
import type { AwsAccessOptions } from './aws-clients';
import { buildReport } from './build-report';
import { DEFAULTS, EXIT_CODES, FAIL_ON_KINDS, FORMATS } from './constants';
import type { FailOnKind, Format } from './constants';
import { EnvironmentLoadError, ReportUsageError } from './errors';
import { exitCodeOf } from './findings';
import { loadEnvironment } from './load-environment';
import { parseDuration } from './parse-duration';
import { createProgress } from './progress';
import { renderReport } from './render';

/** Where the command line reads and writes; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when stderr is a terminal: the progress bar is drawn only there. */
  readonly stderrIsTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
  /** Base AWS credentials. @default - the SDK's default provider chain */
  readonly credentials?: AwsAccessOptions['credentials'];
}

interface ReportOptions {
  readonly env: string;
  readonly format: Format;
  readonly out?: string;
  readonly since: number;
  readonly asOf?: Date;
  readonly failOn: FailOnKind[];
  readonly config?: string;
  readonly endpointUrl?: string;
  readonly role?: string;
  readonly assumeRole: boolean;
  readonly accountConcurrency: number;
  readonly requestConcurrency: number;
  readonly maxAttempts: number;
  readonly stuckAfter?: number;
}

/** Errors that name a bad input: one clean line, no stack. */
const INPUT_ERRORS = [ReportUsageError, EnvironmentLoadError];

/**
 * Runs `credential-rotation <command>` and resolves to the exit code: 0 compliant, 1 findings
 * matching `--fail-on`, 2 could not complete (bad input, or an account that could not be read).
 *
 * @example
 * process.exitCode = await runCli(['report', '--env', 'prod'], { stdout, stderr, stderrIsTTY: false, env: process.env });
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT_CODES.compliant;
  const program = new Command('credential-rotation')
    .description('Operations tools for database credential rotation.')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('report')
    .description(
      'Rotation health and compliance of every managed secret of an environment (metadata only, never a value).',
    )
    .requiredOption('--env <name>', 'environment (a folder under environments/)')
    .addOption(
      new Option('--format <format>', 'output format').choices([...FORMATS]).default(DEFAULTS.format),
    )
    .option('--out <file>', 'write the report to a file instead of standard output')
    .addOption(
      new Option('--since <duration>', 'look-back for failures and break-glass activity (30m, 12h, 7d, 2w)')
        .argParser(parseSince)
        .default(parseSince(DEFAULTS.since), DEFAULTS.since),
    )
    .addOption(
      new Option(
        '--fail-on <kinds>',
        `exit 1 when a finding of these kinds exists (${FAIL_ON_KINDS.join(',')})`,
      )
        .argParser(parseFailOn)
        .default([], 'none'),
    )
    .option('--as-of <time>', 'judge rotation ages at this ISO 8601 instant instead of now', parseInstant)
    .option(
      '--config <file>',
      'environment config (.json or CommonJS module) instead of the environments workspace',
    )
    .option('--endpoint-url <url>', 'one endpoint for every AWS service (a local emulator or proxy)')
    .option(
      '--role <arn>',
      'role to assume in each account; {accountId}, {partition} and {env} are replaced (default: the audit role, see auditRoleArn)',
    )
    .option('--no-assume-role', 'use the current credentials in every account (single-account runs)')
    .option(
      '--account-concurrency <n>',
      'accounts and regions read at once',
      parsePositiveInt,
      DEFAULTS.accountConcurrency,
    )
    .option(
      '--request-concurrency <n>',
      'per-secret API calls in flight at once',
      parsePositiveInt,
      DEFAULTS.requestConcurrency,
    )
    .option(
      '--max-attempts <n>',
      'SDK attempts per call (adaptive retry)',
      parsePositiveInt,
      DEFAULTS.maxAttempts,
    )
    .option(
      '--stuck-after <duration>',
      'AWSPENDING older than this is stuck (default: the rotation window or the function retry horizon)',
      parseSince,
    )
    .action(async (options: ReportOptions) => {
      exitCode = await report(options, io);
    });

  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : EXIT_CODES.incomplete;
    }
    if (INPUT_ERRORS.some((kind) => error instanceof kind)) {
      io.stderr(`credential-rotation: ${(error as Error).message}\n`);
      return EXIT_CODES.incomplete;
    }
    throw error;
  }
  return exitCode;
}

async function report(options: ReportOptions, io: CliIo): Promise<number> {
  const environment = loadEnvironment(options.env, options.config);
  const partition = partitionOf(environment.config.region);
  const asOf = options.asOf ?? new Date();
  const result = await buildReport({
    environment,
    since: new Date(asOf.getTime() - options.since),
    asOf,
    access: {
      maxAttempts: options.maxAttempts,
      roleSessionName: DEFAULTS.roleSessionName,
      ...(options.endpointUrl === undefined ? {} : { endpoint: options.endpointUrl }),
      ...(io.credentials === undefined ? {} : { credentials: io.credentials }),
    },
    roleFor: (accountId) => {
      if (!options.assumeRole) return undefined;
      return options.role === undefined
        ? auditRoleArn(partition, accountId, environment.name)
        : roleFromTemplate(options.role, partition, accountId, environment.name);
    },
    accountConcurrency: options.accountConcurrency,
    requestConcurrency: options.requestConcurrency,
    ...(options.stuckAfter === undefined ? {} : { stuckAfterMs: options.stuckAfter }),
    progress: (total) => createProgress(total, { write: io.stderr, isTTY: io.stderrIsTTY }, io.env),
  });
  const text = renderReport(result, options.format);
  if (options.out === undefined) io.stdout(text);
  else writeFileSync(options.out, text);
  for (const account of result.accounts.filter((a) => a.status !== 'ok')) {
    io.stderr(
      `credential-rotation: account ${account.accountId} (${account.name}) ${account.status}: ${account.problems.join('; ')}\n`,
    );
  }
  return exitCodeOf(result, options.failOn);
}

function parseSince(value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined) throw new InvalidArgumentError('must be a duration like 30m, 12h, 7d or 2w.');
  return ms;
}

function parseFailOn(value: string): FailOnKind[] {
  const kinds = value
    .split(',')
    .map((kind) => kind.trim())
    .filter((kind) => kind !== '');
  const unknown = kinds.filter((kind) => !(FAIL_ON_KINDS as readonly string[]).includes(kind));
  if (unknown.length > 0) {
    throw new InvalidArgumentError(
      `unknown kind ${unknown.map((k) => JSON.stringify(k)).join(', ')}; use ${FAIL_ON_KINDS.join(',')}.`,
    );
  }
  return kinds as FailOnKind[];
}

function parseInstant(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new InvalidArgumentError('must be an ISO 8601 time like 2026-01-31T00:00:00Z.');
  return date;
}

function parsePositiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new InvalidArgumentError('must be a positive whole number.');
  return parsed;
}
