/**
 * Statements for the customer-managed key policies. A key policy is the second gate after IAM:
 * even a principal with `kms:*` in its identity policy cannot use a key whose policy does not
 * let it.
 */
import { planRoleArn } from '@credential-rotation/environment-config';
import type { PolicyStatement } from './policy';
import { allow, condition, conditions } from './policy';

/** Actions that administer a key but never use it for cryptography. */
export const KEY_ADMIN_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListAliases',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:ReplicateKey',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
  'kms:UpdatePrimaryRegion',
] as const;

export interface KeyAdministrationProps {
  readonly partition: string;
  readonly accountId: string;
  /** The deploy role: the only principal that manages the key. */
  readonly deployRoleArn: string;
}

/**
 * Key administration for the deploy role only. The principal is the account (not the role) with
 * an `aws:PrincipalArn` condition: a role principal is pinned to the role's unique id, so deleting
 * and recreating the deploy role would lock everyone out of the key; a condition on the ARN keeps
 * working. The account root user stays listed as the documented way back in if the deploy role is
 * ever lost, and KMS's lockout check passes because the caller (the deploy role) keeps PutKeyPolicy.
 */
export function keyAdministrationStatement(props: KeyAdministrationProps): PolicyStatement {
  return allow({
    Sid: 'KeyAdministrationByDeployRole',
    Principal: { AWS: `arn:${props.partition}:iam::${props.accountId}:root` },
    Action: [...KEY_ADMIN_ACTIONS],
    Resource: '*',
    Condition: condition('ArnEquals', 'aws:PrincipalArn', [
      props.deployRoleArn,
      `arn:${props.partition}:iam::${props.accountId}:root`,
    ]),
  });
}

/**
 * What the AWS provider's refresh of a key reads, and nothing that changes it or uses it: `aws_kms_key`
 * reads DescribeKey, GetKeyPolicy, GetKeyRotationStatus and ListResourceTags (terraform-provider-aws
 * `findKeyInfo`), `aws_kms_replica_key` the same without the rotation status. (ListAliases, for
 * `aws_kms_alias`, is not authorized by key policies.)
 */
export const KEY_REFRESH_ACTIONS = [
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListResourceTags',
] as const;

/**
 * The sibling of {@link keyAdministrationStatement} for the plan role of the account's deploy role
 * (`planRoleArn(deployRoleArn)`): Terraform Cloud's plan phase refreshes every key the stacks create,
 * and may only read what that refresh reads.
 */
export function keyRefreshByPlanRoleStatement(props: KeyAdministrationProps): PolicyStatement {
  return allow({
    Sid: 'KeyRefreshByPlanRole',
    Principal: { AWS: `arn:${props.partition}:iam::${props.accountId}:root` },
    Action: [...KEY_REFRESH_ACTIONS],
    Resource: '*',
    Condition: condition('ArnEquals', 'aws:PrincipalArn', [planRoleArn(props.deployRoleArn)]),
  });
}

export interface SecretsKeyUsageProps {
  readonly partition: string;
  readonly accountId: string;
  /** Region of this key (or replica): decryption only through Secrets Manager there. */
  readonly region: string;
  /** Principals (exact ARNs or `.../path/*` patterns) allowed to use the key through Secrets Manager. */
  readonly principalArns: readonly string[];
  /** Secrets whose values the key may protect, e.g. `arn:aws:secretsmanager:<region>:<account>:secret:prod/rds/*`. */
  readonly secretArnPattern: string;
}

/** Decrypt and data-key generation only through Secrets Manager, only for the listed roles and secrets. */
export function secretsKeyUsageStatement(props: SecretsKeyUsageProps): PolicyStatement {
  return allow({
    Sid: 'UseThroughSecretsManager',
    Principal: { AWS: `arn:${props.partition}:iam::${props.accountId}:root` },
    Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
    Resource: '*',
    Condition: conditions(
      condition('StringEquals', 'kms:ViaService', `secretsmanager.${props.region}.amazonaws.com`),
      condition('StringEquals', 'kms:CallerAccount', props.accountId),
      condition('ArnLike', 'aws:PrincipalArn', [...props.principalArns]),
      condition('StringLike', 'kms:EncryptionContext:SecretARN', props.secretArnPattern),
    ),
  });
}

export interface OperationsKeyUsageProps {
  readonly partition: string;
  readonly accountId: string;
  readonly region: string;
  /** Log groups the key may encrypt, e.g. `arn:aws:logs:<region>:<account>:log-group:/aws/lambda/prod-*`. */
  readonly logGroupArnPattern: string;
}

/** CloudWatch Logs encrypts the function's log group; EventBridge and CloudWatch publish to the encrypted topic. */
export function operationsKeyUsageStatements(props: OperationsKeyUsageProps): PolicyStatement[] {
  return [
    allow({
      Sid: 'CloudWatchLogsEncryption',
      Principal: { Service: `logs.${props.region}.amazonaws.com` },
      Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
      Resource: '*',
      Condition: condition('ArnLike', 'kms:EncryptionContext:aws:logs:arn', props.logGroupArnPattern),
    }),
    allow({
      Sid: 'PublishAlertsToEncryptedTopic',
      Principal: { Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: condition('StringEquals', 'aws:SourceAccount', props.accountId),
    }),
  ];
}
