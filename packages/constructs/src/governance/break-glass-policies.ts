/**
 * Trust and permission policies of the break-glass chain, as data:
 * person -> central role (security account) -> reader role (each workload account).
 *
 * Both hops accept only the environment's regional STS endpoint (`aws:RequestedRegion`): the
 * global endpoint logs to us-east-1, where no alert rule listens, so a call there would be silent.
 *
 * Every restriction sits on the `sts:AssumeRole` statement itself. `sts:TagSession` and
 * `sts:SetSourceIdentity` are permission-only actions evaluated inside the same AssumeRole
 * call, so their statements only name who may use them; a separate statement carrying the
 * tag rules would be OR-ed with the AssumeRole one and prove nothing.
 */
import type { PolicyDocument, PolicyStatement } from '../policy';
import { policyDocument } from '../policy';
import { accountWildcardRoleArns } from './role-arn-groups';

/** Session tag that every break-glass session must carry. */
export const REASON_TAG_KEY = 'reason';
/** Optional second session tag: the incident or change ticket. */
export const TICKET_TAG_KEY = 'ticket';
/** The only session tag keys a break-glass session may carry. */
export const BREAK_GLASS_TAG_KEYS = [REASON_TAG_KEY, TICKET_TAG_KEY] as const;
/** MFA must be at most this old when an IAM user breaks glass (15 minutes). */
export const MAX_MFA_AGE_SECONDS = 900;
/** Both roles of the chain issue one-hour sessions (role chaining caps the second hop at one hour anyway). */
export const BREAK_GLASS_SESSION_SECONDS = 3600;

const SESSION_ACTIONS = ['sts:TagSession', 'sts:SetSourceIdentity'];

/** Who may assume the central role. */
export interface CentralTrustInputs {
  readonly partition: string;
  /** The security account, where the central role and the Identity Center roles live. */
  readonly securityAccountId: string;
  /** IAM users, each required to use MFA no older than {@link MAX_MFA_AGE_SECONDS}. */
  readonly iamUserArns: readonly string[];
  /** Identity Center permission-set role ARN patterns (ArnLike on aws:PrincipalArn). */
  readonly identityCenterRoleArnPatterns: readonly string[];
  /** Principal tag Identity Center sets from the user name; the source identity must equal it. */
  readonly identityCenterUserTag: string;
  /** The only STS region accepted: where CloudTrail records the call and the alert rules listen. */
  readonly region: string;
}

/**
 * Trust policy of the central break-glass role. Both kinds of person must pass a `reason`
 * session tag, mark it transitive, pass no tag keys but `reason`/`ticket`, and set a source
 * identity that is their own name: the IAM user name, or the user name Identity Center puts in
 * a principal tag (attributes for access control). Any other value would let a person act under
 * someone else's name in every later CloudTrail record.
 */
export function centralRoleTrustPolicy(inputs: CentralTrustInputs): PolicyDocument {
  const sessionRules = {
    Null: { [`aws:RequestTag/${REASON_TAG_KEY}`]: 'false' },
    'ForAllValues:StringEquals': { 'aws:TagKeys': [...BREAK_GLASS_TAG_KEYS] },
    'ForAnyValue:StringEquals': { 'sts:TransitiveTagKeys': [REASON_TAG_KEY] },
  };
  const statements: PolicyStatement[] = [];
  if (inputs.iamUserArns.length > 0) {
    const users = { AWS: [...inputs.iamUserArns] };
    const mfa = {
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      NumericLessThanEquals: { 'aws:MultiFactorAuthAge': String(MAX_MFA_AGE_SECONDS) },
    };
    statements.push(
      {
        Sid: 'IamUsersWithMfaReasonAndOwnName',
        Effect: 'Allow',
        Principal: users,
        Action: 'sts:AssumeRole',
        Condition: {
          ...mfa,
          ...sessionRules,
          StringEquals: { 'sts:SourceIdentity': '${aws:username}', 'aws:RequestedRegion': inputs.region },
        },
      },
      {
        Sid: 'IamUsersSessionDetails',
        Effect: 'Allow',
        Principal: users,
        Action: SESSION_ACTIONS,
        Condition: mfa,
      },
    );
  }
  if (inputs.identityCenterRoleArnPatterns.length > 0) {
    // Identity Center role names carry a random suffix, so the trust names the account and
    // narrows to the permission set with ArnLike; the permission set must grant sts:AssumeRole.
    const account = { AWS: `arn:${inputs.partition}:iam::${inputs.securityAccountId}:root` };
    const permissionSet = { ArnLike: { 'aws:PrincipalArn': [...inputs.identityCenterRoleArnPatterns] } };
    statements.push(
      {
        Sid: 'PermissionSetWithReasonAndSourceIdentity',
        Effect: 'Allow',
        Principal: account,
        Action: 'sts:AssumeRole',
        Condition: {
          ...permissionSet,
          ...sessionRules,
          Null: { ...sessionRules.Null, [`aws:PrincipalTag/${inputs.identityCenterUserTag}`]: 'false' },
          StringEquals: {
            'sts:SourceIdentity': `\${aws:PrincipalTag/${inputs.identityCenterUserTag}}`,
            'aws:RequestedRegion': inputs.region,
          },
        },
      },
      {
        Sid: 'PermissionSetSessionDetails',
        Effect: 'Allow',
        Principal: account,
        Action: SESSION_ACTIONS,
        Condition: permissionSet,
      },
    );
  }
  return policyDocument(...statements);
}

/**
 * The central role may do one thing: assume this environment's reader roles, passing its tags on.
 * Readers that share a name are one account wildcard, so the policy stays far under IAM's 10,240
 * characters for any number of accounts (a list of 1,000 ARNs is about 67,000). That is as exact:
 * in the environment's OUs only the deploy role may create a role under `/breakglass/`, and a role
 * of that name elsewhere lets the central role in only if its own account trusts it.
 */
export function centralRolePermissionsPolicy(readerRoleArns: readonly string[]): PolicyDocument {
  return policyDocument({
    Sid: 'AssumeEnvironmentReaders',
    Effect: 'Allow',
    Action: ['sts:AssumeRole', ...SESSION_ACTIONS],
    Resource: accountWildcardRoleArns(readerRoleArns),
  });
}

/** Who may assume a workload account's reader role. */
export interface ReaderTrustInputs {
  /** The central break-glass role's ARN: the only principal trusted. */
  readonly centralRoleArn: string;
  readonly organizationId: string;
  /** The only STS region accepted: where CloudTrail records the call and the alert rules listen. */
  readonly region: string;
}

/**
 * Trust policy of a reader role: only the central role, from this organization, with the
 * `reason` tag on its session (inherited, transitive, from the first hop) and a source identity.
 * The caller's session tags are its principal tags, so `aws:PrincipalTag/reason` is the key
 * that is certainly present on the second hop.
 */
export function readerRoleTrustPolicy(inputs: ReaderTrustInputs): PolicyDocument {
  const central = { AWS: inputs.centralRoleArn };
  const organization = { StringEquals: { 'aws:PrincipalOrgID': inputs.organizationId } };
  return policyDocument(
    {
      Sid: 'CentralRoleWithReasonAndSourceIdentity',
      Effect: 'Allow',
      Principal: central,
      Action: 'sts:AssumeRole',
      Condition: {
        StringEquals: { ...organization.StringEquals, 'aws:RequestedRegion': inputs.region },
        Null: { [`aws:PrincipalTag/${REASON_TAG_KEY}`]: 'false', 'aws:SourceIdentity': 'false' },
      },
    },
    {
      // Inherited transitive tags and the source identity count as set on this session too.
      Sid: 'CentralRoleSessionDetails',
      Effect: 'Allow',
      Principal: central,
      Action: SESSION_ACTIONS,
      Condition: organization,
    },
  );
}

/** What a reader role may read. */
export interface ReaderPermissionInputs {
  readonly partition: string;
  readonly accountId: string;
  /** The primary region and the replica regions: decrypt is allowed through Secrets Manager there only. */
  readonly regions: readonly string[];
  /** The environment name: the value the break-glass tag must carry. */
  readonly environment: string;
  /** The break-glass tag key on secrets. */
  readonly readableTagKey: string;
}

/**
 * Reader permissions: values and metadata of secrets tagged break-glass readable for this
 * environment, in this account; decrypt only when Secrets Manager asks on the reader's behalf.
 */
export function readerRolePermissionsPolicy(inputs: ReaderPermissionInputs): PolicyDocument {
  const { partition, accountId } = inputs;
  return policyDocument(
    {
      Sid: 'ReadBreakGlassReadableSecrets',
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      Resource: `arn:${partition}:secretsmanager:*:${accountId}:secret:*`,
      Condition: { StringEquals: { [`aws:ResourceTag/${inputs.readableTagKey}`]: inputs.environment } },
    },
    {
      Sid: 'FindSecrets',
      Effect: 'Allow',
      Action: 'secretsmanager:ListSecrets',
      Resource: '*',
    },
    {
      Sid: 'DecryptThroughSecretsManager',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: `arn:${partition}:kms:*:${accountId}:key/*`,
      Condition: {
        StringEquals: {
          'kms:ViaService': inputs.regions.map(
            (region) => `secretsmanager.${region}.${dnsSuffix(partition)}`,
          ),
        },
      },
    },
  );
}

/** Service endpoints in the China partition end in amazonaws.com.cn. */
function dnsSuffix(partition: string): string {
  return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
}
