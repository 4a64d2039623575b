import { WorkloadRotation } from '../src';
import { policyOf, resourcesOf, statement, synth, testEnvironment, testStack } from './helpers';

describe('WorkloadRotation', () => {
  it('builds the full set of resources for an account with databases', () => {
    const { stack, provider, asset } = testStack();
    const environment = testEnvironment();
    new WorkloadRotation(stack, 'payments', {
      provider,
      environment,
      workload: environment.config.accounts.workloads[0]!,
      bundle: { asset, handler: 'index.handler', runtime: 'nodejs22.x' },
    });
    const { parsed } = synth(stack);
    const counts = Object.fromEntries(
      Object.entries(parsed.resource).map(([type, r]) => [type, Object.keys(r).length]),
    );
    expect(counts).toEqual({
      aws_cloudwatch_event_rule: 1,
      aws_cloudwatch_event_target: 1,
      aws_cloudwatch_log_group: 1,
      aws_cloudwatch_metric_alarm: 1,
      aws_iam_role: 1,
      aws_iam_role_policy: 1,
      aws_kms_alias: 2,
      aws_kms_key: 2,
      aws_lambda_function: 1,
      aws_lambda_permission: 1,
      aws_secretsmanager_secret: 3,
      aws_secretsmanager_secret_policy: 3,
      aws_secretsmanager_secret_rotation: 3,
      aws_secretsmanager_secret_version: 3,
      aws_security_group: 2,
      aws_sns_topic: 1,
      aws_sns_topic_policy: 1,
      aws_sns_topic_subscription: 2,
      aws_vpc_endpoint: 1,
      aws_vpc_security_group_egress_rule: 3,
      aws_vpc_security_group_ingress_rule: 1,
    });
    const everyProvider = Object.values(parsed.resource).flatMap((r) =>
      Object.values(r).map((x) => x.provider),
    );
    expect(new Set(everyProvider)).toEqual(new Set(['aws.workload']));
  });

  it('lets the application roles, the rotation role, break-glass readers and the deploy role use the secrets key', () => {
    const { stack, provider, asset } = testStack();
    const environment = testEnvironment();
    new WorkloadRotation(stack, 'payments', {
      provider,
      environment,
      workload: environment.config.accounts.workloads[0]!,
      bundle: { asset, handler: 'index.handler', runtime: 'nodejs22.x' },
    });
    const keys = resourcesOf(synth(stack).parsed, 'aws_kms_key');
    const secretsKey = keys.find((k) => (k.description as string).startsWith('Database user secrets'))!;
    expect(statement(policyOf(secretsKey), 'UseThroughSecretsManager').Condition?.ArnLike).toEqual({
      'aws:PrincipalArn': [
        'arn:aws:iam::333333333333:role/deploy',
        'arn:aws:iam::333333333333:role/tfc-plan/deploy-plan',
        'arn:aws:iam::333333333333:role/secrets-rotation/test-rotation-payments',
        'arn:aws:iam::333333333333:role/breakglass/BreakGlassSecretReader',
        'arn:aws:iam::333333333333:role/workload/orders-api',
        'arn:aws:iam::333333333333:role/workload/orders-bi',
        'arn:aws:iam::333333333333:role/workload/sessions-api',
      ],
    });
  });

  it('creates nothing for an account without databases', () => {
    const { stack, provider, asset } = testStack();
    const environment = testEnvironment((config) => {
      config.accounts.workloads[0]!.databases = [];
    });
    const workload = new WorkloadRotation(stack, 'empty', {
      provider,
      environment,
      workload: environment.config.accounts.workloads[0]!,
      bundle: { asset, handler: 'index.handler', runtime: 'nodejs22.x' },
    });
    expect(workload.secrets).toEqual([]);
    expect(workload.rotationFunction).toBeUndefined();
    expect(synth(stack).parsed.resource).toBeUndefined();
  });
});
