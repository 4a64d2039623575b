import { ConfigConfigRule } from '@cdktf/provider-aws/lib/config-config-rule';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { RotationConfig } from '@credential-rotation/environment-config';
import {
  AUDIT_ROLE_PATH,
  MANAGED_BY,
  parseSchedule,
  resourceName,
  TAG_KEYS,
} from '@credential-rotation/environment-config';
import { Construct } from 'constructs';
import type { PolicyDocument } from './policy';
import { allow, deny, minify, policyDocument } from './policy';

export interface RotationAuditProps {
  readonly provider: AwsProvider;
  readonly environment: string;
  readonly partition: string;
  readonly accountId: string;
  /** The security account, where the auditors are. */
  readonly securityAccountId: string;
  readonly organizationId: string;
  /** Roles (exact ARNs or Identity Center patterns) in the security account that may assume the role. */
  readonly auditorPrincipalArns: readonly string[];
  /** The rotation function's name and log group, which the report reads outcomes from. */
  readonly functionName: string;
  readonly logGroupName: string;
  /** Create the AWS Config managed rules (a configuration recorder must exist). @default false */
  readonly configRules?: boolean;
  /** The schedule, for the rules' rotation-age limit. */
  readonly rotation: RotationConfig;
  /** The secrets key, which the CMK rule requires. */
  readonly secretsKeyArn: string;
}

/**
 * What `credential-rotation report` needs in one workload account: a read-only audit role (secret
 * metadata, the rotation function's configuration and outcome logs, CloudTrail look-ups; never a
 * value, never a decrypt) for the configured auditors, and, opt-in, the AWS Config managed rules for
 * the managed secrets.
 */
export class RotationAudit extends Construct {
  public readonly role: IamRole;
  public readonly permissions: PolicyDocument;

  constructor(scope: Construct, id: string, props: RotationAuditProps) {
    super(scope, id);
    const { provider } = props;
    this.role = auditRole(this, props);
    this.permissions = auditRolePolicy(props);
    new IamRolePolicy(this, 'policy', {
      provider,
      role: this.role.name,
      name: 'rotation-report-read-only',
      policy: minify(this.permissions),
    });
    if (props.configRules === true) this.addConfigRules(props);
  }

  private addConfigRules(props: RotationAuditProps): void {
    const maxDays = String(maxDaysBetweenRotations(props.rotation));
    const rules: [string, string, Record<string, string>?][] = [
      [
        'SECRETSMANAGER_ROTATION_ENABLED_CHECK',
        'rotation-enabled',
        { maximumAllowedRotationFrequency: maxDays },
      ],
      ['SECRETSMANAGER_SCHEDULED_ROTATION_SUCCESS_CHECK', 'rotation-success'],
      ['SECRETSMANAGER_SECRET_PERIODIC_ROTATION', 'periodic-rotation', { maxDaysSinceRotation: maxDays }],
      ['SECRETSMANAGER_USING_CMK', 'using-cmk', { kmsKeyArns: props.secretsKeyArn }],
    ];
    for (const [identifier, name, parameters] of rules) {
      new ConfigConfigRule(this, `config-${name}`, {
        provider: props.provider,
        name: resourceName(props.environment, 'secrets', name),
        description: `${identifier} on the secrets managed by ${MANAGED_BY}`,
        source: { owner: 'AWS', sourceIdentifier: identifier },
        scope: { tagKey: TAG_KEYS.managedBy, tagValue: MANAGED_BY },
        ...(parameters !== undefined ? { inputParameters: JSON.stringify(parameters) } : {}),
      });
    }
  }
}

/** What an audit role needs to be created: the trust side. */
export type AuditRoleProps = Pick<
  RotationAuditProps,
  'provider' | 'environment' | 'partition' | 'securityAccountId' | 'organizationId' | 'auditorPrincipalArns'
>;

/**
 * The audit role `role/audit/<env>-rotation-audit` (the name `auditRoleArn` gives), trusted by the
 * configured auditors of the security account in this organization, one-hour sessions.
 */
export function auditRole(scope: Construct, props: AuditRoleProps): IamRole {
  return new IamRole(scope, 'role', {
    provider: props.provider,
    name: resourceName(props.environment, 'rotation-audit'),
    path: AUDIT_ROLE_PATH,
    description: 'Read-only rotation health and compliance report: metadata only, never a value',
    maxSessionDuration: 3600,
    assumeRolePolicy: minify(
      policyDocument(
        allow({
          Sid: 'AuditorsOfTheSecurityAccount',
          Principal: { AWS: `arn:${props.partition}:iam::${props.securityAccountId}:root` },
          Action: 'sts:AssumeRole',
          Condition: {
            ArnLike: { 'aws:PrincipalArn': [...props.auditorPrincipalArns] },
            StringEquals: { 'aws:PrincipalOrgID': props.organizationId },
          },
        }),
      ),
    ),
  });
}

/** Reading a value or decrypting one: denied to every audit role, whatever else is attached to it. */
export const NEVER_A_VALUE = deny({
  Sid: 'NeverAValue',
  Action: ['secretsmanager:GetSecretValue', 'secretsmanager:BatchGetSecretValue', 'kms:Decrypt'],
  Resource: '*',
});

/**
 * The audit role's permissions: list and describe secrets (stages, dates, rotation settings, tags,
 * resource policy), the rotation function's configuration and its log, CloudTrail look-ups, key
 * metadata; and an explicit deny on reading a value or decrypting, whatever else is attached.
 */
export function auditRolePolicy(
  props: Pick<RotationAuditProps, 'partition' | 'accountId' | 'functionName' | 'logGroupName'>,
): PolicyDocument {
  const { partition, accountId } = props;
  return policyDocument(
    allow({
      Sid: 'SecretMetadata',
      Action: [
        'secretsmanager:DescribeSecret',
        'secretsmanager:ListSecretVersionIds',
        'secretsmanager:GetResourcePolicy',
      ],
      Resource: `arn:${partition}:secretsmanager:*:${accountId}:secret:*`,
    }),
    allow({
      Sid: 'ListAndLookUp',
      Action: [
        'secretsmanager:ListSecrets',
        'cloudtrail:LookupEvents',
        'logs:GetQueryResults',
        'kms:ListAliases',
      ],
      Resource: '*',
    }),
    allow({
      Sid: 'RotationFunction',
      Action: ['lambda:GetFunctionConfiguration', 'lambda:GetPolicy'],
      Resource: `arn:${partition}:lambda:*:${accountId}:function:${props.functionName}`,
    }),
    allow({
      Sid: 'RotationOutcomes',
      Action: ['logs:FilterLogEvents', 'logs:StartQuery', 'logs:DescribeLogStreams'],
      Resource: `arn:${partition}:logs:*:${accountId}:log-group:${props.logGroupName}:*`,
    }),
    allow({
      Sid: 'KeyMetadata',
      Action: ['kms:DescribeKey', 'kms:GetKeyRotationStatus', 'kms:ListResourceTags'],
      Resource: `arn:${partition}:kms:*:${accountId}:key/*`,
    }),
    NEVER_A_VALUE,
  );
}

/**
 * Longest time between two rotations the schedule allows, in days, plus one for the window. A cron
 * schedule is taken as monthly at most (32): the report checks the exact next date per secret.
 */
export function maxDaysBetweenRotations(rotation: RotationConfig): number {
  const parsed = parseSchedule(rotation.schedule);
  if (!parsed.ok || parsed.schedule.kind === 'cron') return 32;
  const { unit, value } = parsed.schedule;
  return (unit === 'days' ? value : Math.ceil(value / 24)) + 1;
}
