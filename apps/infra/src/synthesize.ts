import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Environment, RawEnvironment } from '@credential-rotation/environment-config';
import { validateEnvironments } from '@credential-rotation/environment-config';
import { App } from 'cdktf';
import { attachBackend } from './attach-backend';
import { CredentialRotationStack } from './credential-rotation-stack';

export interface SynthesizeOptions {
  readonly environments: readonly RawEnvironment[];
  /** Returns the bundle path; only called once every config is valid. */
  readonly lambdaZipPath: () => string;
  /** @default - CDKTF_OUTDIR (set by the cdktf CLI), else cdktf.out */
  readonly outdir?: string;
  /** Problems found while loading, reported with the validation problems. @default - none */
  readonly loadProblems?: readonly string[];
}

export type SynthesizeResult =
  | { readonly ok: true; readonly stacks: readonly string[] }
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
  try {
    const app = new App({ outdir });
    for (const environment of environments) {
      const stack = new CredentialRotationStack(app, environment, { lambdaZipPath });
      attachBackend(stack, environment);
    }
    app.synth();
  } catch (error) {
    if (!existed) rmSync(outdir, { recursive: true, force: true });
    throw error;
  }
  return { ok: true, stacks: environments.map((e) => e.name) };
}
