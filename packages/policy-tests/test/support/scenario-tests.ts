import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnvironmentConfigInput } from '@credential-rotation/environment-config';
import { resolveLambdaZip } from '@credential-rotation/infra/dist/lambda-artifact';
import { synthesizeSync } from '@credential-rotation/infra/dist/synthesize';
import type { OrganizationModel, Scenario, SynthesizedStack } from '../../src';
import { loadSynthesizedStack, runScenario } from '../../src';

/**
 * Runs a scenario and expects its decision, showing the claim (and each request's answer) when it
 * fails.
 */
export async function expectOutcome(scenario: Scenario, organization: OrganizationModel): Promise<void> {
  const outcome = await runScenario(scenario, organization);
  expect({ claim: scenario.description, decision: outcome.decision, details: outcome.details }).toEqual({
    claim: scenario.description,
    decision: scenario.expected,
    details: outcome.details,
  });
}

/**
 * Synthesizes one environment into a temporary folder, removed after the enclosing describe's tests,
 * and reads its stacks as one. Called while collecting tests: the scenarios are built from it.
 */
export function synthesizeEnvironment(
  name: string,
  config: EnvironmentConfigInput,
): { readonly outdir: string; readonly stack: SynthesizedStack } {
  const outdir = mkdtempSync(join(tmpdir(), 'credential-rotation-policy-tests-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  const result = synthesizeSync({
    environments: [{ name, config }],
    outdir,
    lambdaZipPath: () => resolveLambdaZip(),
  });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return { outdir, stack: loadSynthesizedStack(name, outdir) };
}
