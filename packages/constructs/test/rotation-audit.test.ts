import { ConfigConfigRule } from '@cdktf/provider-aws/lib/config-config-rule';
import type { RotationAuditProps } from '../src';
import { maxDaysBetweenRotations, RotationAudit, SecurityAuditRole } from '../src';
import { policyOf, resourcesOf, statement, synth, testStack } from './helpers';

function auditStack(extra: Partial<RotationAuditProps> = {}) {
  const { stack, provider } = testStack();
  new RotationAudit(stack, 'audit', {
    provider,
    environment: 'prod',
    partition: 'aws',
    accountId: '333333333333',
    securityAccountId: '222222222222',
    organizationId: 'o-a1b2c3d4e5',
    auditorPrincipalArns: ['arn:aws:iam::222222222222:role/ci/rotation-report'],
    functionName: 'prod-secrets-rotation-payments',
    logGroupName: '/aws/lambda/prod-secrets-rotation-payments',
    rotation: { schedule: 'rate(30 days)', windowDuration: '3h', rotateImmediately: true },
    secretsKeyArn: 'arn:aws:kms:eu-west-1:333333333333:key/0a1b',
    ...extra,
  });
  return synth(stack);
}

describe('RotationAudit', () => {
  it('creates the audit role at /audit/, trusted by the auditors of the security account in this organization', () => {
    const { parsed } = auditStack();
    const role = resourcesOf(parsed, 'aws_iam_role')[0]!;
    expect([role.name, role.path]).toEqual(['prod-rotation-audit', '/audit/']);
    expect(policyOf(role, 'assume_role_policy').Statement).toEqual([
      {
        Sid: 'AuditorsOfTheSecurityAccount',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::222222222222:root' },
        Action: 'sts:AssumeRole',
        Condition: {
          ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::222222222222:role/ci/rotation-report'] },
          StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
        },
      },
    ]);
  });

  it('reads metadata, the function and its log, and never a value or a decrypt', () => {
    const { parsed } = auditStack();
    const policy = policyOf(resourcesOf(parsed, 'aws_iam_role_policy')[0]!);
    const allowed = policy.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Action].flat());
    expect(allowed).not.toEqual(expect.arrayContaining(['secretsmanager:GetSecretValue']));
    expect(allowed.some((a) => /^kms:(Decrypt|\*)$|^secretsmanager:\*$|^\*$/.test(String(a)))).toBe(false);
    expect(statement(policy, 'NeverAValue')).toEqual({
      Sid: 'NeverAValue',
      Effect: 'Deny',
      Action: ['secretsmanager:GetSecretValue', 'secretsmanager:BatchGetSecretValue', 'kms:Decrypt'],
      Resource: '*',
    });
  });

  it('adds the four AWS Config managed rules, scoped by the managed-by tag, only when asked', () => {
    expect(resourcesOf(auditStack().parsed, 'aws_config_config_rule')).toEqual([]);
    const { json, parsed } = auditStack({ configRules: true });
    expect(resourcesOf(parsed, 'aws_config_config_rule')).toHaveLength(4);
    expect(
      resourcesOf(parsed, 'aws_config_config_rule').map(
        (r) => (r.source as { source_identifier: string }).source_identifier,
      ),
    ).toEqual(
      expect.arrayContaining([
        'SECRETSMANAGER_ROTATION_ENABLED_CHECK',
        'SECRETSMANAGER_SCHEDULED_ROTATION_SUCCESS_CHECK',
        'SECRETSMANAGER_SECRET_PERIODIC_ROTATION',
        'SECRETSMANAGER_USING_CMK',
      ]),
    );
    expect(json).toHaveResourceWithProperties(ConfigConfigRule, {
      name: 'prod-secrets-periodic-rotation',
      scope: { tag_key: 'managed-by', tag_value: 'credential-rotation' },
      input_parameters: JSON.stringify({ maxDaysSinceRotation: '31' }),
    });
  });

  it('derives the rotation-age limit from the schedule', () => {
    const rotation = { windowDuration: '3h', rotateImmediately: true };
    expect(maxDaysBetweenRotations({ ...rotation, schedule: 'rate(30 days)' })).toBe(31);
    expect(maxDaysBetweenRotations({ ...rotation, schedule: 'rate(12 hours)' })).toBe(2);
    expect(maxDaysBetweenRotations({ ...rotation, schedule: 'cron(0 2 ? * SUN *)' })).toBe(32);
  });
});

describe('SecurityAuditRole', () => {
  it('lets the auditors look up CloudTrail in the security account and nothing that reads a value', () => {
    const { stack, provider } = testStack();
    new SecurityAuditRole(stack, 'security-audit', {
      provider,
      environment: 'prod',
      partition: 'aws',
      securityAccountId: '222222222222',
      organizationId: 'o-a1b2c3d4e5',
      auditorPrincipalArns: ['arn:aws:iam::222222222222:role/ci/rotation-report'],
    });
    const { parsed } = synth(stack);
    const role = resourcesOf(parsed, 'aws_iam_role')[0]!;
    expect([role.name, role.path]).toEqual(['prod-rotation-audit', '/audit/']);
    const policy = policyOf(resourcesOf(parsed, 'aws_iam_role_policy')[0]!);
    expect(policy.Statement.map((s) => [s.Effect, s.Action])).toEqual([
      ['Allow', 'cloudtrail:LookupEvents'],
      ['Deny', ['secretsmanager:GetSecretValue', 'secretsmanager:BatchGetSecretValue', 'kms:Decrypt']],
    ]);
  });
});
