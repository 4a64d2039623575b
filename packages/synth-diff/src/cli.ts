import { writeFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { changedStacks } from './changed-stacks';
import { diffStackSets } from './diff-stacks';
import { SynthDiffUsageError } from './errors';
import { loadStacks } from './load-stacks';
import { renderMarkdown } from './render-markdown';
import type { DiffReport } from './types';

/** Where the command line writes; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

interface CliOptions {
  readonly base: string;
  readonly head: string;
  readonly format: 'markdown' | 'json';
  readonly stack?: string[];
  readonly title?: string;
  readonly maxLength?: number;
  readonly output?: string;
  readonly fullDiff?: string;
}

/**
 * Runs the `synth-diff` command line and returns its exit code: 0 when the diff was printed (changes
 * or not), 1 on bad input.
 *
 * @example
 * process.exitCode = runCli(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
 */
export function runCli(args: readonly string[], io: CliIo): number {
  if (args[0] === CHANGED_STACKS) {
    return runChangedStacks(args.slice(1), io);
  }
  const program = new Command('synth-diff')
    .description(
      'Summarize what changed between two cdktf synth outputs, stack by stack, policies statement by statement.',
    )
    .requiredOption(
      '--base <dir>',
      'synth output of the base commit (cdktf.out, its stacks folder, or one stack folder)',
    )
    .requiredOption('--head <dir>', 'synth output of the head commit')
    .addOption(
      new Option('--format <format>', 'output format').choices(['markdown', 'json']).default('markdown'),
    )
    .option('--stack <name...>', 'only these stacks (one comment per stack)')
    .option('--title <text>', 'Markdown heading; empty for none')
    .option(
      '--max-length <chars>',
      'size budget: trim unchanged context, then whole blocks, never a changed value',
      parsePositiveInt,
    )
    .option('--full-diff <markdown>', 'where the whole diff can be read, printed when something is left out')
    .option('--output <file>', 'write to a file instead of standard output')
    .addHelpText(
      'after',
      `\nCommands:\n  ${CHANGED_STACKS} --base <dir> --head <dir>  list the changed stacks in apply order (synth-diff ${CHANGED_STACKS} --help)`,
    )
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  const parseFailure = parseArguments(program, args);
  if (parseFailure !== undefined) return parseFailure;

  const options = program.opts<CliOptions>();
  try {
    const report = selectStacks(
      diffStackSets(loadStacks(options.base, '--base'), loadStacks(options.head, '--head')),
      options.stack,
    );
    const text =
      options.format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : renderMarkdown(report, {
            ...(options.title === undefined ? {} : { title: options.title }),
            ...(options.maxLength === undefined ? {} : { maxLength: options.maxLength }),
            ...(options.fullDiff === undefined ? {} : { fullDiff: options.fullDiff }),
          });
    if (options.output === undefined) {
      io.stdout(text);
    } else {
      writeFileSync(options.output, text);
    }
    return 0;
  } catch (error) {
    io.stderr(`synth-diff: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

const CHANGED_STACKS = 'changed-stacks';

interface ChangedStacksCliOptions {
  readonly base: string;
  readonly head: string;
  readonly format: 'json' | 'text';
  readonly environments?: string[];
  readonly output?: string;
}

/**
 * `synth-diff changed-stacks`: the stacks that changed between two synth outputs, in apply order
 * (per environment the organization stack `<env>`, then its workload stacks), as JSON whose arrays
 * serve as GitHub Actions matrices, or one stack per line with `--format text`.
 */
function runChangedStacks(args: readonly string[], io: CliIo): number {
  const program = new Command(`synth-diff ${CHANGED_STACKS}`)
    .description(
      'List the stacks whose synthesized Terraform changed (resources, data sources, providers, variables, outputs or settings), in apply order: per environment the organization stack <env>, then its workload stacks <env>-<workload> (dependencies from the head manifest).',
    )
    .requiredOption('--base <dir>', 'synth output of the base commit (cdktf.out or its stacks folder)')
    .requiredOption('--head <dir>', 'synth output of the head commit')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'text']).default('json'))
    .option(
      '--environments <name...>',
      'environments in apply order (dev staging prod); a changed stack of any other environment is an error',
    )
    .option('--output <file>', 'write to a file instead of standard output')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  const parseFailure = parseArguments(program, args);
  if (parseFailure !== undefined) return parseFailure;
  const options = program.opts<ChangedStacksCliOptions>();
  try {
    const report = diffStackSets(loadStacks(options.base, '--base'), loadStacks(options.head, '--head'));
    const changed = changedStacks(report, options.base, options.head, {
      ...(options.environments === undefined ? {} : { environments: options.environments }),
    });
    const text =
      options.format === 'json'
        ? `${JSON.stringify(changed)}\n`
        : changed.details.map((detail) => `${detail.stack}\t${detail.status}\n`).join('');
    if (options.output === undefined) {
      io.stdout(text);
    } else {
      writeFileSync(options.output, text);
    }
    return 0;
  } catch (error) {
    io.stderr(`synth-diff ${CHANGED_STACKS}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function selectStacks(report: DiffReport, names: readonly string[] | undefined): DiffReport {
  if (names === undefined) {
    return report;
  }
  const known = new Set(report.stacks.map((stack) => stack.stack));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new SynthDiffUsageError(
      `--stack: no stack named ${unknown.map((name) => JSON.stringify(name)).join(', ')} on either side; known stacks: ${[...known].join(', ') || '(none)'}.`,
    );
  }
  return { stacks: report.stacks.filter((stack) => names.includes(stack.stack)) };
}

function parsePositiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new InvalidArgumentError('must be a positive whole number of characters.');
  }
  return parsed;
}

/** Parses the arguments; a usage error (already printed by commander) gives its exit code, anything else throws. */
function parseArguments(program: Command, args: readonly string[]): number | undefined {
  try {
    program.parse([...args], { from: 'user' });
    return undefined;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    throw error;
  }
}
