import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import type { Environment } from '@credential-rotation/environment-config';
import { EncryptionKey, RotationFunction, allowedActions } from '../src';
import { policyOf, resourcesOf, statement, synth, testEnvironment, testStack } from './helpers';

function functionStack(environment: Environment = testEnvironment()) {
  const { stack, provider, asset } = testStack();
  const workload = environment.config.accounts.workloads[0]!;
  const logsKey = new EncryptionKey(stack, 'ops-key', {
    provider,
    partition: 'aws',
    accountId: workload.accountId,
    region: 'eu-west-1',
    aliasName: 'test-ops',
    description: 'ops',
    deployRoleArn: workload.deployRoleArn,
    usageStatements: () => [],
  });
  const fn = new RotationFunction(stack, 'rotation', {
    provider,
    environment: environment.name,
    workloadName: workload.name,
    partition: 'aws',
    accountId: workload.accountId,
    region: 'eu-west-1',
    vpc: workload.vpc!,
    databases: workload.databases,
    bundle: { asset, handler: 'index.handler', runtime: 'nodejs22.x' },
    settings: environment.config.rotationFunction,
    passwordPolicy: environment.config.passwordPolicy,
    logsKey,
    replicaRegions: environment.config.replicaRegions,
  });
  return { ...synth(stack), fn, asset };
}

describe('RotationFunction', () => {
  it('runs the bundle on nodejs22.x in the private subnets with the configured limits', () => {
    const { json, parsed, asset } = functionStack();
    expect(resourcesOf(parsed, 'aws_lambda_function')[0]!.vpc_config).toEqual({
      subnet_ids: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
      security_group_ids: [
        expect.stringMatching(/^\$\{aws_security_group\.rotation_security-group_\w+\.id\}$/),
      ],
    });
    expect(json).toHaveResourceWithProperties(LambdaFunction, {
      function_name: 'test-secrets-rotation-payments',
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      timeout: 60,
      memory_size: 256,
      reserved_concurrent_executions: 5,
      source_code_hash: asset.assetHash,
      provider: 'aws.workload',
      environment: {
        variables: {
          PASSWORD_LENGTH: '32',
          EXCLUDE_CHARACTERS: '/@"\'\\`$ ',
          DB_CONNECT_TIMEOUT_MS: '5000',
          POWERTOOLS_SERVICE_NAME: 'secrets-rotation',
          POWERTOOLS_METRICS_NAMESPACE: 'CredentialRotation',
        },
      },
    });
  });

  it('grants exactly the documented rotation actions', () => {
    const { fn } = functionStack();
    expect(allowedActions(fn.rolePolicy)).toEqual([
      'ec2:AssignPrivateIpAddresses',
      'ec2:CreateNetworkInterface',
      'ec2:DeleteNetworkInterface',
      'ec2:DescribeNetworkInterfaces',
      'ec2:UnassignPrivateIpAddresses',
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
      'secretsmanager:ListSecretVersionIds',
      'secretsmanager:PutSecretValue',
      'secretsmanager:UpdateSecretVersionStage',
    ]);
  });

  it('scopes secret access to the environment prefix, managed tag and master secrets', () => {
    const { parsed } = functionStack();
    const policy = policyOf(resourcesOf(parsed, 'aws_iam_role_policy')[0]!);
    expect(statement(policy, 'RotateManagedSecrets')).toMatchObject({
      Resource: 'arn:aws:secretsmanager:eu-west-1:333333333333:secret:test/rds/*',
      Condition: { StringEquals: { 'aws:ResourceTag/managed-by': 'credential-rotation' } },
    });
    expect(statement(policy, 'ReadMasterSecrets')).toMatchObject({
      Action: 'secretsmanager:GetSecretValue',
      Resource: [
        'arn:aws:secretsmanager:eu-west-1:333333333333:secret:rds!db-1-AbCdEf',
        'arn:aws:secretsmanager:eu-west-1:333333333333:secret:rds!db-2-GhIjKl',
      ],
    });
    expect(statement(policy, 'DecryptMasterSecrets')).toMatchObject({
      Resource: 'arn:aws:kms:eu-west-1:333333333333:key/0a1b2c3d-0000-4000-8000-000000000001',
      Condition: {
        StringEquals: {
          'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com',
          'kms:EncryptionContext:SecretARN': [
            'arn:aws:secretsmanager:eu-west-1:333333333333:secret:rds!db-1-AbCdEf',
            'arn:aws:secretsmanager:eu-west-1:333333333333:secret:rds!db-2-GhIjKl',
          ],
        },
      },
    });
    expect(statement(policy, 'WriteOwnLogs').Resource).toBe(
      'arn:aws:logs:eu-west-1:333333333333:log-group:/aws/lambda/test-secrets-rotation-payments:*',
    );
  });

  it('puts the role under /secrets-rotation/ and lets only Lambda in this account assume it', () => {
    const { json, parsed, fn } = functionStack();
    expect(json).toHaveResourceWithProperties(IamRole, {
      name: 'test-rotation-payments',
      path: '/secrets-rotation/',
    });
    expect(fn.roleArn).toBe('arn:aws:iam::333333333333:role/secrets-rotation/test-rotation-payments');
    const trust = policyOf(resourcesOf(parsed, 'aws_iam_role')[0]!, 'assume_role_policy');
    expect(trust.Statement).toEqual([
      {
        Sid: 'LambdaAssumesInThisAccount',
        Effect: 'Allow',
        Principal: { Service: 'lambda.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': '333333333333' } },
      },
    ]);
  });

  it('opens egress only to the database ports and HTTPS to the endpoint it creates', () => {
    const { parsed, json } = functionStack();
    const egress = resourcesOf(parsed, 'aws_vpc_security_group_egress_rule')
      .map((rule) => ({
        port: rule.from_port as number,
        to: rule.to_port,
        sg: rule.referenced_security_group_id,
        cidr: rule.cidr_ipv4,
      }))
      .sort((a, b) => b.port - a.port);
    expect(egress).toEqual([
      { port: 5432, to: 5432, sg: 'sg-0123456789abcdef0', cidr: undefined },
      { port: 3306, to: 3306, sg: undefined, cidr: '10.0.8.0/24' },
      {
        port: 443,
        to: 443,
        sg: expect.stringMatching(/^\$\{aws_security_group\.rotation_endpoint-security-group_\w+\.id\}$/),
        cidr: undefined,
      },
    ]);
    expect(
      resourcesOf(parsed, 'aws_security_group').every(
        (sg) => sg.egress === undefined && sg.ingress === undefined,
      ),
    ).toBe(true);
    expect(json).toHaveResourceWithProperties(VpcEndpoint, {
      service_name: 'com.amazonaws.eu-west-1.secretsmanager',
      vpc_endpoint_type: 'Interface',
      private_dns_enabled: true,
    });
  });

  it('adds no ingress rule to a database security group unless the config asks', () => {
    const ingressToDatabases = (parsed: ReturnType<typeof functionStack>['parsed']) =>
      resourcesOf(parsed, 'aws_vpc_security_group_ingress_rule').filter(
        (rule) => rule.security_group_id === 'sg-0123456789abcdef0',
      );
    expect(ingressToDatabases(functionStack().parsed)).toEqual([]);

    const { parsed } = functionStack(
      testEnvironment((config) => {
        const database = config.accounts.workloads[0]!.databases![0]!;
        (database as { ingressFromRotation?: boolean }).ingressFromRotation = true;
      }),
    );
    expect(ingressToDatabases(parsed)).toEqual([
      expect.objectContaining({
        ip_protocol: 'tcp',
        from_port: 5432,
        to_port: 5432,
        referenced_security_group_id: expect.stringMatching(
          /^\$\{aws_security_group\.rotation_security-group_\w+\.id\}$/,
        ),
        description: 'test secrets rotation (orders)',
      }),
    ]);
  });

  it('uses an existing endpoint security group when told so', () => {
    const { parsed } = functionStack(
      testEnvironment((config) => {
        config.accounts.workloads[0]!.vpc!.secretsManagerEndpoint = {
          mode: 'existing',
          securityGroupId: 'sg-0fedcba9876543210',
        };
      }),
    );
    expect(resourcesOf(parsed, 'aws_vpc_endpoint')).toEqual([]);
    const https = resourcesOf(parsed, 'aws_vpc_security_group_egress_rule').filter(
      (r) => r.from_port === 443,
    );
    expect(https.map((r) => r.referenced_security_group_id)).toEqual(['sg-0fedcba9876543210']);
  });

  it('allows HTTPS anywhere only in NAT mode', () => {
    const { parsed } = functionStack(
      testEnvironment((config) => {
        config.accounts.workloads[0]!.vpc!.secretsManagerEndpoint = { mode: 'nat' };
      }),
    );
    const https = resourcesOf(parsed, 'aws_vpc_security_group_egress_rule').filter(
      (r) => r.from_port === 443,
    );
    expect(https.map((r) => r.cidr_ipv4)).toEqual(['0.0.0.0/0']);
    expect(resourcesOf(parsed, 'aws_vpc_endpoint')).toEqual([]);
  });

  it('lets Secrets Manager invoke it from this account only, and keeps encrypted logs', () => {
    const { json, parsed } = functionStack();
    expect(json).toHaveResourceWithProperties(LambdaPermission, {
      action: 'lambda:InvokeFunction',
      principal: 'secretsmanager.amazonaws.com',
      source_account: '333333333333',
    });
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/aws/lambda/test-secrets-rotation-payments',
      retention_in_days: 365,
    });
    expect(resourcesOf(parsed, 'aws_cloudwatch_log_group')[0]!.kms_key_id).toMatch(
      /^\$\{aws_kms_key\.ops-key_\w+\.arn\}$/,
    );
  });

  it('adds the X-Ray actions only with tracing on', () => {
    const { fn, json } = functionStack(
      testEnvironment((config) => {
        config.rotationFunction = { tracing: true };
      }),
    );
    expect(allowedActions(fn.rolePolicy)).toEqual(
      expect.arrayContaining(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']),
    );
    expect(json).toHaveResourceWithProperties(LambdaFunction, { tracing_config: { mode: 'Active' } });
  });

  it('lets replication re-encrypt with the replica keys when secrets replicate', () => {
    const { parsed } = functionStack(
      testEnvironment((config) => {
        config.replicaRegions = ['eu-central-1'];
      }),
    );
    const policy = policyOf(resourcesOf(parsed, 'aws_iam_role_policy')[0]!);
    expect(statement(policy, 'UseSecretsKeyThroughSecretsManager')).toMatchObject({
      Resource: ['arn:aws:kms:eu-west-1:333333333333:key/*', 'arn:aws:kms:eu-central-1:333333333333:key/*'],
      Condition: {
        StringEquals: {
          'kms:ViaService': [
            'secretsmanager.eu-west-1.amazonaws.com',
            'secretsmanager.eu-central-1.amazonaws.com',
          ],
        },
        StringLike: {
          'kms:EncryptionContext:SecretARN': [
            'arn:aws:secretsmanager:eu-west-1:333333333333:secret:test/rds/*',
            'arn:aws:secretsmanager:eu-central-1:333333333333:secret:test/rds/*',
          ],
        },
      },
    });
  });
});
