import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Environment, RawEnvironment } from '@credential-rotation/environment-config';
import { validateEnvironments } from '@credential-rotation/environment-config';
import type { StackManifest } from 'cdktf';
import { App, TerraformStack } from 'cdktf';
import { addEnvironmentStacks } from './environment-stacks';
import { LayoutMoveError } from './errors';
import type { LayoutMove, LayoutMovePlan } from './layout-move';
import { applyLayoutMove } from './layout-move';

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
}

export type SynthesizeResult =
  | { readonly ok: true; readonly stacks: readonly string[]; readonly move?: LayoutMovePlan }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Validates every environment first and synthesizes only when all are valid, so a bad config
 * writes nothing to the output directory.
 */
export function synthesize(options: SynthesizeOptions): SynthesizeResult {
  const validation = validateEnvironments(options.environments);
  const problems = [...(options.loadProblems ?? []), ...(validation.ok ? [] : validation.problems)];
  if (problems.length > 0 || !validation.ok) return { ok: false, problems };
  const environments: readonly Environment[] = validation.environments;
  const lambdaZipPath = options.lambdaZipPath();

  // The App creates its output folder up front; if building a stack fails (a construct refusing
  // its input), remove what this run created so a failed run leaves nothing behind.
  const outdir = resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  const existed = existsSync(outdir);
  const move = options.move;
  if (move !== undefined && !environments.some((e) => e.name === move.environment)) {
    throw new LayoutMoveError(`layout move: there is no environment ${move.environment}`);
  }
  const stacks: string[] = [];
  let plan: LayoutMovePlan | undefined;
  try {
    // One App per environment, synthesized and dropped before the next: no stack depends on
    // another environment's, and a large organization (1,000 workload stacks) then needs the
    // memory of one environment, not of all. Each App writes the manifest of the stacks so far.
    const manifest: Record<string, StackManifest> = {};
    for (const environment of environments) {
      const app = new App({ outdir });
      const moving = move?.environment === environment.name ? move : undefined;
      const built = addEnvironmentStacks(app, environment, {
        lambdaZipPath,
        orderWorkloadsAfterOrganization: moving === undefined,
      });
      if (moving !== undefined) plan = applyLayoutMove(app, environment, built, moving, lambdaZipPath);
      stacks.push(
        ...app.node.children.flatMap((child) => (TerraformStack.isStack(child) ? [child.node.id] : [])),
      );
      Object.assign(app.manifest.stacks, manifest);
      app.synth();
      Object.assign(manifest, app.manifest.stacks);
    }
  } catch (error) {
    if (!existed) rmSync(outdir, { recursive: true, force: true });
    throw error;
  }
  return { ok: true, stacks, ...(plan !== undefined ? { move: plan } : {}) };
}
