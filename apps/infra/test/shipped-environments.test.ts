import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { secretName } from '@credential-rotation/environment-config';
import { allKeys, shippedEnvironments, synthStack } from './helpers';

const environments = shippedEnvironments();

/** The rotation role's actions: exactly the documented list, nothing broader. */
const ROTATION_ACTIONS = [
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
];

function actionsOf(policy: string): string[] {
  const document = JSON.parse(policy) as { Statement: { Effect: string; Action?: string | string[] }[] };
  const actions = document.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) =>
    s.Action === undefined ? [] : typeof s.Action === 'string' ? [s.Action] : s.Action,
  );
  return [...new Set(actions)].sort();
}

describe.each(environments.map((e) => [e.name, e] as const))('environment %s', (name, environment) => {
  const { json, parsed } = synthStack(environment);
  const { config } = environment;
  const resources = Object.entries(parsed.resource).flatMap(([type, byId]) =>
    Object.entries(byId).map(([id, body]) => ({ type, id, body })),
  );
  const inAccount = (alias: string) => resources.filter((r) => r.body.provider === `aws.${alias}`);

  it('has one aliased provider per account, each pinned to its account and deploy role', () => {
    const expected = [
      { alias: 'management', ...config.accounts.management },
      { alias: 'security', ...config.accounts.security },
      ...config.accounts.workloads.map((w) => ({
        alias: `workload-${w.name}`,
        accountId: w.accountId,
        deployRoleArn: w.deployRoleArn,
      })),
    ];
    // In a Terraform Cloud workspace with per-account credentials the run already is the deploy
    // role (the bootstrap names it per tag); elsewhere the provider assumes it.
    const perAccount = config.terraformCloud?.awsCredentials.mode === 'per-account';
    expect(
      parsed.provider.aws.map((p) => ({
        alias: p.alias,
        allowed: p.allowed_account_ids,
        credentials: p.assume_role ?? p.shared_config_files,
        region: p.region,
      })),
    ).toEqual(
      expected.map((a) => ({
        alias: a.alias,
        allowed: [a.accountId],
        credentials: perAccount
          ? [`\${var.tfc_aws_dynamic_credentials.aliases.${a.alias.replace(/-/g, '_')}.shared_config_file}`]
          : [{ role_arn: a.deployRoleArn, session_name: `credential-rotation-${name}` }],
        region: config.region,
      })),
    );
  });

  it('names an explicit provider on every resource', () => {
    const aliases = new Set(parsed.provider.aws.map((p) => `aws.${p.alias as string}`));
    expect(resources.filter((r) => !aliases.has(r.body.provider as string))).toEqual([]);
  });

  it.each(config.accounts.workloads.map((w) => [w.name, w] as const))(
    'creates the rotation set for workload %s in its own account',
    (workloadName, workload) => {
      const mine = inAccount(`workload-${workloadName}`);
      const count = (type: string) => mine.filter((r) => r.type === type).length;
      const users = workload.databases.flatMap((db) =>
        db.users.map((u) => secretName(name, db.name, u.username)),
      );
      expect(
        mine
          .filter((r) => r.type === 'aws_secretsmanager_secret')
          .map((r) => r.body.name)
          .sort(),
      ).toEqual([...users].sort());
      for (const type of [
        'aws_secretsmanager_secret_policy',
        'aws_secretsmanager_secret_version',
        'aws_secretsmanager_secret_rotation',
      ]) {
        expect(count(type)).toBe(users.length);
      }
      expect(count('aws_lambda_function')).toBe(1);
      expect(count('aws_lambda_permission')).toBe(1);
      expect(count('aws_cloudwatch_log_group')).toBe(1);
      expect(count('aws_cloudwatch_metric_alarm')).toBe(1);
      expect(count('aws_kms_key')).toBe(2);
      expect(count('aws_kms_replica_key')).toBe(config.replicaRegions.length);
      expect(count('aws_vpc_endpoint')).toBe(workload.vpc?.secretsManagerEndpoint.mode === 'create' ? 1 : 0);
      expect(count('aws_sns_topic_subscription')).toBe(config.alerts.emailAddresses.length);

      const rotationPolicy = mine.find(
        (r) => r.type === 'aws_iam_role_policy' && r.body.name === 'rotate-database-secrets',
      );
      expect(actionsOf(rotationPolicy!.body.policy as string)).toEqual(
        config.rotationFunction.tracing
          ? [...ROTATION_ACTIONS, 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'].sort()
          : ROTATION_ACTIONS,
      );
      const rotationRole = mine.find(
        (r) => r.type === 'aws_iam_role' && r.body.path === '/secrets-rotation/',
      );
      expect(rotationRole?.body.name).toBe(`${name}-rotation-${workloadName}`);
    },
  );

  it('never writes a password: no password key anywhere, secret strings hold only metadata', () => {
    expect(allKeys(parsed).filter((key) => /^password$/i.test(key))).toEqual([]);
    const versions = resources.filter((r) => r.type === 'aws_secretsmanager_secret_version');
    expect(versions.length).toBeGreaterThan(0);
    for (const { body } of versions) {
      const keys = Object.keys(JSON.parse(body.secret_string as string) as object);
      expect(
        keys.every((k) => ['engine', 'host', 'port', 'username', 'dbname', 'masterarn'].includes(k)),
      ).toBe(true);
      expect(body.secret_string_wo).toBeUndefined();
      expect(body.lifecycle).toEqual({ ignore_changes: ['secret_string', 'version_stages'] });
    }
  });

  it('ships the bundle as a stack asset with a content hash', () => {
    expect(json).toHaveResourceWithProperties(LambdaFunction, {
      runtime: 'nodejs22.x',
      handler: 'index.handler',
    });
    for (const fn of resources.filter((r) => r.type === 'aws_lambda_function')) {
      expect(fn.body.filename).toMatch(/^assets\/rotation-lambda\/[0-9A-F]{32}\/rotation-lambda\.zip$/);
      expect(fn.body.source_code_hash).toMatch(/^[0-9A-F]{32}$/);
    }
  });

  it('outputs what database and application teams need per workload account', () => {
    const expected = config.accounts.workloads
      .filter((w) => w.databases.length > 0)
      .flatMap((w) => [
        `${w.name}-alerts-topic-arn`,
        `${w.name}-rotation-function-name`,
        `${w.name}-rotation-security-group-id`,
      ]);
    expect(Object.keys(parsed.output ?? {}).sort()).toEqual(expected.sort());
  });

  it('rotates every secret on the configured schedule, immediately on creation', () => {
    for (const rotation of resources.filter((r) => r.type === 'aws_secretsmanager_secret_rotation')) {
      expect(rotation.body.rotate_immediately).toBe(config.rotation.rotateImmediately);
      expect(rotation.body.rotation_rules).toEqual({
        schedule_expression: config.rotation.schedule,
        duration: config.rotation.windowDuration,
      });
    }
  });
});

describe('shipped environments', () => {
  it('are dev, prod and staging', () => {
    expect(environments.map((e) => e.name)).toEqual(['dev', 'prod', 'staging']);
  });
});
