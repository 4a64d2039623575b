/**
 * The organization policies of one environment, as data. The constructs serialize them
 * minified; the policy tests read them back from cdk.tf.json and evaluate them.
 *
 * Why a principal-ARN allow-list and not the seed's `aws:ViaAWSService` test: that key is
 * true only when a service forwards the caller's own credentials, so a Lambda function, an
 * ECS task or the break-glass role calling GetSecretValue directly is denied like a person.
 */
import { planRoleArn, ROLE_PATHS, TAG_KEYS } from '@credential-rotation/environment-config';
import type { PolicyDocument, PolicyStatement } from '../policy';
import { policyDocument } from '../policy';
import {
  alertPathGuardStatements,
  executorGuardStatement,
  keyGuardStatement,
  masterPasswordGuardStatement,
} from './guarded-resource-statements';
import type { AllowListInputs } from './guarded-set';
import { allowLists, assertEveryMemberGuarded, guardedSet, rolePathPattern } from './guarded-set';
import { groupRoleArnsByName } from './role-arn-groups';

/** The values the guardrails are built from. */
export interface GuardrailPolicyInputs extends AllowListInputs {
  /** Tag that marks a secret as managed by this repository, with its value. */
  readonly managedByTag: { readonly key: string; readonly value: string };
  /** Tag keys that authorize access and may be set only by the deploy role (compared ignoring case). */
  readonly protectedTagKeys: readonly string[];
  /** The organization's id, for the resource control policy. */
  readonly organizationId: string;
  /**
   * Roles outside the deploy roles that may assume them from inside the OUs: the Terraform Cloud entry
   * role, when runs reach the deploy roles through one.
   * @default - none
   */
  readonly deployRoleAssumers?: readonly string[];
  /**
   * The target OUs hold only the environment's accounts (`organization.dedicatedOus`), so the
   * account-wildcard deploy role patterns need no pin to an account list: a role of that name can
   * only exist in the environment's accounts, which the organization stack checks at every plan.
   * @default false
   */
  readonly dedicatedOus?: boolean;
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

/**
 * Groups deploy role ARNs by partition, path and name ({@link groupRoleArnsByName}).
 *
 * @example
 * deployRolePrincipals(['arn:aws:iam::111111111111:role/deploy/d', 'arn:aws:iam::222222222222:role/deploy/d'])
 * // { arnPatterns: ['arn:aws:iam::*:role/deploy/d'], pins: [{ pattern: ..., accountIds: ['111111111111', '222222222222'] }] }
 */
export function deployRolePrincipals(deployRoleArns: readonly string[]): DeployRolePrincipals {
  const groups = groupRoleArnsByName(deployRoleArns, 'deploy role');
  return {
    arnPatterns: groups.map((group) => group.pattern),
    // One account: its literal ARN, nothing to pin.
    pins: groups.filter((group) => group.accountIds.length > 1),
  };
}

/**
 * Keeps an account-wildcard deploy role pattern exact: in the OUs, a role at that path and name in
 * any other account may do nothing at all, so it can never use the exemptions meant for the deploy
 * roles. The same holds for the plan role pattern derived from it (a version reader): a
 * `role/tfc-plan/<name>-plan` in another account may do nothing either. Patterns pinned to the same
 * accounts share one statement (the deploy role and its plan role always do), so the pins grow by one
 * pattern, not by a second account list. (The management account, where the deploy role of
 * Organizations lives, is outside SCPs.)
 */
export function deployRolePinStatements(deployRoles: DeployRolePrincipals): PolicyStatement[] {
  // Each pinned pattern with its accounts. A plan role pattern takes the accounts of every deploy role
  // whose plan role it matches: two deploy roles may share a name on different paths.
  const pinned = new Map<string, Set<string>>();
  for (const pin of deployRoles.pins) {
    pinned.set(pin.pattern, new Set(pin.accountIds));
    const plan = planRoleArn(pin.pattern);
    pinned.set(plan, new Set([...(pinned.get(plan) ?? []), ...pin.accountIds]));
  }
  for (const arn of deployRoles.arnPatterns) {
    const [head = '', account = '', role = ''] = arn.split(/:(\d{12}):(?=role\/)/);
    const plan = role === '' ? undefined : planRoleArn(`${head}:*:${role}`);
    if (plan !== undefined && pinned.has(plan)) pinned.get(plan)?.add(account);
  }
  // Sorted account list -> the patterns pinned to exactly those accounts.
  const byAccounts = new Map<string, { patterns: string[]; accountIds: string[] }>();
  for (const [pattern, accounts] of pinned) {
    const accountIds = [...accounts].sort();
    const key = accountIds.join(',');
    const group = byAccounts.get(key) ?? { patterns: [], accountIds };
    group.patterns.push(pattern);
    byAccounts.set(key, group);
  }
  return [...byAccounts.values()].map((group, index) => ({
    Sid: `DenyDeployRoleNameInOtherAccounts${index === 0 ? '' : index + 1}`,
    Effect: 'Deny',
    Action: '*',
    Resource: '*',
    Condition: {
      ArnLike: { 'aws:PrincipalArn': group.patterns },
      StringNotEquals: { 'aws:PrincipalAccount': group.accountIds },
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

/** Setting or removing tags, and creating a resource with tags: on secrets and on keys. */
export const AUTHORIZATION_TAG_ACTIONS = [
  'secretsmanager:TagResource',
  'secretsmanager:UntagResource',
  'secretsmanager:CreateSecret',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:CreateKey',
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

/**
 * SCP: only allow-listed principals read secret values. DescribeSecret and ListSecrets stay open:
 * they return metadata only, and Terraform refreshes and monitoring need them. Nobody assumes an
 * allow-listed role but what is meant to: the services (workloads, rotation), the central
 * break-glass role (readers), the deploy roles themselves or their entry role (deploy roles).
 *
 * The deploy roles, and their plan roles (Terraform Cloud's plan phase, which refreshes every resource
 * too), read by version id only. Terraform's AWS provider refreshes the metadata version
 * it wrote with GetSecretValue by that version's id and nothing else, and `secretsmanager:VersionId`
 * is present only when a request names a version; a read by staging label (AWSCURRENT, the default)
 * or a BatchGetSecretValue carries none and is denied. One SCP cannot know every secret's metadata
 * version id, so each secret's own policy pins the id (DatabaseSecret), which keeps the deploy roles
 * away from AWSCURRENT, AWSPENDING and AWSPREVIOUS even when their ids are looked up first.
 */
export function secretReadGuardrail(inputs: GuardrailPolicyInputs): PolicyDocument {
  const { partition } = inputs;
  const lists = allowLists(inputs);
  return policyDocument(
    {
      Sid: 'DenySecretValueOutsideAllowList',
      Effect: 'Deny',
      Action: SECRET_VALUE_READ_ACTIONS,
      Resource: '*',
      Condition: {
        ArnNotLike: { 'aws:PrincipalArn': [...lists.valueReaders, ...lists.versionReaders] },
      },
    },
    {
      Sid: 'DenyVersionReadersButByVersionId',
      Effect: 'Deny',
      Action: SECRET_VALUE_READ_ACTIONS,
      Resource: '*',
      Condition: {
        ArnLike: { 'aws:PrincipalArn': [...lists.versionReaders] },
        Null: { 'secretsmanager:VersionId': 'true' },
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
      Resource: [...lists.readers],
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': [...lists.readerAssumers] } },
    },
    {
      // A deploy role that trusts its account root would make every administrator there a deploy
      // role. Terraform Cloud reaches it with web identity (not an SCP-governed AssumeRole) and
      // people from outside the OUs; inside them, only the deploy roles and their entry role may.
      // The same holds for the plan roles (version readers): Terraform Cloud reaches them with web
      // identity only.
      Sid: 'DenyAssumingDeployRoles',
      Effect: 'Deny',
      Action: ['sts:AssumeRole'],
      Resource: [...lists.deployers, ...lists.planRoles],
      Condition: {
        ArnNotLike: { 'aws:PrincipalArn': [...lists.deployers, ...(inputs.deployRoleAssumers ?? [])] },
      },
    },
  );
}

/**
 * SCP: nobody but the deploy role changes a managed secret (value, stages, policy, rotation,
 * deletion, replication); the rotation role may write values and move stages; the tags that
 * authorize access are the deploy role's on secrets and keys alike (compared ignoring case, as
 * IAM compares tag keys in `aws:ResourceTag/...`); and the master passwords and managed keys,
 * each of which could reset or stop every password, are the deploy role's too.
 */
export function secretChangeGuardrail(inputs: GuardrailPolicyInputs): PolicyDocument {
  const lists = allowLists(inputs);
  const managed = { [`aws:ResourceTag/${inputs.managedByTag.key}`]: inputs.managedByTag.value };
  return policyDocument(
    {
      Sid: 'DenyValueWritesButRotation',
      Effect: 'Deny',
      Action: ROTATION_WRITE_ACTIONS,
      Resource: '*',
      Condition: { StringEquals: managed, ArnNotLike: { 'aws:PrincipalArn': [...lists.valueWriters] } },
    },
    {
      Sid: 'DenyManagedSecretChanges',
      Effect: 'Deny',
      Action: DEPLOY_ONLY_SECRET_ACTIONS,
      Resource: '*',
      Condition: { StringEquals: managed, ArnNotLike: { 'aws:PrincipalArn': [...lists.deployers] } },
    },
    {
      Sid: 'DenyAuthorizationTagChanges',
      Effect: 'Deny',
      Action: AUTHORIZATION_TAG_ACTIONS,
      Resource: '*',
      Condition: {
        'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': [...inputs.protectedTagKeys] },
        ArnNotLike: { 'aws:PrincipalArn': [...lists.deployers] },
      },
    },
    masterPasswordGuardStatement(lists.deployers),
    keyGuardStatement(lists.deployers),
  );
}

/**
 * SCP: the guarded set is the deploy role's. Every allow-listed role (the protected paths and the
 * deploy roles themselves) is created, edited, re-trusted, tagged, deleted and passed by the deploy
 * role only; every executor (the rotation functions) is changed and invoked by it only; and so is
 * the alert path, so nobody silences it before stopping rotation or reading a value. It also carries
 * the pins of account-wildcard deploy role patterns (one SCP suffices: all are attached to the same OUs),
 * unless the OUs are dedicated to the environment.
 * Synth fails if an allow-listed principal or an executor is left out.
 */
export function protectedRoleGuardrail(inputs: GuardrailPolicyInputs): PolicyDocument {
  const lists = allowLists(inputs);
  const guarded = guardedSet(inputs);
  const roles: PolicyStatement = {
    Sid: 'DenyProtectedRoleChanges',
    Effect: 'Deny',
    Action: ROLE_CHANGE_ACTIONS,
    Resource: [...guarded.roles],
    Condition: { ArnNotLike: { 'aws:PrincipalArn': [...lists.deployers] } },
  };
  const executors = executorGuardStatement(guarded.executors, lists.deployers);
  assertEveryMemberGuarded(lists, guarded.executors, {
    roles: asList(roles.Resource),
    functions: asList(executors.Resource),
  });
  return policyDocument(
    roles,
    executors,
    ...alertPathGuardStatements(inputs.partition, inputs.environment, lists.deployers),
    ...(inputs.dedicatedOus === true ? [] : deployRolePinStatements(inputs.deployRoles)),
  );
}

/**
 * RCP: secrets in the OU, and the environment's keys, answer only to principals of this organization. AWS services acting
 * with their own service principal (for example RDS with its managed master secret) are left
 * alone; calls a service makes with a caller's credentials carry that caller's org id.
 */
export function secretsOrganizationBoundary(inputs: GuardrailPolicyInputs): PolicyDocument {
  const outsiders = {
    StringNotEqualsIfExists: { 'aws:PrincipalOrgID': inputs.organizationId },
    BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
  };
  return policyDocument(
    {
      Sid: 'DenySecretsOutsideOrganization',
      Effect: 'Deny',
      Principal: '*',
      Action: ['secretsmanager:*'],
      Resource: '*',
      Condition: outsiders,
    },
    {
      // The environment's keys only: teams in the OU may share other keys across organizations.
      Sid: 'DenyManagedKeysOutsideOrganization',
      Effect: 'Deny',
      Principal: '*',
      Action: ['kms:*'],
      Resource: '*',
      Condition: {
        ...outsiders,
        StringEquals: { [`aws:ResourceTag/${inputs.managedByTag.key}`]: inputs.managedByTag.value },
      },
    },
  );
}

/** Tag keys that authorize access: the break-glass flag and the managed-by marker. */
export const DEFAULT_PROTECTED_TAG_KEYS = [TAG_KEYS.breakGlassReadable, TAG_KEYS.managedBy] as const;

function asList(value: string | readonly string[] | undefined): readonly string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
}
