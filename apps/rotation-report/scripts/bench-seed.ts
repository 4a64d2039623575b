/** Seeds moto with the bench's accounts and secrets, as the stack leaves them before any rotation. */
import {
  CreateSecretCommand,
  PutResourcePolicyCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { MANAGED_BY, TAG_KEYS, exampleEnvironmentConfig } from '@credential-rotation/environment-config';
import type { EnvironmentConfigInput } from '@credential-rotation/environment-config';
import { mapLimit } from '../src/concurrency';
import { createAliasedKey, motoAccount } from '../test/support/moto-accounts';

export const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100);
export const SECRETS_PER_ACCOUNT = Number(process.env.BENCH_SECRETS ?? 20);
export const ENV = 'bench';

function accountId(index: number): string {
  return String(300000000000 + index);
}

export function benchConfig(region: string): EnvironmentConfigInput {
  const example = exampleEnvironmentConfig();
  return {
    ...example,
    region,
    accounts: {
      ...example.accounts,
      workloads: Array.from({ length: ACCOUNTS }, (_, index) => ({
        name: `w${index}`,
        accountId: accountId(index),
        deployRoleArn: `arn:aws:iam::${accountId(index)}:role/deploy`,
        vpc: { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0123456789abcdef0'] },
        databases: [
          {
            name: 'app',
            engine: 'postgres' as const,
            host: 'app.example.internal',
            masterSecretArn: `arn:aws:secretsmanager:${region}:${accountId(index)}:secret:rds!db-1-AbCdEf`,
            securityGroupId: 'sg-0123456789abcdef0',
            users: Array.from({ length: SECRETS_PER_ACCOUNT }, (_, user) => ({
              username: `user${user}`,
              strategy: 'single-user' as const,
              applicationRoleName: 'app',
              tags: { system: 'app', critical: true },
            })),
          },
        ],
      })),
    },
  };
}

export async function seed(endpoint: string, region: string): Promise<void> {
  await mapLimit(
    Array.from({ length: ACCOUNTS }, (_, index) => index),
    6,
    async (index) => {
      const account = await motoAccount(endpoint, region, accountId(index));
      try {
        const keyArn = await createAliasedKey(account, `alias/${ENV}-rds-secrets`);
        for (let user = 0; user < SECRETS_PER_ACCOUNT; user += 1) {
          const created = await account.secrets.send(
            new CreateSecretCommand({
              Name: `${ENV}/rds/app/user${user}`,
              KmsKeyId: keyArn,
              SecretString: JSON.stringify({
                engine: 'postgres',
                host: 'app.example.internal',
                port: 5432,
                username: `user${user}`,
              }),
              Tags: [
                { Key: TAG_KEYS.environment, Value: ENV },
                { Key: TAG_KEYS.system, Value: 'app' },
                { Key: TAG_KEYS.critical, Value: 'true' },
                { Key: TAG_KEYS.managedBy, Value: MANAGED_BY },
                { Key: TAG_KEYS.breakGlassReadable, Value: ENV },
              ],
            }),
          );
          await account.secrets.send(
            new UpdateSecretVersionStageCommand({
              SecretId: created.ARN,
              VersionStage: 'TERRAFORM_METADATA',
              MoveToVersionId: created.VersionId,
            }),
          );
          await account.secrets.send(
            new PutResourcePolicyCommand({
              SecretId: created.ARN,
              ResourcePolicy: JSON.stringify({
                Version: '2012-10-17',
                Statement: [
                  {
                    Sid: 'ReadOnlyByAllowedRoles',
                    Effect: 'Deny',
                    Principal: '*',
                    Action: 'secretsmanager:GetSecretValue',
                    Resource: '*',
                  },
                  {
                    Sid: 'WriteOnlyByRotationAndDeploy',
                    Effect: 'Deny',
                    Principal: '*',
                    Action: 'secretsmanager:PutSecretValue',
                    Resource: '*',
                  },
                ],
              }),
            }),
          );
        }
      } finally {
        account.destroy();
      }
    },
  );
}
