import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { EncryptionKey, KEY_ADMIN_ACTIONS, secretsKeyUsageStatement } from '../src';
import { policyOf, resourcesOf, statement, synth, testStack } from './helpers';

function keyStack(replicaRegions: readonly string[] = []) {
  const { stack, provider } = testStack();
  new EncryptionKey(stack, 'secrets-key', {
    provider,
    partition: 'aws',
    accountId: '333333333333',
    region: 'eu-west-1',
    aliasName: 'prod-rds-secrets',
    description: 'Database user secrets (prod)',
    deployRoleArn: 'arn:aws:iam::333333333333:role/deploy',
    replicaRegions,
    usageStatements: (region) => [
      secretsKeyUsageStatement({
        partition: 'aws',
        accountId: '333333333333',
        region,
        principalArns: ['arn:aws:iam::333333333333:role/workload/orders-api'],
        secretArnPattern: `arn:aws:secretsmanager:${region}:333333333333:secret:prod/rds/*`,
      }),
    ],
  });
  return synth(stack);
}

describe('EncryptionKey', () => {
  it('creates a rotating key with an alias through the given provider', () => {
    const { json } = keyStack();
    expect(json).toHaveResourceWithProperties(KmsKey, {
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      multi_region: false,
      provider: 'aws.workload',
    });
    expect(json).toHaveResourceWithProperties(KmsAlias, {
      name: 'alias/prod-rds-secrets',
      provider: 'aws.workload',
    });
  });

  it('lets only the deploy role (or the account root user) administer the key, without using it', () => {
    const policy = policyOf(resourcesOf(keyStack().parsed, 'aws_kms_key')[0]!);
    const admin = statement(policy, 'KeyAdministrationByDeployRole');
    expect(admin.Principal).toEqual({ AWS: 'arn:aws:iam::333333333333:root' });
    expect(admin.Action).toEqual([...KEY_ADMIN_ACTIONS]);
    expect(admin.Action).not.toContain('kms:Decrypt');
    expect(admin.Condition).toEqual({
      ArnEquals: {
        'aws:PrincipalArn': ['arn:aws:iam::333333333333:role/deploy', 'arn:aws:iam::333333333333:root'],
      },
    });
  });

  it("lets the deploy role's plan role read what a refresh of the key reads, and nothing else", () => {
    const policy = policyOf(resourcesOf(keyStack().parsed, 'aws_kms_key')[0]!);
    expect(statement(policy, 'KeyRefreshByPlanRole')).toEqual({
      Sid: 'KeyRefreshByPlanRole',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::333333333333:root' },
      Action: ['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:ListResourceTags'],
      Resource: '*',
      Condition: {
        ArnEquals: { 'aws:PrincipalArn': ['arn:aws:iam::333333333333:role/tfc-plan/deploy-plan'] },
      },
    });
  });

  it('allows decryption only through Secrets Manager, for listed roles and secrets', () => {
    const policy = policyOf(resourcesOf(keyStack().parsed, 'aws_kms_key')[0]!);
    expect(statement(policy, 'UseThroughSecretsManager')).toEqual({
      Sid: 'UseThroughSecretsManager',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::333333333333:root' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: '*',
      Condition: {
        StringEquals: {
          'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com',
          'kms:CallerAccount': '333333333333',
        },
        ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::333333333333:role/workload/orders-api'] },
        StringLike: {
          'kms:EncryptionContext:SecretARN':
            'arn:aws:secretsmanager:eu-west-1:333333333333:secret:prod/rds/*',
        },
      },
    });
  });

  it('becomes multi-Region with a replica per region, each with its own region in the policy', () => {
    const { json, parsed } = keyStack(['eu-central-1']);
    expect(json).toHaveResourceWithProperties(KmsKey, { multi_region: true });
    const replicas = resourcesOf(parsed, 'aws_kms_replica_key');
    expect(replicas).toHaveLength(1);
    expect(replicas[0]).toMatchObject({ region: 'eu-central-1', provider: 'aws.workload' });
    const usage = statement(policyOf(replicas[0]!), 'UseThroughSecretsManager');
    expect(usage.Condition?.StringEquals?.['kms:ViaService']).toBe(
      'secretsmanager.eu-central-1.amazonaws.com',
    );
    expect(json).toHaveResourceWithProperties(KmsAlias, {
      name: 'alias/prod-rds-secrets',
      region: 'eu-central-1',
    });
  });
});
