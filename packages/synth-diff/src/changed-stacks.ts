import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SynthDiffUsageError } from './errors';
import type { DiffReport, StackStatus } from './types';

/** How a stack sits in its environment. */
export type StackRole = 'organization' | 'workload';

/** One changed stack. */
export interface ChangedStack {
  readonly stack: string;
  /** The environment: the stack itself for an organization (or single) stack, `<env>` for `<env>-<workload>`. */
  readonly environment: string;
  readonly role: StackRole;
  /** `added` or `changed` (applied), or `removed` (no longer synthesized: previewed, never applied). */
  readonly status: Exclude<StackStatus, 'unchanged'>;
  /** Stacks it depends on, from the manifest of the side that has it. */
  readonly dependsOn: readonly string[];
}

/** The changed stacks of one environment, in the order they apply. */
export interface EnvironmentStacks {
  /** The organization stack (or the environment's single stack) when it changed: zero or one. */
  readonly organization: readonly string[];
  /** Changed workload stacks, applied in parallel after the organization stack. */
  readonly workloads: readonly string[];
  /**
   * `workloads` in batches of at most {@link MAX_MATRIX_JOBS}, each a JSON array in a string: the
   * apply workflow runs a matrix over the batches, each batch a matrix over its stacks, because a
   * GitHub Actions matrix stops at 256 jobs and one change can touch every account.
   */
  readonly workloadBatches: readonly string[];
}

/** GitHub Actions runs at most 256 jobs from one matrix. */
export const MAX_MATRIX_JOBS = 256;

/** What `synth-diff changed-stacks` prints. */
export interface ChangedStacks {
  /** Stacks to apply (added or changed), in dependency order: per environment, organization first. */
  readonly stacks: readonly string[];
  /** Stacks only the base synthesized: no longer applied by the pipeline. */
  readonly removed: readonly string[];
  /** Stacks to preview: `stacks`, then `removed`. */
  readonly preview: readonly string[];
  /**
   * The first {@link MAX_MATRIX_JOBS} of `preview`, which get a speculative plan (one matrix job
   * each); the synth diff still shows every stack.
   */
  readonly previewPlanned: readonly string[];
  /** The rest of `preview`: synth diff only, their plans run before the apply's approval. */
  readonly previewNotPlanned: readonly string[];
  /** Per environment, in order: what to apply first, then in parallel. */
  readonly environments: Readonly<Record<string, EnvironmentStacks>>;
  /** Every changed stack with its environment, role, status and dependencies. */
  readonly details: readonly ChangedStack[];
}

interface ChangedStacksOptions {
  /**
   * The environments in the order the pipeline applies them (dev, staging, prod). Every one gets an
   * entry in `environments`, empty when nothing of it changed; a changed stack of any other
   * environment is an error (the pipeline would not apply it). Without it: manifest order.
   */
  readonly environments?: readonly string[];
}

interface ManifestStack {
  readonly dependencies: readonly string[];
}

/**
 * Lists the stacks that differ between two synth outputs, in the order they must apply: an
 * environment's organization stack (`<env>`) before its workload stacks (`<env>-<workload>`, linked
 * to `<env>` by a dependency in cdktf.out/manifest.json). A stack counts as changed when any
 * resource, data source, provider, variable, output or Terraform setting was added, changed, renamed
 * or removed.
 *
 * @param report the comparison of the base and head synth outputs (diffStackSets)
 * @param baseDir the base synth output (its manifest places removed stacks)
 * @param headDir the head synth output (its manifest orders and places every other stack)
 * @example
 * const changed = changedStacks(diffStackSets(base, head), 'base/cdktf.out', 'cdktf.out', { environments: ['dev', 'staging', 'prod'] });
 */
export function changedStacks(
  report: DiffReport,
  baseDir: string,
  headDir: string,
  options: ChangedStacksOptions = {},
): ChangedStacks {
  const headManifest = readManifest(headDir);
  const baseManifest = readManifest(baseDir);
  const details: ChangedStack[] = [];
  for (const diff of report.stacks) {
    if (diff.status === 'unchanged') continue;
    const manifest = diff.status === 'removed' ? baseManifest : headManifest;
    details.push(place(diff.stack, diff.status, manifest));
  }

  const known = new Set(details.map((detail) => detail.environment));
  const order = options.environments ?? rootsInManifestOrder(headManifest, baseManifest, details);
  if (options.environments !== undefined) {
    const unknown = [...known].filter((environment) => !options.environments?.includes(environment));
    if (unknown.length > 0) {
      throw new SynthDiffUsageError(
        `--environments: stacks of environment(s) ${unknown.map((name) => JSON.stringify(name)).join(', ')} changed, but only ${options.environments.join(', ')} are listed; add the environment to the workflow that applies it.`,
      );
    }
  }

  const byName = (a: ChangedStack, b: ChangedStack): number => a.stack.localeCompare(b.stack, 'en');
  const environments: Record<string, EnvironmentStacks> = {};
  const stacks: string[] = [];
  const ordered: ChangedStack[] = [];
  for (const environment of order) {
    const own = details.filter((detail) => detail.environment === environment).sort(byName);
    const applied = own.filter((detail) => detail.status !== 'removed');
    const organization = applied.filter((detail) => detail.role === 'organization').map((d) => d.stack);
    const workloads = applied.filter((detail) => detail.role === 'workload').map((d) => d.stack);
    environments[environment] = { organization, workloads, workloadBatches: batches(workloads) };
    stacks.push(...organization, ...workloads);
    ordered.push(
      ...own.filter((detail) => detail.role === 'organization'),
      ...own.filter((detail) => detail.role === 'workload'),
    );
  }
  const removed = ordered.filter((detail) => detail.status === 'removed').map((detail) => detail.stack);
  const preview = [...stacks, ...removed];
  return {
    stacks,
    removed,
    preview,
    previewPlanned: preview.slice(0, MAX_MATRIX_JOBS),
    previewNotPlanned: preview.slice(MAX_MATRIX_JOBS),
    environments,
    details: ordered,
  };
}

/** Stacks in JSON-encoded batches of at most {@link MAX_MATRIX_JOBS}, the same size give or take one. */
function batches(stacks: readonly string[]): string[] {
  const count = Math.ceil(stacks.length / MAX_MATRIX_JOBS);
  return Array.from({ length: count }, (_, b) =>
    JSON.stringify(
      stacks.slice(Math.floor((b * stacks.length) / count), Math.floor(((b + 1) * stacks.length) / count)),
    ),
  );
}

/**
 * A stack's environment and role. A stack that depends on another stack is a workload stack of that
 * one (`<env>-<workload>` depends on `<env>`). An organization stack that depends on its own
 * workload stacks is a layout move (docs/infra/layouts.md), which reverses the order; the pipeline
 * cannot apply that order, so it is refused.
 */
function place(
  name: string,
  status: ChangedStack['status'],
  manifest: ReadonlyMap<string, ManifestStack>,
): ChangedStack {
  const dependsOn = [...(manifest.get(name)?.dependencies ?? [])].sort();
  if (dependsOn.length === 0) {
    return { stack: name, environment: name, role: 'organization', status, dependsOn };
  }
  const [environment] = dependsOn;
  const parent = environment === undefined ? undefined : manifest.get(environment);
  if (
    dependsOn.length > 1 ||
    environment === undefined ||
    !name.startsWith(`${environment}-`) ||
    (parent?.dependencies.length ?? 0) > 0
  ) {
    throw new SynthDiffUsageError(
      `stack ${JSON.stringify(name)} depends on ${dependsOn.map((d) => JSON.stringify(d)).join(', ')}: the pipelines apply only an organization stack <env> before its workload stacks <env>-<workload>. A layout move (its organization stack depends on the workload stacks) is applied from a workstation: see docs/infra/layouts.md.`,
    );
  }
  return { stack: name, environment, role: 'workload', status, dependsOn };
}

/** Organization stacks in manifest order (head first, then stacks only the base had), then the rest by name. */
function rootsInManifestOrder(
  head: ReadonlyMap<string, ManifestStack>,
  base: ReadonlyMap<string, ManifestStack>,
  details: readonly ChangedStack[],
): string[] {
  const environments = new Set(details.map((detail) => detail.environment));
  const order: string[] = [];
  for (const name of [...head.keys(), ...base.keys(), ...[...environments].sort()]) {
    if (environments.has(name) && !order.includes(name)) order.push(name);
  }
  return order;
}

/** `stacks.<name>.dependencies` of a synth output's manifest.json; empty without one. */
function readManifest(dir: string): Map<string, ManifestStack> {
  // loadStacks reads a cdktf.out or its stacks folder (or one stack folder, which has no manifest).
  const file = join(dir, basename(dir) === 'stacks' ? '..' : '.', 'manifest.json');
  if (!existsSync(file)) return new Map();
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SynthDiffUsageError(`${file} is not valid JSON; synthesize the stacks again.`, {
      cause: error,
    });
  }
  const stacks = (parsed as { stacks?: Record<string, { dependencies?: unknown }> } | null)?.stacks ?? {};
  return new Map(
    Object.entries(stacks).map(([name, stack]) => [
      name,
      {
        dependencies: Array.isArray(stack.dependencies)
          ? stack.dependencies.filter((dependency): dependency is string => typeof dependency === 'string')
          : [],
      },
    ]),
  );
}
