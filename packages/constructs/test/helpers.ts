import { join } from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Environment, EnvironmentConfigInput } from '@credential-rotation/environment-config';
import { exampleEnvironmentConfig, parseEnvironment } from '@credential-rotation/environment-config';
import { AssetType, TerraformAsset, TerraformStack, Testing } from 'cdktf';

export const FIXTURE_ZIP = join(__dirname, 'fixtures', 'rotation-lambda.zip');

export interface Synthesized {
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly provider?: Record<string, Record<string, unknown>[]>;
}

/** A test stack with one aliased workload provider and the fixture bundle. */
export function testStack(): { stack: TerraformStack; provider: AwsProvider; asset: TerraformAsset } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  const provider = new AwsProvider(stack, 'aws', {
    alias: 'workload',
    region: 'eu-west-1',
    allowedAccountIds: ['333333333333'],
  });
  const asset = new TerraformAsset(stack, 'code', { path: FIXTURE_ZIP, type: AssetType.FILE });
  return { stack, provider, asset };
}

/** Synthesizes and parses; `Testing.synth` runs aspects and validations like the real app. */
export function synth(stack: TerraformStack): { json: string; parsed: Synthesized } {
  const json = Testing.synth(stack);
  return { json, parsed: JSON.parse(json) as Synthesized };
}

/** The resources of one type, in definition order. */
export function resourcesOf(parsed: Synthesized, type: string): Record<string, unknown>[] {
  return Object.values(parsed.resource[type] ?? {});
}

/** A parsed policy attribute. */
export function policyOf(resource: Record<string, unknown>, attribute = 'policy'): PolicyJson {
  return JSON.parse(resource[attribute] as string) as PolicyJson;
}

export interface PolicyJson {
  Version: string;
  Statement: {
    Sid?: string;
    Effect: string;
    Principal?: unknown;
    Action?: string | string[];
    Resource?: string | string[];
    Condition?: Record<string, Record<string, unknown>>;
  }[];
}

export function statement(policy: PolicyJson, sid: string): PolicyJson['Statement'][number] {
  const found = policy.Statement.find((s) => s.Sid === sid);
  if (found === undefined) throw new Error(`no statement ${sid} in ${JSON.stringify(policy)}`);
  return found;
}

/**
 * The example config with a richer workload account: alternating and single users, PostgreSQL and
 * MariaDB, a customer-managed master key, a CIDR-only database, two alert addresses.
 */
export function testConfig(): EnvironmentConfigInput {
  const example = exampleEnvironmentConfig();
  return {
    ...example,
    accounts: {
      ...example.accounts,
      workloads: [
        {
          name: 'payments',
          accountId: '333333333333',
          deployRoleArn: 'arn:aws:iam::333333333333:role/deploy',
          vpc: {
            vpcId: 'vpc-0123456789abcdef0',
            subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
          },
          databases: [
            {
              name: 'orders',
              engine: 'postgres',
              host: 'orders.c1.eu-west-1.rds.amazonaws.com',
              dbname: 'orders',
              masterSecretArn: 'arn:aws:secretsmanager:eu-west-1:333333333333:secret:rds!db-1-AbCdEf',
              securityGroupId: 'sg-0123456789abcdef0',
              users: [
                {
                  username: 'orders_app',
                  strategy: 'alternating-users',
                  applicationRoleName: 'orders-api',
                  tags: { system: 'orders', critical: true },
                },
                {
                  username: 'orders_bi',
                  strategy: 'single-user',
                  applicationRoleName: 'orders-bi',
                  tags: { system: 'orders', critical: false },
                  breakGlassReadable: false,
                },
              ],
            },
            {
              name: 'sessions',
              engine: 'mariadb',
              host: 'sessions.c1.eu-west-1.rds.amazonaws.com',
              masterSecretArn: 'arn:aws:secretsmanager:eu-west-1:333333333333:secret:rds!db-2-GhIjKl',
              masterSecretKmsKeyArn:
                'arn:aws:kms:eu-west-1:333333333333:key/0a1b2c3d-0000-4000-8000-000000000001',
              cidrBlocks: ['10.0.8.0/24'],
              users: [
                {
                  username: 'sessions_app',
                  strategy: 'single-user',
                  applicationRoleName: 'sessions-api',
                  tags: { system: 'sessions', critical: true },
                },
              ],
            },
          ],
        },
      ],
    },
    alerts: { emailAddresses: ['oncall@example.com', 'dba@example.com'] },
  };
}

/** The validated test environment `test`, with optional changes to its config first. */
export function testEnvironment(change?: (config: EnvironmentConfigInput) => void): Environment {
  const config = testConfig();
  change?.(config);
  return parseEnvironment('test', config);
}
