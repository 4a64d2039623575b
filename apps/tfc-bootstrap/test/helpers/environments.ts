import type { BootstrapEnvironment, TerraformCloudTarget } from '../../src/types';

const role = (accountId: string): string =>
  `arn:aws:iam::${accountId}:role/deploy/credential-rotation-deploy`;

/** A small environment: management, security and two workload accounts. */
export function environment(
  name: string,
  terraformCloud: TerraformCloudTarget | undefined,
  workloadNames: readonly string[] = ['payments', 'identity'],
): BootstrapEnvironment {
  return {
    name,
    config: {
      region: 'eu-west-1',
      accounts: {
        management: { accountId: '111111111111', deployRoleArn: role('111111111111') },
        security: { accountId: '222222222222', deployRoleArn: role('222222222222') },
        workloads: workloadNames.map((workload, index) => {
          const accountId = String(600000000000 + index * 111111111);
          return { name: workload, accountId, deployRoleArn: role(accountId) };
        }),
      },
      ...(terraformCloud === undefined ? {} : { terraformCloud }),
    },
  };
}

/** dev with a local backend, staging and prod in Terraform Cloud. */
export function threeEnvironments(): BootstrapEnvironment[] {
  return [
    environment('dev', undefined),
    environment('staging', { organization: 'example-corp' }),
    environment('prod', { organization: 'example-corp', workspace: 'credential-rotation-production' }),
  ];
}

/** The same environment cut into one stack per account (the shipped environments are single-stack). */
export function stackPerAccount(environment: BootstrapEnvironment): BootstrapEnvironment {
  return { ...environment, config: { ...environment.config, layout: 'stack-per-account' } };
}

/** {@link threeEnvironments} with staging in `stack-per-account`; prod stays single-stack. */
export function stagingPerAccount(): BootstrapEnvironment[] {
  return threeEnvironments().map((e) => (e.name === 'staging' ? stackPerAccount(e) : e));
}
