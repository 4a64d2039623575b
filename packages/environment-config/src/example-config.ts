import type { EnvironmentConfigInput } from './schema';

/**
 * A small valid config: one workload account with a PostgreSQL database and one user, and one
 * account without databases yet. A starting point for a new environment's `config.ts` and the
 * shared fixture of the tests that build stacks from a config (each copies it and changes a field).
 *
 * @example const config = { ...exampleEnvironmentConfig(), region: 'us-east-1' };
 */
export function exampleEnvironmentConfig(): EnvironmentConfigInput {
  return {
    region: 'eu-west-1',
    accounts: {
      management: { accountId: '111111111111', deployRoleArn: 'arn:aws:iam::111111111111:role/deploy' },
      security: { accountId: '222222222222', deployRoleArn: 'arn:aws:iam::222222222222:role/deploy' },
      workloads: [
        {
          name: 'payments',
          accountId: '333333333333',
          deployRoleArn: 'arn:aws:iam::333333333333:role/deploy',
          vpc: { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0123456789abcdef0'] },
          databases: [
            {
              name: 'orders',
              engine: 'postgres',
              host: 'orders.c1.eu-west-1.rds.amazonaws.com',
              masterSecretArn: 'arn:aws:secretsmanager:eu-west-1:333333333333:secret:rds!db-1-AbCdEf',
              securityGroupId: 'sg-0123456789abcdef0',
              users: [
                {
                  username: 'orders_app',
                  strategy: 'single-user',
                  applicationRoleName: 'orders-api',
                  tags: { system: 'orders', critical: true },
                },
              ],
            },
          ],
        },
        {
          name: 'identity',
          accountId: '444444444444',
          deployRoleArn: 'arn:aws:iam::444444444444:role/deploy',
          vpc: { vpcId: 'vpc-0123456789abcdef1', subnetIds: ['subnet-0123456789abcdef1'] },
          databases: [],
        },
      ],
    },
    organization: { organizationId: 'o-a1b2c3d4e5', targetOuIds: ['ou-a1b2-c3d4e5f6'] },
    breakGlass: { iamUserArns: ['arn:aws:iam::222222222222:user/alice'] },
    rotation: { schedule: 'rate(30 days)', windowDuration: '3h' },
    alerts: { emailAddresses: ['oncall@example.com'] },
  };
}
