import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Environment, EnvironmentLayout } from '@credential-rotation/environment-config';
import type { LayoutMove, TerraformState } from '../src/layout-move';
import type { SynthesizeResult } from '../src/synthesize';
import { synthesizeSync } from '../src/synthesize';
import { FIXTURE_ZIP } from './helpers';

export interface StackJson {
  readonly provider: { aws: { alias?: string; allowed_account_ids?: string[] }[] };
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, unknown>;
  readonly output?: Record<string, unknown>;
  readonly terraform: { cloud?: { workspaces: { name: string } }; backend?: Record<string, unknown> };
  readonly import?: { to: string; id: string; provider?: string }[];
  readonly removed?: { from: string; lifecycle: { destroy: boolean } }[];
}

/** An environment with its layout replaced. */
export function withLayout(environment: Environment, layout: EnvironmentLayout): Environment {
  return { name: environment.name, config: { ...environment.config, layout } };
}

export function synthTo(
  outdir: string,
  environments: readonly Environment[],
  move?: LayoutMove,
): Extract<SynthesizeResult, { ok: true }> {
  const result = synthesizeSync({
    environments,
    lambdaZipPath: () => FIXTURE_ZIP,
    outdir,
    ...(move !== undefined ? { move } : {}),
  });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result;
}

export function readStack(outdir: string, name: string): StackJson {
  return JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as StackJson;
}

export function stackDependencies(outdir: string): Record<string, string[]> {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { dependencies: string[] }>;
  };
  return Object.fromEntries(Object.entries(manifest.stacks).map(([name, s]) => [name, s.dependencies]));
}

/** Every resource address of a synthesized stack. */
export function addresses(stack: StackJson): string[] {
  return Object.entries(stack.resource ?? {}).flatMap(([type, byName]) =>
    Object.keys(byName).map((name) => `${type}.${name}`),
  );
}

/**
 * A stand-in for `terraform state pull` after the stack was applied: one instance per resource,
 * with an id and the arguments a few import IDs are built from.
 */
export function fakeState(stack: StackJson): TerraformState {
  return {
    version: 4,
    resources: Object.entries(stack.resource ?? {}).flatMap(([type, byName]) =>
      Object.entries(byName).map(([name, body]) => ({
        mode: 'managed',
        type,
        name,
        instances: [
          {
            attributes: {
              id: `id-of-${type}.${name}`,
              event_bus_name: body['event_bus_name'] ?? 'default',
              rule: `rule-of-${name}`,
              target_id: `target-of-${name}`,
              function_name: `function-of-${name}`,
              statement_id: `statement-of-${name}`,
              role: `role-of-${name}`,
              policy_arn: `policy-arn-of-${name}`,
            },
          },
        ],
      })),
    ),
  };
}
