/**
 * The callers of the scenarios and the request context AWS would attach to their calls.
 * The simulator derives nothing: every key a real request carries is written here.
 */
import type { NamedPolicy, PolicyJson } from './stack-policies';

export interface Caller {
  /** What the request is signed as: a user ARN or an assumed-role session ARN. */
  readonly principal: string;
  /** `aws:PrincipalArn`: the user or the role (with its path), not the session. */
  readonly principalArn: string;
  readonly accountId: string;
  readonly organizationId: string;
  readonly type: 'User' | 'AssumedRole' | 'Account';
  readonly identityPolicies: readonly NamedPolicy[];
  /** Session tags (and inherited transitive tags) of a role session. @default - none */
  readonly sessionTags?: Readonly<Record<string, string>>;
  /** Source identity of a role session. @default - none */
  readonly sourceIdentity?: string;
  /** MFA on an IAM user's call. @default - no MFA */
  readonly mfaAgeSeconds?: number;
}

export type Context = Record<string, string | readonly string[]>;

export const ADMINISTRATOR_ACCESS: NamedPolicy = {
  name: 'AdministratorAccess',
  policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

export function policy(name: string, document: PolicyJson): NamedPolicy {
  return { name, policy: document };
}

/** An IAM user, with MFA when `mfaAgeSeconds` is given. */
export function iamUser(
  arn: string,
  organizationId: string,
  identityPolicies: readonly NamedPolicy[],
  mfaAgeSeconds?: number,
): Caller {
  return {
    principal: arn,
    principalArn: arn,
    accountId: accountOf(arn),
    organizationId,
    type: 'User',
    identityPolicies,
    ...(mfaAgeSeconds !== undefined ? { mfaAgeSeconds } : {}),
  };
}

/**
 * The member account's root user. It ignores identity policies (modelled as allowing everything);
 * SCPs still apply to it, which is what the guardrails rely on.
 */
export function accountRoot(accountId: string, organizationId: string): Caller {
  const arn = `arn:aws:iam::${accountId}:root`;
  return {
    principal: arn,
    principalArn: arn,
    accountId,
    organizationId,
    type: 'Account',
    identityPolicies: [ADMINISTRATOR_ACCESS],
  };
}

/** A session of `roleArn` named `sessionName`. */
export function roleSession(
  roleArn: string,
  sessionName: string,
  organizationId: string,
  identityPolicies: readonly NamedPolicy[],
  extras: { sessionTags?: Record<string, string>; sourceIdentity?: string } = {},
): Caller {
  const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
  const account = accountOf(roleArn);
  return {
    principal: `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`,
    principalArn: roleArn,
    accountId: account,
    organizationId,
    type: 'AssumedRole',
    identityPolicies,
    ...extras,
  };
}

/** An Identity Center permission-set role ARN (path and random suffix as AWS creates them). */
export function identityCenterRoleArn(accountId: string, region: string, permissionSet: string): string {
  return `arn:aws:iam::${accountId}:role/aws-reserved/sso.amazonaws.com/${region}/AWSReservedSSO_${permissionSet}_0123456789abcdef`;
}

/** The keys every authenticated request carries about its caller. */
export function callerContext(caller: Caller, region: string): Context {
  const name = caller.principal.slice(caller.principal.lastIndexOf('/') + 1);
  const context: Context = {
    'aws:PrincipalArn': caller.principalArn,
    'aws:PrincipalAccount': caller.accountId,
    'aws:PrincipalOrgID': caller.organizationId,
    'aws:PrincipalType': caller.type,
    'aws:PrincipalIsAWSService': 'false',
    'aws:ViaAWSService': 'false',
    'aws:SecureTransport': 'true',
    'aws:RequestedRegion': region,
    'aws:userid':
      caller.type === 'User'
        ? `AIDA${hashish(caller.principalArn)}`
        : caller.type === 'Account'
          ? caller.accountId
          : `AROA${hashish(caller.principalArn)}:${name}`,
  };
  if (caller.type === 'User') {
    context['aws:username'] = name;
    context['aws:MultiFactorAuthPresent'] = caller.mfaAgeSeconds !== undefined ? 'true' : 'false';
    if (caller.mfaAgeSeconds !== undefined) context['aws:MultiFactorAuthAge'] = String(caller.mfaAgeSeconds);
  }
  for (const [key, value] of Object.entries(caller.sessionTags ?? {}))
    context[`aws:PrincipalTag/${key}`] = value;
  if (caller.sourceIdentity !== undefined) context['aws:SourceIdentity'] = caller.sourceIdentity;
  return context;
}

export function accountOf(arn: string): string {
  return arn.split(':')[4] ?? '';
}

function hashish(text: string): string {
  let h = 0;
  for (const char of text) h = (h * 31 + char.charCodeAt(0)) >>> 0;
  return h.toString(36).toUpperCase().padStart(8, '0').slice(0, 8) + 'EXAMPLE';
}
