/**
 * The organization policies of one environment, as data. The constructs serialize them
 * minified; the policy tests read them back from cdk.tf.json and evaluate them.
 *
 * Why a principal-ARN allow-list and not the seed's `aws:ViaAWSService` test: that key is
 * true only when a service forwards the caller's own credentials, so a Lambda function, an
 * ECS task or the break-glass role calling GetSecretValue directly is denied like a person.
 */
import {
  GovernanceConfigError,
  ROLE_PATHS,
  TAG_KEYS,
  breakGlassRoleArn,
} from '@credential-rotation/environment-config';
import type { PolicyDocument, PolicyStatement } from '../policy';
import { policyDocument } from '../policy';

/** The values the guardrails are built from. */
export interface GuardrailPolicyInputs {
  /** `aws`, `aws-cn` or `aws-us-gov`. */
  readonly partition: string;
  /** Deploy roles of this environment's accounts, the only principals that may change guarded objects. */
  readonly deployRoles: DeployRolePrincipals;
  /** Name of the break-glass reader role in each workload account (path /breakglass/). */
  readonly breakGlassReaderRoleName: string;
  /** The central break-glass role: the only principal that may assume the reader roles. */
  readonly breakGlassCentralRoleArn: string;
  /** Tag that marks a secret as managed by this repository, with its value. */
  readonly managedByTag: { readonly key: string; readonly value: string };
  /** Tag keys that authorize access and may be set only by the deploy role. */
  readonly protectedTagKeys: readonly string[];
  /** The organization's id, for the resource control policy. */
  readonly organizationId: string;
  /** Name prefix of the break-glass alert rules in the workload accounts, like `prod-breakglass-`. */
  readonly alertRuleNamePrefix: string;
}

/**
 * The deploy roles as SCP conditions that stay small as accounts are added. Roles that share a path
 * and name across accounts (the usual layout: one `role/deploy/<name>` per account) become one
 * account-wildcard pattern, pinned back to exactly these accounts by {@link deployRolePinStatements};
 * a role with a name of its own stays a literal ARN. Per-account ARNs would grow each guardrail by
 * about 70 characters per account in every exempting statement and pass the 5,120-character quota
 * at about 20 workload accounts.
 */
export interface DeployRolePrincipals {
  /** Values for `aws:PrincipalArn` exemptions: literal ARNs and `arn:<p>:iam::*:role/<path><name>` patterns. */
  readonly arnPatterns: readonly string[];
  /** Each account-wildcard pattern with the only accounts where a role matching it is a deploy role. */
  readonly pins: readonly { readonly pattern: string; readonly accountIds: readonly string[] }[];
}

const ROLE_ARN_PARTS = /^arn:([\w-]+):iam::(\d{12}):(role\/.+)$/;

/**
 * Groups deploy role ARNs by partition, path and name.
 *
 * @example
 * deployRolePrincipals(['arn:aws:iam::111111111111:role/deploy/d', 'arn:aws:iam::222222222222:role/deploy/d'])
 * // { arnPatterns: ['arn:aws:iam::*:role/deploy/d'], pins: [{ pattern: ..., accountIds: ['111111111111', '222222222222'] }] }
 */
export function deployRolePrincipals(deployRoleArns: readonly string[]): DeployRolePrincipals {
  // `<partition>:<role/path/name>` -> the accounts that have that role.
  const groups = new Map<string, { partition: string; role: string; accounts: Set<string> }>();
  for (const arn of deployRoleArns) {
    const match = ROLE_ARN_PARTS.exec(arn);
    if (match === null)
      throw new GovernanceConfigError(`deploy role ${JSON.stringify(arn)} is not an IAM role ARN`);
    const [, partition = '', account = '', role = ''] = match;
    const key = `${partition}:${role}`;
    const group = groups.get(key) ?? { partition, role, accounts: new Set() };
    group.accounts.add(account);
    groups.set(key, group);
  }
  const arnPatterns: string[] = [];
  const pins: { pattern: string; accountIds: string[] }[] = [];
  for (const { partition, role, accounts } of groups.values()) {
    const accountIds = [...accounts].sort();
    // One account: its literal ARN, nothing to pin.
    const pattern = `arn:${partition}:iam::${accountIds.length === 1 ? accountIds[0] : '*'}:${role}`;
    arnPatterns.push(pattern);
    if (accountIds.length > 1) pins.push({ pattern, accountIds });
  }
  return { arnPatterns, pins };
}

/**
 * Keeps an account-wildcard deploy role pattern exact: in the OUs, a role at that path and name in
 * any other account may do nothing at all, so it can never use the exemptions meant for the deploy
 * roles. (The management account, where the deploy role of Organizations lives, is outside SCPs.)
 */
export function deployRolePinStatements(deployRoles: DeployRolePrincipals): PolicyStatement[] {
  return deployRoles.pins.map((pin, index) => ({
    Sid: `DenyDeployRoleNameInOtherAccounts${index === 0 ? '' : index + 1}`,
    Effect: 'Deny',
    Action: '*',
    Resource: '*',
    Condition: {
      ArnLike: { 'aws:PrincipalArn': [pin.pattern] },
      StringNotEquals: { 'aws:PrincipalAccount': [...pin.accountIds] },
    },
  }));
}

/** Reading a value: GetSecretValue, and BatchGetSecretValue, which is authorized per secret by GetSecretValue too. */
export const SECRET_VALUE_READ_ACTIONS = [
  'secretsmanager:GetSecretValue',
  'secretsmanager:BatchGetSecretValue',
];

/** Changes the rotation function makes in its steps (setSecret writes AWSPENDING; finishSecret moves AWSCURRENT). */
export const ROTATION_WRITE_ACTIONS = [
  'secretsmanager:PutSecretValue',
  'secretsmanager:UpdateSecretVersionStage',
];

/** Changes only the deploy role makes to a managed secret: each one can cause credential drift or hand out access. */
export const DEPLOY_ONLY_SECRET_ACTIONS = [
  'secretsmanager:UpdateSecret',
  'secretsmanager:RestoreSecret',
  'secretsmanager:DeleteSecret',
  'secretsmanager:PutResourcePolicy',
  'secretsmanager:DeleteResourcePolicy',
  'secretsmanager:RotateSecret',
  'secretsmanager:CancelRotateSecret',
  'secretsmanager:ReplicateSecretToRegions',
  'secretsmanager:RemoveRegionsFromReplication',
  'secretsmanager:StopReplicationToReplica',
];

/** Everything that creates, edits, tags, deletes or hands out a role. */
export const ROLE_CHANGE_ACTIONS = [
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
  'iam:UpdateAssumeRolePolicy',
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:PassRole',
];

/** Changes that would silence the break-glass alert rules. */
export const ALERT_RULE_CHANGE_ACTIONS = [
  'events:DeleteRule',
  'events:DisableRule',
  'events:PutRule',
  'events:PutTargets',
  'events:RemoveTargets',
];

/** ARN pattern for every role under `path` in any account of the OU. */
export function rolePathPattern(partition: string, path: string): string {
  return `arn:${partition}:iam::*:role${path}*`;
}

/** ARN pattern for the break-glass reader role in any account of the OU. */
export function readerRolePattern(partition: string, readerRoleName: string): string {
  return breakGlassRoleArn(partition, '*', readerRoleName);
}

/**
 * SCP: only roles under the allow-listed paths read secret values. DescribeSecret and
 * ListSecrets stay open: they return metadata only, and Terraform refreshes and monitoring need them.
 *
 * The deploy roles are on the list too, reluctantly: Terraform refreshes the metadata version it
 * wrote with GetSecretValue (by version id, which no condition key can pin). They already write
 * every policy and role this list trusts, so leaving them out would protect nothing real.
 */
export function secretReadGuardrail(inputs: GuardrailPolicyInputs): PolicyDocument {
  const { partition } = inputs;
  return policyDocument(
    {
      Sid: 'DenySecretValueOutsideAllowList',
      Effect: 'Deny',
      Action: SECRET_VALUE_READ_ACTIONS,
      Resource: '*',
      Condition: {
        ArnNotLike: {
          'aws:PrincipalArn': [
            rolePathPattern(partition, ROLE_PATHS.workload),
            rolePathPattern(partition, ROLE_PATHS.rotation),
            readerRolePattern(partition, inputs.breakGlassReaderRoleName),
            ...inputs.deployRoles.arnPatterns,
          ],
        },
      },
    },
    {
      // A role whose trust policy names its account root could otherwise be assumed by any
      // administrator there. Services (ECS, Lambda, EC2) assume roles as service principals,
      // which SCPs do not govern, so workloads keep working.
      Sid: 'DenyAssumingSecretReaders',
      Effect: 'Deny',
      Action: ['sts:AssumeRole'],
      Resource: [
        rolePathPattern(partition, ROLE_PATHS.workload),
        rolePathPattern(partition, ROLE_PATHS.rotation),
      ],
      Condition: {
        ArnNotLike: { 'aws:PrincipalArn': [rolePathPattern(partition, ROLE_PATHS.workload)] },
      },
    },
    {
      Sid: 'DenyAssumingReaderButCentral',
      Effect: 'Deny',
      Action: ['sts:AssumeRole'],
      Resource: [readerRolePattern(partition, inputs.breakGlassReaderRoleName)],
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': [inputs.breakGlassCentralRoleArn] } },
    },
  );
}

/**
 * SCP: nobody but the deploy role changes a managed secret (value, stages, policy, rotation,
 * deletion, replication); the rotation role may write values and move stages; and the tags
 * that authorize access may be set or removed by the deploy role only, on any secret.
 */
export function secretChangeGuardrail(inputs: GuardrailPolicyInputs): PolicyDocument {
  const { partition } = inputs;
  const managed = { [`aws:ResourceTag/${inputs.managedByTag.key}`]: inputs.managedByTag.value };
  return policyDocument(
    {
      Sid: 'DenyValueWritesButRotation',
      Effect: 'Deny',
      Action: ROTATION_WRITE_ACTIONS,
      Resource: '*',
      Condition: {
        StringEquals: managed,
        ArnNotLike: {
          'aws:PrincipalArn': [
            ...inputs.deployRoles.arnPatterns,
            rolePathPattern(partition, ROLE_PATHS.rotation),
          ],
        },
      },
    },
    {
      Sid: 'DenyManagedSecretChanges',
      Effect: 'Deny',
      Action: DEPLOY_ONLY_SECRET_ACTIONS,
      Resource: '*',
      Condition: {
        StringEquals: managed,
        ArnNotLike: { 'aws:PrincipalArn': [...inputs.deployRoles.arnPatterns] },
      },
    },
    {
      Sid: 'DenyAuthorizationTagChanges',
      Effect: 'Deny',
      Action: ['secretsmanager:TagResource', 'secretsmanager:UntagResource', 'secretsmanager:CreateSecret'],
      Resource: '*',
      Condition: {
        'ForAnyValue:StringEquals': { 'aws:TagKeys': [...inputs.protectedTagKeys] },
        ArnNotLike: { 'aws:PrincipalArn': [...inputs.deployRoles.arnPatterns] },
      },
    },
  );
}

/**
 * SCP: roles under the allow-listed paths are created, edited, tagged, deleted and passed by
 * the deploy role only; otherwise anyone who can create a role there could read every secret.
 * The break-glass alert rules are the deploy role's too, so nobody silences them before reading.
 * It also carries the pins of account-wildcard deploy role patterns (one SCP suffices: all three
 * are attached to the same OUs).
 */
export function protectedRoleGuardrail(inputs: GuardrailPolicyInputs): PolicyDocument {
  const { partition } = inputs;
  return policyDocument(
    {
      Sid: 'DenyProtectedRoleChanges',
      Effect: 'Deny',
      Action: ROLE_CHANGE_ACTIONS,
      Resource: Object.values(ROLE_PATHS).map((path) => rolePathPattern(partition, path)),
      Condition: { ArnNotLike: { 'aws:PrincipalArn': [...inputs.deployRoles.arnPatterns] } },
    },
    {
      Sid: 'DenyAlertRuleChanges',
      Effect: 'Deny',
      Action: ALERT_RULE_CHANGE_ACTIONS,
      Resource: `arn:${partition}:events:*:*:rule/${inputs.alertRuleNamePrefix}*`,
      Condition: { ArnNotLike: { 'aws:PrincipalArn': [...inputs.deployRoles.arnPatterns] } },
    },
    ...deployRolePinStatements(inputs.deployRoles),
  );
}

/**
 * RCP: secrets in the OU answer only to principals of this organization. AWS services acting
 * with their own service principal (for example RDS with its managed master secret) are left
 * alone; calls a service makes with a caller's credentials carry that caller's org id.
 */
export function secretsOrganizationBoundary(inputs: GuardrailPolicyInputs): PolicyDocument {
  return policyDocument({
    Sid: 'DenySecretsOutsideOrganization',
    Effect: 'Deny',
    Principal: '*',
    Action: ['secretsmanager:*'],
    Resource: '*',
    Condition: {
      StringNotEqualsIfExists: { 'aws:PrincipalOrgID': inputs.organizationId },
      BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
    },
  });
}

/** Tag keys that authorize access: the break-glass flag and the managed-by marker. */
export const DEFAULT_PROTECTED_TAG_KEYS = [TAG_KEYS.breakGlassReadable, TAG_KEYS.managedBy] as const;
