/**
 * The policy tests over an environment in the stack-per-account layout: staging, synthesized here
 * with `layout: 'stack-per-account'` into a temporary folder, is read as one environment (the SCPs
 * from the organization stack, the secret, key and role policies from the workload stacks) and every
 * scenario of the shipped-environment suite holds for it.
 */
import { parseEnvironment } from '@credential-rotation/environment-config';
import { allScenarios, buildEnvironmentModel, loadEnvironmentConfig, loadSynthesizedStack } from '../src';
import { environmentWorkloadStacks } from '../src/synthesized-stack';
import { expectOutcome, synthesizeEnvironment } from './support/scenario-tests';

describe('an environment in the stack-per-account layout (staging)', () => {
  const config = { ...loadEnvironmentConfig('staging'), layout: 'stack-per-account' as const };
  const { outdir, stack } = synthesizeEnvironment('staging', config);

  it('finds one workload stack per workload account', () => {
    expect(environmentWorkloadStacks('staging', outdir)).toEqual(
      config.accounts.workloads.map((w) => `staging-${w.name}`).sort(),
    );
  });

  it('reads the SCPs from the organization stack and the secrets, keys and roles from the workload stacks', () => {
    expect(stack.file).toContain('staging-payments');
    const accounts = stack.providerAccounts();
    expect(accounts.get('aws.management')).toBe(config.accounts.management.accountId);
    for (const workload of config.accounts.workloads) {
      expect(accounts.get(`aws.workload-${workload.name}`)).toBe(workload.accountId);
      const secrets = stack
        .resources('aws_secretsmanager_secret')
        .filter((s) => s.accountId === workload.accountId);
      expect(secrets).toHaveLength(workload.databases.flatMap((d) => d.users).length);
    }
    expect(stack.resources('aws_organizations_policy').length).toBeGreaterThan(0);
  });

  it('leaves a single-stack environment as its one stack', () => {
    expect(environmentWorkloadStacks('prod')).toEqual([]);
    expect(loadSynthesizedStack('prod').file).not.toContain(' + ');
  });

  const model = buildEnvironmentModel(stack, parseEnvironment('staging', config).config);
  it.each(allScenarios(model).map((s) => [s.id, s] as const))('%s', async (_id, scenario) => {
    await expectOutcome(scenario, model.organization);
  });
});
