import { validateEnvironments } from '@credential-rotation/environment-config';
import { generateOrganization } from '../src/bench/generate-organization';

describe('generateOrganization (the synth benchmark input)', () => {
  it('is a valid environment with 100 accounts and 2,000 secrets by default', () => {
    const result = validateEnvironments([{ name: 'bench', config: generateOrganization() }]);
    if (!result.ok) throw new Error(result.problems.slice(0, 5).join('\n'));
    const { workloads } = result.environments[0]!.config.accounts;
    expect(workloads).toHaveLength(100);
    expect(workloads.flatMap((w) => w.databases.flatMap((d) => d.users))).toHaveLength(2000);
    expect(new Set(workloads.flatMap((w) => w.databases.map((d) => d.engine))).size).toBe(5);
  });

  it('scales down for quick runs', () => {
    const config = generateOrganization({ accounts: 2, secretsPerAccount: 3 });
    expect(config.accounts.workloads).toHaveLength(2);
    expect(config.accounts.workloads[0]!.databases!.flatMap((d) => d.users)).toHaveLength(3);
  });
});
