/**
 * The plan role of an account, as data: where it lives and what it may not do.
 *
 * Why a role of its own: the plan phase runs whatever configuration reached it, including code
 * (the `external` data source runs a program during plan) from a pull request nobody has approved
 * yet. The apply phase is the account's deploy role, which every change guardrail exempts; the plan
 * phase must be a role that no change guardrail exempts and that can never read a password or
 * decrypt one, whatever else is attached to it. So the denies live in the role's own policy (they
 * hold even in the management account, where no SCP applies) rather than in a narrower allow list
 * that a second attached policy could widen.
 *
 * What it may read: exactly what the deploy role reads on refresh. A plan refreshes every resource,
 * and the AWS provider refreshes `aws_secretsmanager_secret_version` with GetSecretValue by the id
 * of the version Terraform wrote (the TERRAFORM_METADATA version: connection metadata, never a
 * password), decrypted through Secrets Manager. The guardrails treat the plan roles as version
 * readers beside the deploy roles (the read SCP denies them every read without a version id, each
 * secret's policy pins the id to its metadata version, the secrets key lets them decrypt only
 * through Secrets Manager); this policy repeats the parts that need no per-secret knowledge, so
 * they hold where no SCP or secret policy does.
 *
 * The naming (`planRoleArn`, `/tfc-plan/`, `-plan`) lives in @credential-rotation/environment-config,
 * shared with the guardrails; it is re-exported here. The policy tests evaluate this file with the
 * simulator (packages/policy-tests/src/scenarios/plan-role.ts loads it from source).
 */
import {
  MANAGED_BY,
  planRoleArn as planRoleArnOf,
  ResourceNameError,
  TAG_KEYS,
} from '@credential-rotation/environment-config';
import { BootstrapConfigError } from './errors';

/** One statement of an identity policy. */
export interface IamPolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** An identity policy document, serialized as-is into the role. */
export interface IamPolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly IamPolicyStatement[];
}

/** Calls that return a secret value (BatchGetSecretValue returns AWSCURRENT of many secrets at once). */
export const PLAN_ROLE_DENIED_SECRET_READS = [
  'secretsmanager:GetSecretValue',
  'secretsmanager:BatchGetSecretValue',
] as const;

/** Calls that return plaintext of data encrypted under a key: allowed only through Secrets Manager. */
export const PLAN_ROLE_DENIED_KEY_USE = ['kms:Decrypt'] as const;

/**
 * The plan role of the account whose deploy role is `deployRoleArn`: same account and name with
 * `-plan`, under `/tfc-plan/` (see planRoleArn in @credential-rotation/environment-config).
 *
 * @example
 * planRoleArn('arn:aws:iam::111111111111:role/deploy/credential-rotation-deploy')
 * // 'arn:aws:iam::111111111111:role/tfc-plan/credential-rotation-deploy-plan'
 */
export function planRoleArn(deployRoleArn: string): string {
  try {
    return planRoleArnOf(deployRoleArn);
  } catch (error) {
    if (error instanceof ResourceNameError) throw new BootstrapConfigError(error.message, { cause: error });
    throw error;
  }
}

/**
 * The plan role's own policy: explicit denies beside the read-only managed policy. An explicit
 * deny wins over any allow, so attaching a broader policy later still cannot hand the plan phase a
 * password, a decrypted blob or the deploy role. What is left is the refresh of the metadata
 * version: GetSecretValue by a version id, of a secret this repository manages (the managed-by tag,
 * which only the deploy roles may set), decrypted through Secrets Manager. Which version id is the
 * metadata version only each secret's own policy knows, and pins (DatabaseSecret).
 *
 * @example
 * JSON.stringify(planRolePolicy()) // {"Version":"2012-10-17","Statement":[{"Sid":"DenySecretReadsWithoutVersionId",...}]}
 */
export function planRolePolicy(): IamPolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        // A read by staging label (AWSCURRENT by default, AWSPENDING, AWSPREVIOUS) carries no version
        // id. The provider's refresh of the metadata version always names its id.
        Sid: 'DenySecretReadsWithoutVersionId',
        Effect: 'Deny',
        Action: ['secretsmanager:GetSecretValue'],
        Resource: '*',
        Condition: { Null: { 'secretsmanager:VersionId': 'true' } },
      },
      {
        // Secrets this repository does not manage have no policy pinning their version ids.
        Sid: 'DenySecretReadsOfUnmanagedSecrets',
        Effect: 'Deny',
        Action: ['secretsmanager:GetSecretValue'],
        Resource: '*',
        Condition: { StringNotEquals: { [`aws:ResourceTag/${TAG_KEYS.managedBy}`]: MANAGED_BY } },
      },
      {
        // Returns AWSCURRENT of many secrets at once; Terraform never calls it.
        Sid: 'DenyBatchSecretReads',
        Effect: 'Deny',
        Action: ['secretsmanager:BatchGetSecretValue'],
        Resource: '*',
      },
      {
        // Secrets Manager decrypts the metadata version on the caller's behalf; nothing else may.
        Sid: 'DenyDecryptOutsideSecretsManager',
        Effect: 'Deny',
        Action: [...PLAN_ROLE_DENIED_KEY_USE],
        Resource: '*',
        Condition: { StringNotLike: { 'kms:ViaService': 'secretsmanager.*.amazonaws.com' } },
      },
      {
        // Per-account credentials give the plan phase this role directly; it never needs another.
        // In the management account no SCP stops it from assuming a role that trusts the account.
        Sid: 'DenyAssumingRoles',
        Effect: 'Deny',
        Action: ['sts:AssumeRole'],
        Resource: '*',
      },
    ],
  };
}
