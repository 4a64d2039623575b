/**
 * Builders for the requests the scenarios make, each with the context keys AWS attaches to
 * that API call (and no others: the simulator refuses keys an action does not have).
 */
import type { Caller, Context } from './identities';
import { accountOf, callerContext } from './identities';
import type { AccessRequest } from './simulator';
import type { KeyModel, PolicyJson, SecretModel } from './stack-policies';

function base(
  caller: Caller,
  region: string,
): Pick<AccessRequest, 'principal' | 'principalAccount' | 'identityPolicies'> & {
  context: Context;
} {
  return {
    principal: caller.principal,
    principalAccount: caller.accountId,
    identityPolicies: caller.identityPolicies,
    context: callerContext(caller, region),
  };
}

function resourceContext(accountId: string, organizationId: string): Context {
  return { 'aws:ResourceAccount': accountId, 'aws:ResourceOrgID': organizationId };
}

function tagContext(tags: Readonly<Record<string, string>>, prefix: string): Context {
  return Object.fromEntries(Object.entries(tags).map(([key, value]) => [`${prefix}/${key}`, value]));
}

/** A Secrets Manager call on one secret (GetSecretValue, DescribeSecret, PutSecretValue, ...). */
export function secretRequest(
  caller: Caller,
  action: string,
  secret: SecretModel,
  organizationId: string,
  extra: Context = {},
): AccessRequest {
  const request = base(caller, secret.region);
  return {
    ...request,
    action,
    resource: secret.arn,
    resourceAccount: secret.accountId,
    context: {
      ...request.context,
      ...resourceContext(secret.accountId, organizationId),
      ...tagContext(secret.tags, 'aws:ResourceTag'),
      'secretsmanager:SecretId': secret.arn,
      ...extra,
    },
    ...(secret.resourcePolicy !== undefined ? { resourcePolicy: secret.resourcePolicy } : {}),
  };
}

/** TagResource / UntagResource on a secret with the given tag keys (and values, for TagResource). */
export function secretTagRequest(
  caller: Caller,
  action: 'secretsmanager:TagResource' | 'secretsmanager:UntagResource',
  secret: SecretModel,
  organizationId: string,
  tags: Readonly<Record<string, string>>,
): AccessRequest {
  return secretRequest(caller, action, secret, organizationId, {
    'aws:TagKeys': Object.keys(tags),
    ...(action === 'secretsmanager:TagResource' ? tagContext(tags, 'aws:RequestTag') : {}),
  });
}

/** CreateSecret of `name` in the caller's account with tags. */
export function createSecretRequest(
  caller: Caller,
  region: string,
  name: string,
  organizationId: string,
  tags: Readonly<Record<string, string>>,
): AccessRequest {
  const request = base(caller, region);
  return {
    ...request,
    action: 'secretsmanager:CreateSecret',
    resource: `arn:aws:secretsmanager:${region}:${caller.accountId}:secret:${name}-AbCdEf`,
    resourceAccount: caller.accountId,
    context: {
      ...request.context,
      ...resourceContext(caller.accountId, organizationId),
      ...tagContext(tags, 'aws:RequestTag'),
      'aws:TagKeys': Object.keys(tags),
      'secretsmanager:Name': name,
    },
  };
}

/** ListSecrets (no resource). */
export function listSecretsRequest(caller: Caller, region: string): AccessRequest {
  const request = base(caller, region);
  return {
    ...request,
    action: 'secretsmanager:ListSecrets',
    resource: '*',
    resourceAccount: caller.accountId,
  };
}

/**
 * kms:Decrypt of a secret's data key. Through Secrets Manager (`viaSecretsManager`) the call
 * carries the caller's credentials plus kms:ViaService and aws:CalledVia; directly it does not.
 */
export function decryptRequest(
  caller: Caller,
  key: KeyModel,
  secret: SecretModel,
  organizationId: string,
  viaSecretsManager: boolean,
): AccessRequest {
  const request = base(caller, key.region);
  const via: Context = viaSecretsManager
    ? {
        'aws:ViaAWSService': 'true',
        'aws:CalledVia': ['secretsmanager.amazonaws.com'],
        'aws:CalledViaFirst': 'secretsmanager.amazonaws.com',
        'aws:CalledViaLast': 'secretsmanager.amazonaws.com',
        'kms:ViaService': `secretsmanager.${key.region}.amazonaws.com`,
      }
    : {};
  return {
    ...request,
    action: 'kms:Decrypt',
    resource: key.arn,
    resourceAccount: key.accountId,
    context: {
      ...request.context,
      ...resourceContext(key.accountId, organizationId),
      'kms:CallerAccount': caller.accountId,
      'kms:EncryptionAlgorithm': 'SYMMETRIC_DEFAULT',
      'kms:EncryptionContext:SecretARN': secret.arn,
      'kms:EncryptionContext:SecretVersionId': '00000000-0000-4000-8000-000000000001',
      'kms:EncryptionContextKeys': ['SecretARN', 'SecretVersionId'],
      ...via,
    },
    resourcePolicy: key.policy,
  };
}

/** What the caller passes to AssumeRole. */
export interface AssumeRoleOptions {
  readonly sessionName: string;
  /** Session tags passed in the call. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
  /** Keys marked transitive. @default - none */
  readonly transitiveTagKeys?: readonly string[];
  /** --source-identity. @default - none */
  readonly sourceIdentity?: string;
}

/**
 * One AssumeRole call as IAM authorizes it: sts:AssumeRole, plus sts:TagSession when tags are
 * passed or inherited, plus sts:SetSourceIdentity when a source identity is set or carried.
 */
export function assumeRoleRequests(
  caller: Caller,
  role: { readonly arn: string; readonly trust: PolicyJson },
  organizationId: string,
  region: string,
  options: AssumeRoleOptions,
): AccessRequest[] {
  const request = base(caller, region);
  const resourceAccount = accountOf(role.arn);
  const tags = options.tags ?? {};
  const tagKeys = Object.keys(tags);
  const tagging: Context = {
    ...tagContext(tags, 'aws:RequestTag'),
    ...(tagKeys.length > 0 ? { 'aws:TagKeys': tagKeys } : {}),
    ...(options.transitiveTagKeys !== undefined && options.transitiveTagKeys.length > 0
      ? { 'sts:TransitiveTagKeys': options.transitiveTagKeys }
      : {}),
  };
  const sourceIdentity: Context =
    options.sourceIdentity !== undefined ? { 'sts:SourceIdentity': options.sourceIdentity } : {};
  const common = {
    ...request,
    resource: role.arn,
    resourceAccount,
    resourcePolicy: role.trust,
  };
  const requests: AccessRequest[] = [
    {
      ...common,
      action: 'sts:AssumeRole',
      context: {
        ...request.context,
        ...resourceContext(resourceAccount, organizationId),
        ...tagging,
        ...sourceIdentity,
        'sts:RoleSessionName': options.sessionName,
      },
    },
  ];
  const inheritsTags = caller.sessionTags !== undefined && Object.keys(caller.sessionTags).length > 0;
  if (tagKeys.length > 0 || inheritsTags) {
    requests.push({ ...common, action: 'sts:TagSession', context: { ...request.context, ...tagging } });
  }
  if (options.sourceIdentity !== undefined || caller.sourceIdentity !== undefined) {
    requests.push({
      ...common,
      action: 'sts:SetSourceIdentity',
      context: { ...request.context, ...sourceIdentity },
    });
  }
  return requests;
}

/** An IAM call on a role (CreateRole, PutRolePolicy, PassRole, ...). */
export function roleRequest(
  caller: Caller,
  action: string,
  roleArn: string,
  organizationId: string,
  region: string,
  extra: Context = {},
): AccessRequest {
  const request = base(caller, region);
  const resourceAccount = accountOf(roleArn);
  return {
    ...request,
    action,
    resource: roleArn,
    resourceAccount,
    context: { ...request.context, ...resourceContext(resourceAccount, organizationId), ...extra },
  };
}

/**
 * A call on any resource of `resourceAccount`, with the keys of the caller and the resource's
 * account; `context` adds the action's own keys (tags, service keys).
 */
export function resourceRequest(
  caller: Caller,
  action: string,
  resource: string,
  resourceAccount: string,
  organizationId: string,
  region: string,
  context: Context = {},
  resourcePolicy?: PolicyJson,
): AccessRequest {
  const request = base(caller, region);
  return {
    ...request,
    action,
    resource,
    resourceAccount,
    context: { ...request.context, ...resourceContext(resourceAccount, organizationId), ...context },
    ...(resourcePolicy !== undefined ? { resourcePolicy } : {}),
  };
}

/** An EventBridge call on a rule. */
export function eventRuleRequest(
  caller: Caller,
  action: string,
  ruleArn: string,
  organizationId: string,
  region: string,
): AccessRequest {
  return roleRequest(caller, action, ruleArn, organizationId, region);
}
