import type { EnvironmentConfig, EnvironmentConfigInput } from '@credential-rotation/environment-config';
import { parseEnvironment } from '@credential-rotation/environment-config';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import type { GovernanceProviders } from '../../src/governance';
import { OrganizationGovernance } from '../../src/governance';

export const ENVIRONMENT = 'qa';
export const SECURITY = '222222222222';

/** Two workload accounts, both kinds of break-glass principal, a replica region. */
export function governanceConfigInput(): EnvironmentConfigInput {
  return {
    region: 'eu-west-1',
    replicaRegions: ['eu-central-1'],
    accounts: {
      management: {
        accountId: '111111111111',
        deployRoleArn: 'arn:aws:iam::111111111111:role/deploy/terraform',
      },
      security: { accountId: SECURITY, deployRoleArn: `arn:aws:iam::${SECURITY}:role/deploy/terraform` },
      workloads: [
        {
          name: 'payments',
          accountId: '333333333333',
          deployRoleArn: 'arn:aws:iam::333333333333:role/deploy/terraform',
          databases: [],
        },
        {
          name: 'identity',
          accountId: '444444444444',
          deployRoleArn: 'arn:aws:iam::444444444444:role/deploy/terraform',
          databases: [],
        },
      ],
    },
    organization: { organizationId: 'o-a1b2c3d4e5', targetOuIds: ['ou-a1b2-c3d4e5f6', 'ou-a1b2-c3d4e5f7'] },
    breakGlass: {
      iamUserArns: [`arn:aws:iam::${SECURITY}:user/alice`, `arn:aws:iam::${SECURITY}:user/bob`],
      identityCenterRoleArnPatterns: [
        `arn:aws:iam::${SECURITY}:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_BreakGlassQa_????????????????`,
      ],
      alertEmailAddresses: ['security@example.com', 'oncall@example.com'],
    },
    rotation: { schedule: 'rate(30 days)', windowDuration: '3h' },
    alerts: { emailAddresses: ['platform@example.com'] },
  };
}

export function governanceConfig(input: EnvironmentConfigInput = governanceConfigInput()): EnvironmentConfig {
  return parseEnvironment(ENVIRONMENT, input).config;
}

/** A stack with one aliased provider per account, the way the environment stack sets them up. */
export function stackWithProviders(config: EnvironmentConfig): {
  app: App;
  stack: TerraformStack;
  providers: GovernanceProviders;
} {
  const app = new App({ outdir: '/tmp/unused', skipValidation: true });
  const stack = new TerraformStack(app, ENVIRONMENT);
  const provider = (alias: string, account: { accountId: string; deployRoleArn: string }) =>
    new AwsProvider(stack, `aws-${alias}`, {
      alias,
      region: config.region,
      allowedAccountIds: [account.accountId],
      assumeRole: [{ roleArn: account.deployRoleArn }],
    });
  const workloads: Record<string, AwsProvider> = {};
  for (const workload of config.accounts.workloads)
    workloads[workload.name] = provider(workload.name, workload);
  return {
    app,
    stack,
    providers: {
      management: provider('management', config.accounts.management),
      security: provider('security', config.accounts.security),
      workloads,
    },
  };
}

/** Terraform blocks of one kind (`resource`, `data`) by type and name. */
export type Blocks = Record<string, Record<string, Record<string, unknown>>>;

/** The organization-level governance of a config alone in a stack, synthesized. */
export function synthesizedOrganizationGovernance(config: EnvironmentConfig): {
  resource: Blocks;
  data?: Blocks;
} {
  const { stack, providers } = stackWithProviders(config);
  new OrganizationGovernance(stack, 'governance', {
    environment: ENVIRONMENT,
    config,
    management: providers.management,
    security: providers.security,
  });
  return JSON.parse(Testing.synth(stack)) as { resource: Blocks; data?: Blocks };
}
