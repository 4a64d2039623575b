/**
 * The policy tests over an environment in the stack-per-account layout: staging, synthesized here
 * with `layout: 'stack-per-account'` into a temporary folder, is read as one environment (the SCPs
 * from the organization stack, the secret, key and role policies from the workload stacks) and every
 * scenario of the shipped-environment suite holds for it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnvironment } from '@credential-rotation/environment-config';
import { resolveLambdaZip } from '@credential-rotation/infra/dist/lambda-artifact';
import { synthesizeSync } from '@credential-rotation/infra/dist/synthesize';
import {
  allScenarios,
  buildEnvironmentModel,
  loadEnvironmentConfig,
  loadSynthesizedStack,
  runScenario,
} from '../src';
import { environmentWorkloadStacks } from '../src/synthesized-stack';

describe('an environment in the stack-per-account layout (staging)', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'credential-rotation-per-account-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  const config = { ...loadEnvironmentConfig('staging'), layout: 'stack-per-account' as const };
  const result = synthesizeSync({
    environments: [{ name: 'staging', config }],
    outdir,
    lambdaZipPath: () => resolveLambdaZip(),
  });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  const stack = loadSynthesizedStack('staging', outdir);

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
    const outcome = await runScenario(scenario, model.organization);
    expect({ claim: scenario.description, decision: outcome.decision }).toEqual({
      claim: scenario.description,
      decision: scenario.expected,
    });
  });
});
