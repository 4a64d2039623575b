import type { Environment } from '@credential-rotation/environment-config';
import { organizationStackName } from '@credential-rotation/environment-config';
import type { StackManifest } from 'cdktf';
import { App } from 'cdktf';
import { attachBackend } from './attach-backend';
import { OrganizationStack } from './organization-stack';
import { WorkloadAccountStack } from './workload-account-stack';

/** Which stacks of a `stack-per-account` environment one process synthesizes. */
export interface StackSelection {
  /** The organization stack `<env>`. */
  readonly organization: boolean;
  /** Names of the workload accounts whose stacks `<env>-<workload>` to synthesize. */
  readonly workloads: readonly string[];
}

export interface SynthesizeStacksOptions {
  readonly outdir: string;
  readonly lambdaZipPath: string;
  /** Workload stacks built and synthesized together, then dropped. @default 50 */
  readonly stacksPerApp?: number;
}

/** The manifest entries of the synthesized stacks, by stack name. */
export type ManifestEntries = Record<string, StackManifest>;

/**
 * Synthesizes some stacks of a `stack-per-account` environment into `outdir`, a few dozen at a
 * time (one App each, dropped before the next), so memory stays that of a few dozen stacks
 * however many accounts there are. Stacks share nothing but the config, so any thread can
 * synthesize any of them; the caller writes the manifest of all of them.
 *
 * The order `cdktf deploy` needs (the organization stack first: the reader roles' trust names the
 * central role) is written into each workload stack's manifest entry, as `addDependency` would
 * write it, because the organization stack may be in another App or another thread.
 */
export function synthesizeStacks(
  environment: Environment,
  selection: StackSelection,
  options: SynthesizeStacksOptions,
): ManifestEntries {
  const byName = new Map(environment.config.accounts.workloads.map((w) => [w.name, w]));
  const size = options.stacksPerApp ?? 50;
  const organization = organizationStackName(environment.name);
  const entries: ManifestEntries = {};
  const batches: string[][] = [];
  for (let start = 0; start < selection.workloads.length; start += size) {
    batches.push(selection.workloads.slice(start, start + size));
  }
  if (selection.organization && batches.length === 0) batches.push([]);
  batches.forEach((batch, index) => {
    const app = new App({ outdir: options.outdir });
    if (selection.organization && index === 0) {
      attachBackend(new OrganizationStack(app, environment), environment);
    }
    for (const name of batch) {
      const workload = byName.get(name);
      if (workload === undefined) throw new Error(`no workload account ${name} in ${environment.name}`);
      const stack = new WorkloadAccountStack(app, environment, workload, {
        lambdaZipPath: options.lambdaZipPath,
      });
      attachBackend(stack, environment);
    }
    app.synth();
    for (const [name, entry] of Object.entries(app.manifest.stacks)) {
      entries[name] = name === organization ? entry : { ...entry, dependencies: [organization] };
    }
  });
  return entries;
}
