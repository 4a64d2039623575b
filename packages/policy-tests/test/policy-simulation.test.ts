/**
 * Evaluates the policies exactly as synthesized in cdktf.out/stacks/<env>/cdk.tf.json (run
 * `npm run synth` first) with @cloud-copilot/iam-simulate, scenario by scenario.
 */
import type { EnvironmentModel, Scenario } from '../src';
import { allScenarios, buildEnvironmentModel, loadEnvironmentConfig, loadSynthesizedStack } from '../src';
import { expectOutcome } from './support/scenario-tests';

const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
const MIN_SCENARIOS_PER_ENVIRONMENT = 40;

describe.each(ENVIRONMENTS)('%s: synthesized policies', (environment) => {
  // Loaded while collecting tests: a missing stack fails the suite with the loader's message.
  const stack = loadSynthesizedStack(environment);
  const model: EnvironmentModel = buildEnvironmentModel(stack, loadEnvironmentConfig(environment));
  const scenarios: Scenario[] = allScenarios(model);

  it(`has at least ${MIN_SCENARIOS_PER_ENVIRONMENT} scenarios, each with a unique id`, () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(MIN_SCENARIOS_PER_ENVIRONMENT);
    expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length);
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s', async (_id, scenario) => {
    await expectOutcome(scenario, model.organization);
  });
});
