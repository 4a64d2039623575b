import type { Environment, RawEnvironment } from '@credential-rotation/environment-config';
import { validateEnvironments } from '@credential-rotation/environment-config';
import { App } from 'cdktf';
import { attachBackend } from './attach-backend';
import { CredentialRotationStack } from './credential-rotation-stack';

export interface SynthesizeOptions {
  readonly environments: readonly RawEnvironment[];
  /** Returns the bundle path; only called once every config is valid. */
  readonly lambdaZipPath: () => string;
  /** @default - cdktf's default (CDKTF_OUTDIR, set by the cdktf CLI, or cdktf.out) */
  readonly outdir?: string;
  /** Add the governance resources to every stack. @default true */
  readonly governance?: boolean;
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

  const app = new App(options.outdir !== undefined ? { outdir: options.outdir } : {});
  for (const environment of environments) {
    const stack = new CredentialRotationStack(app, environment, {
      lambdaZipPath,
      ...(options.governance !== undefined ? { governance: options.governance } : {}),
    });
    attachBackend(stack, environment);
  }
  app.synth();
  return { ok: true, stacks: environments.map((e) => e.name) };
}
