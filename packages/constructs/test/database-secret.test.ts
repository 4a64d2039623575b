import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretRotation } from '@cdktf/provider-aws/lib/secretsmanager-secret-rotation';
import { WorkloadRotation } from '../src';
import { policyOf, resourcesOf, statement, synth, testEnvironment, testStack } from './helpers';

function secretsStack(change?: Parameters<typeof testEnvironment>[0]) {
  const { stack, provider, asset } = testStack();
  const environment = testEnvironment(change);
  new WorkloadRotation(stack, 'payments', {
    provider,
    environment,
    workload: environment.config.accounts.workloads[0]!,
    bundle: { asset, handler: 'index.handler', runtime: 'nodejs22.x' },
  });
  return synth(stack);
}

function secretNamed(parsed: ReturnType<typeof synth>['parsed'], name: string) {
  const secret = resourcesOf(parsed, 'aws_secretsmanager_secret').find((s) => s.name === name);
  if (secret === undefined) throw new Error(`no secret ${name}`);
  return secret;
}

describe('DatabaseSecret', () => {
  it('names each secret <env>/rds/<database>/<user> and encrypts it with the account key', () => {
    const { parsed } = secretsStack();
    expect(resourcesOf(parsed, 'aws_secretsmanager_secret').map((s) => s.name)).toEqual([
      'test/rds/orders/orders_app',
      'test/rds/orders/orders_bi',
      'test/rds/sessions/sessions_app',
    ]);
    expect(secretNamed(parsed, 'test/rds/orders/orders_app')).toMatchObject({
      provider: 'aws.workload',
      recovery_window_in_days: 30,
      kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\.payments_secrets-key_\w+\.arn\}$/),
    });
  });

  it('tags for the governance policies, break-glass readability included', () => {
    const { json } = secretsStack();
    expect(json).toHaveResourceWithProperties(SecretsmanagerSecret, {
      name: 'test/rds/orders/orders_app',
      tags: {
        env: 'test',
        system: 'orders',
        critical: 'true',
        'managed-by': 'credential-rotation',
        'breakglass:readable': 'test',
      },
    });
    expect(json).toHaveResourceWithProperties(SecretsmanagerSecret, {
      name: 'test/rds/orders/orders_bi',
      tags: {
        env: 'test',
        system: 'orders',
        critical: 'false',
        'managed-by': 'credential-rotation',
        'breakglass:readable': 'false',
      },
    });
  });

  it('writes only connection metadata, never a password, and ignores rotation changes', () => {
    const { parsed } = secretsStack();
    const versions = resourcesOf(parsed, 'aws_secretsmanager_secret_version');
    expect(versions).toHaveLength(3);
    for (const version of versions) {
      expect(version.lifecycle).toEqual({ ignore_changes: ['secret_string', 'version_stages'] });
      expect(version.version_stages).toEqual(['AWSCURRENT', 'TERRAFORM_METADATA']);
      expect(version.secret_string_wo).toBeUndefined();
      expect(Object.keys(JSON.parse(version.secret_string as string)).sort()).not.toContain('password');
    }
    expect(JSON.parse(versions[0]!.secret_string as string)).toEqual({
      engine: 'postgres',
      host: 'orders.c1.eu-west-1.rds.amazonaws.com',
      port: 5432,
      username: 'orders_app',
      dbname: 'orders',
      masterarn: 'arn:aws:secretsmanager:eu-west-1:333333333333:secret:rds!db-1-AbCdEf',
    });
    expect(JSON.parse(versions[2]!.secret_string as string)).toEqual({
      engine: 'mariadb',
      host: 'sessions.c1.eu-west-1.rds.amazonaws.com',
      port: 3306,
      username: 'sessions_app',
      masterarn: 'arn:aws:secretsmanager:eu-west-1:333333333333:secret:rds!db-2-GhIjKl',
    });
  });

  it('denies reading the value to every principal outside the allow-list', () => {
    const { parsed } = secretsStack();
    const policies = resourcesOf(parsed, 'aws_secretsmanager_secret_policy');
    expect(policies.every((p) => p.block_public_policy === true)).toBe(true);
    const read = statement(policyOf(policies[0]!), 'ReadOnlyByAllowedRoles');
    expect(read).toEqual({
      Sid: 'ReadOnlyByAllowedRoles',
      Effect: 'Deny',
      Principal: '*',
      Action: 'secretsmanager:GetSecretValue',
      Resource: '*',
      Condition: {
        ArnNotLike: {
          'aws:PrincipalArn': [
            'arn:aws:iam::333333333333:role/workload/orders-api',
            'arn:aws:iam::333333333333:role/secrets-rotation/test-rotation-payments',
            'arn:aws:iam::333333333333:role/breakglass/BreakGlassSecretReader',
            'arn:aws:iam::333333333333:role/deploy',
            'arn:aws:iam::333333333333:role/tfc-plan/deploy-plan',
          ],
        },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      },
    });
    // The deploy role and its plan role read the metadata version by its id, and no other version.
    const pinned = statement(policyOf(policies[0]!), 'DeployRoleReadsOnlyMetadataVersion');
    expect(pinned.Effect).toBe('Deny');
    expect(pinned.Condition?.ArnLike).toEqual({
      'aws:PrincipalArn': [
        'arn:aws:iam::333333333333:role/deploy',
        'arn:aws:iam::333333333333:role/tfc-plan/deploy-plan',
      ],
    });
    expect(pinned.Condition?.StringNotEquals).toEqual({
      'secretsmanager:VersionId': expect.stringMatching(
        /^\$\{aws_secretsmanager_secret_version\..*\.version_id\}$/,
      ),
    });
    const write = statement(policyOf(policies[0]!), 'WriteOnlyByRotationAndDeploy');
    expect(write.Action).toEqual([
      'secretsmanager:PutSecretValue',
      'secretsmanager:UpdateSecretVersionStage',
    ]);
    expect(write.Condition?.ArnNotLike).toEqual({
      'aws:PrincipalArn': [
        'arn:aws:iam::333333333333:role/secrets-rotation/test-rotation-payments',
        'arn:aws:iam::333333333333:role/deploy',
      ],
    });
  });

  it('rotates on the configured schedule and window, immediately on creation', () => {
    const { json, parsed } = secretsStack();
    expect(json).toHaveResourceWithProperties(SecretsmanagerSecretRotation, {
      rotate_immediately: true,
      rotation_rules: { schedule_expression: 'rate(30 days)', duration: '3h' },
    });
    const rotation = resourcesOf(parsed, 'aws_secretsmanager_secret_rotation')[0]!;
    expect(rotation.depends_on).toEqual([
      expect.stringMatching(/^aws_secretsmanager_secret_version\./),
      expect.stringMatching(/^aws_lambda_permission\./),
    ]);
  });

  it('replicates with the replica key of each region', () => {
    const { parsed } = secretsStack((config) => {
      config.replicaRegions = ['eu-central-1'];
    });
    expect(secretNamed(parsed, 'test/rds/orders/orders_app').replica).toEqual([
      {
        region: 'eu-central-1',
        kms_key_id: expect.stringMatching(
          /^\$\{aws_kms_replica_key\.payments_secrets-key_replica-eu-central-1_\w+\.arn\}$/,
        ),
      },
    ]);
  });
});
