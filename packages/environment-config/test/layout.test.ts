import { environmentStackNames, parseEnvironment, validateEnvironments } from '../src';
import { mutable } from './fixtures';

describe('layout', () => {
  it('defaults to single-stack, so an existing environment keeps its one stack', () => {
    const { config } = parseEnvironment('prod', mutable());
    expect(config.layout).toBe('single-stack');
    expect(environmentStackNames('prod', config)).toEqual(['prod']);
  });

  it('names one stack per workload account after the organization stack in stack-per-account', () => {
    const raw = mutable();
    raw.layout = 'stack-per-account';
    const { config } = parseEnvironment('prod', raw);
    expect(environmentStackNames('prod', config)).toEqual([
      'prod',
      ...config.accounts.workloads.map((w) => `prod-${w.name}`),
    ]);
  });

  it('refuses an unknown layout and names the choices', () => {
    const raw = mutable();
    raw.layout = 'per-account';
    const result = validateEnvironments([{ name: 'prod', config: raw }]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      `prod: layout: must be one of 'single-stack', 'stack-per-account' (got "per-account")`,
    ]);
  });

  it('refuses two environments that would share a stack name', () => {
    const perAccount = mutable();
    perAccount.layout = 'stack-per-account';
    const workload = perAccount.accounts.workloads[0].name as string;
    const result = validateEnvironments([
      { name: 'prod', config: perAccount },
      { name: `prod-${workload}`, config: mutable() },
    ]);
    expect(!result.ok && result.problems).toEqual([
      `prod-${workload}: stack "prod-${workload}" is also a stack of environment prod: rename the environment folder or the workload (stack-per-account names workload stacks <env>-<workload>)`,
    ]);
  });
});
