import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { validateEnvironments } from '@credential-rotation/environment-config';
import type { EnvironmentConfig } from '@credential-rotation/environment-config';

const root = join(__dirname, '..');
const names = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'config.ts')))
  .map((entry) => entry.name)
  .sort();

function load(name: string): EnvironmentConfig {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const raw = (require(join(root, name, 'config.ts')) as { default: unknown }).default;
  const result = validateEnvironments([{ name, config: raw }]);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.environments[0]!.config;
}

describe('shipped environments', () => {
  it('ships dev, staging and prod', () => {
    expect(names).toEqual(['dev', 'prod', 'staging']);
  });

  it.each(names)('%s validates', (name) => {
    expect(() => load(name)).not.toThrow();
  });

  it('uses different workload accounts in every environment', () => {
    const owners = new Map<string, string>();
    for (const name of names) {
      for (const workload of load(name).accounts.workloads) {
        expect(owners.get(workload.accountId) ?? name).toBe(name);
        owners.set(workload.accountId, name);
      }
    }
  });

  it('gives prod three workload accounts, every engine and both strategies', () => {
    const prod = load('prod');
    expect(prod.accounts.workloads).toHaveLength(3);
    const databases = prod.accounts.workloads.flatMap((w) => w.databases);
    expect(new Set(databases.map((d) => d.engine))).toEqual(
      new Set(['postgres', 'aurora-postgresql', 'mysql', 'aurora-mysql', 'mariadb']),
    );
    const strategies = new Set(databases.flatMap((d) => d.users.map((u) => u.strategy)));
    expect(strategies).toEqual(new Set(['single-user', 'alternating-users']));
  });

  it('attaches each environment to its own OUs', () => {
    const ous = names.flatMap((name) => load(name).organization.targetOuIds);
    expect(new Set(ous).size).toBe(ous.length);
  });
});
