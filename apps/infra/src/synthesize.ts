import { existsSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Environment, RawEnvironment } from '@credential-rotation/environment-config';
import { environmentStackNames, validateEnvironments } from '@credential-rotation/environment-config';
import { App, TerraformStack } from 'cdktf';
import { addEnvironmentStacks } from './environment-stacks';
import { LayoutMoveError } from './errors';
import type { LayoutMove, LayoutMovePlan } from './layout-move';
import { applyLayoutMove } from './layout-move';
import type { SynthWorkerInput, SynthWorkerOutput } from './synth-worker';
import type { ManifestEntries, SynthesizeStacksOptions } from './synthesize-stacks';
import { synthesizeStacks } from './synthesize-stacks';
import { disableTokenStackTraces } from './token-stack-traces';

/** Overrides the number of threads a large `stack-per-account` environment is synthesized with. */
export const SYNTH_THREADS_VARIABLE = 'CREDENTIAL_ROTATION_SYNTH_THREADS';
/** A thread costs about half a second to start (it loads the provider): fewer stacks stay in one. */
const MIN_STACKS_PER_THREAD = 25;

export interface SynthesizeOptions {
  readonly environments: readonly RawEnvironment[];
  /** Returns the bundle path; only called once every config is valid. */
  readonly lambdaZipPath: () => string;
  /** @default - CDKTF_OUTDIR (set by the cdktf CLI), else cdktf.out */
  readonly outdir?: string;
  /** Problems found while loading, reported with the validation problems. @default - none */
  readonly loadProblems?: readonly string[];
  /**
   * Synthesize one environment's move between layouts: `import` blocks in the stacks that receive
   * resources, `removed` blocks (destroy = false) in the stacks that give them up (layout-move.ts).
   * @default - no move: each environment's stacks in its configured layout only
   */
  readonly move?: LayoutMove;
  /**
   * Threads that synthesize the workload stacks of a `stack-per-account` environment, at least 25
   * stacks each (the stacks share nothing, so the output is the same for any number).
   * @default - CREDENTIAL_ROTATION_SYNTH_THREADS, else the CPUs available, at most 8
   */
  readonly threads?: number;
  /** Workload stacks built and synthesized together in one App, then dropped. @default 50 */
  readonly stacksPerApp?: number;
}

export type SynthesizeResult =
  | { readonly ok: true; readonly stacks: readonly string[]; readonly move?: LayoutMovePlan }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Synthesizes every environment, a large `stack-per-account` environment in parallel threads
 * (each a share of its workload stacks, this thread the organization stack and the first share).
 * Validates every environment first and synthesizes only when all are valid, so a bad config
 * writes nothing to the output directory. The output is the same as {@link synthesizeSync}'s.
 */
export async function synthesize(options: SynthesizeOptions): Promise<SynthesizeResult> {
  const prepared = prepare(options);
  if (!prepared.ok) return prepared.result;
  const run = prepared.run;
  const threads = options.threads ?? defaultThreads();
  // Shares 2..n of each large per-account environment go to worker threads, started now; this
  // thread synthesizes everything else meanwhile.
  const elsewhere = new Map<string, string[]>();
  const workers: Promise<ManifestEntries>[] = [];
  for (const environment of run.environments) {
    if (environment.config.layout !== 'stack-per-account' || run.move?.environment === environment.name) {
      continue;
    }
    const shares = workloadShares(environment, threads);
    for (const workloads of shares.slice(1)) {
      elsewhere.set(environment.name, [...(elsewhere.get(environment.name) ?? []), ...workloads]);
      workers.push(
        runWorker({ environment, selection: { organization: false, workloads }, options: run.stackOptions }),
      );
    }
  }
  // Settled now, so a worker failing while this thread works is not an unhandled rejection.
  const settled = workers.map((p) =>
    p.then(
      (entries) => ({ entries }),
      (error: unknown) => ({ error }),
    ),
  );
  let synthesized: { result: SynthesizeResult; manifest: ManifestEntries } | undefined;
  let failure: { error: unknown } | undefined;
  try {
    // On failure the output is removed below, once no worker writes into it.
    synthesized = synthesizeIn(run, elsewhere, false);
  } catch (error) {
    failure = { error };
  }
  const entries: ManifestEntries = { ...synthesized?.manifest };
  for (const done of await Promise.all(settled)) {
    if ('error' in done) failure ??= done;
    else Object.assign(entries, done.entries);
  }
  try {
    if (failure !== undefined) throw failure.error;
    if (workers.length > 0) writeManifest(run.stackOptions.outdir, entries);
  } catch (error) {
    if (!run.existed) rmSync(run.stackOptions.outdir, { recursive: true, force: true });
    throw error;
  }
  return (synthesized as { result: SynthesizeResult }).result;
}

/** {@link synthesize} in this thread only: for tests, which build their cases from the output. */
export function synthesizeSync(options: SynthesizeOptions): SynthesizeResult {
  const prepared = prepare(options);
  return prepared.ok ? synthesizeIn(prepared.run, new Map(), true).result : prepared.result;
}

/** A synth of valid environments. */
interface SynthRun {
  readonly environments: readonly Environment[];
  /** Output folder, bundle path and stacks per App. */
  readonly stackOptions: SynthesizeStacksOptions;
  /** Whether the output folder existed before this run (removed on failure if not). */
  readonly existed: boolean;
  readonly move?: LayoutMove;
}

/** Validates every environment (with the load problems) and resolves the bundle only when all are valid. */
function prepare(
  options: SynthesizeOptions,
): { readonly ok: false; readonly result: SynthesizeResult } | { readonly ok: true; readonly run: SynthRun } {
  const validation = validateEnvironments(options.environments);
  const problems = [...(options.loadProblems ?? []), ...(validation.ok ? [] : validation.problems)];
  if (problems.length > 0 || !validation.ok) return { ok: false, result: { ok: false, problems } };
  const outdir = resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  return {
    ok: true,
    run: {
      environments: validation.environments,
      existed: existsSync(outdir),
      stackOptions: {
        outdir,
        lambdaZipPath: options.lambdaZipPath(),
        ...(options.stacksPerApp !== undefined ? { stacksPerApp: options.stacksPerApp } : {}),
      },
      ...(options.move !== undefined ? { move: options.move } : {}),
    },
  };
}

/**
 * Synthesizes in this thread everything but the workload stacks `elsewhere` (by environment) and
 * writes the manifest of what it synthesized. The App creates its output folder up front; if
 * building a stack fails (a construct refusing its input), `removeOnFailure` removes what this run
 * created, so a failed run leaves nothing behind.
 */
function synthesizeIn(
  run: SynthRun,
  elsewhere: ReadonlyMap<string, readonly string[]>,
  removeOnFailure: boolean,
): { result: SynthesizeResult; manifest: ManifestEntries } {
  disableTokenStackTraces();
  const { environments, move, stackOptions } = run;
  const { outdir, lambdaZipPath } = stackOptions;
  if (move !== undefined && !environments.some((e) => e.name === move.environment)) {
    throw new LayoutMoveError(`layout move: there is no environment ${move.environment}`);
  }
  const stacks: string[] = [];
  let plan: LayoutMovePlan | undefined;
  const manifest: ManifestEntries = {};
  try {
    // Each environment on its own (no stack depends on another environment's), and a
    // stack-per-account environment a few dozen stacks at a time: a large organization (1,000
    // workload stacks) then needs the memory of a few dozen stacks, not of all.
    for (const environment of environments) {
      const moving = move?.environment === environment.name ? move : undefined;
      if (moving === undefined && environment.config.layout === 'stack-per-account') {
        const theirs = new Set(elsewhere.get(environment.name) ?? []);
        const workloads = environment.config.accounts.workloads.map((w) => w.name);
        const selection = { organization: true, workloads: workloads.filter((w) => !theirs.has(w)) };
        Object.assign(manifest, synthesizeStacks(environment, selection, stackOptions));
        stacks.push(...environmentStackNames(environment.name, environment.config));
        continue;
      }
      const app = new App({ outdir });
      const built = addEnvironmentStacks(app, environment, {
        lambdaZipPath,
        orderWorkloadsAfterOrganization: moving === undefined,
      });
      if (moving !== undefined) plan = applyLayoutMove(app, environment, built, moving, lambdaZipPath);
      stacks.push(
        ...app.node.children.flatMap((child) => (TerraformStack.isStack(child) ? [child.node.id] : [])),
      );
      app.synth();
      Object.assign(manifest, app.manifest.stacks);
    }
    // Every App wrote the manifest of its own stacks; the last word lists them all.
    writeManifest(outdir, manifest);
  } catch (error) {
    if (removeOnFailure && !run.existed) rmSync(outdir, { recursive: true, force: true });
    throw error;
  }
  return { result: { ok: true, stacks, ...(plan !== undefined ? { move: plan } : {}) }, manifest };
}

/** cdktf's manifest.json of these stacks, written the way an App writes it. */
function writeManifest(outdir: string, entries: ManifestEntries): void {
  const app = new App({ outdir });
  Object.assign(app.manifest.stacks, entries);
  app.synth();
}

function defaultThreads(): number {
  const configured = Number(process.env[SYNTH_THREADS_VARIABLE]);
  return Number.isInteger(configured) && configured > 0 ? configured : Math.min(availableParallelism(), 8);
}

/** An environment's workload names in `threads` contiguous shares of at least {@link MIN_STACKS_PER_THREAD}. */
function workloadShares(environment: Environment, threads: number): string[][] {
  const names = environment.config.accounts.workloads.map((w) => w.name);
  const count = Math.max(1, Math.min(threads, Math.floor(names.length / MIN_STACKS_PER_THREAD)));
  return Array.from({ length: count }, (_, t) =>
    names.slice(Math.floor((t * names.length) / count), Math.floor(((t + 1) * names.length) / count)),
  );
}

function runWorker(input: SynthWorkerInput): Promise<ManifestEntries> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(workerScript(), { workerData: input });
    let output: SynthWorkerOutput | undefined;
    worker.once('message', (message: SynthWorkerOutput) => {
      output = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (output === undefined) {
        reject(new Error(`a synth worker thread exited with code ${code} before reporting`));
      } else if (output.ok) {
        resolvePromise(output.entries);
      } else {
        // Rebuilt with its name, so main.ts reports a config error as one line and a bug with its stack.
        const error = new Error(output.message);
        error.name = output.name;
        if (output.stack !== undefined) error.stack = output.stack;
        reject(error);
      }
    });
  });
}

/** The compiled worker: beside this file in dist/, or in dist/ when this file runs from src/ (tests). */
function workerScript(): string {
  const beside = join(__dirname, 'synth-worker.js');
  return existsSync(beside) ? beside : join(__dirname, '..', 'dist', 'synth-worker.js');
}
