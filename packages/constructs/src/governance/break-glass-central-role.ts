import type { EnvironmentConfig } from '@credential-rotation/environment-config';
import {
  GovernanceConfigError,
  partitionOf,
  ROLE_PATHS,
  breakGlassRoleArn,
} from '@credential-rotation/environment-config';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import type { BreakGlassCentralReference } from './break-glass-central-reference';
import { centralRoleName } from './break-glass-central-reference';
import {
  BREAK_GLASS_SESSION_SECONDS,
  centralRolePermissionsPolicy,
  centralRoleTrustPolicy,
} from './break-glass-policies';
import { policyJson } from './policy-json';

/** Name of the reader role in every workload account. */
export const BREAK_GLASS_READER_ROLE_NAME = 'BreakGlassSecretReader';

/** IAM's default quota for a role trust policy, in characters (whitespace not counted). */
export const DEFAULT_MAX_TRUST_POLICY_CHARACTERS = 2048;

export interface BreakGlassCentralRoleProps {
  /** Provider of the security account. */
  readonly provider: AwsProvider;
  /** Environment name, part of the role name. */
  readonly environment: string;
  /** The validated environment config: security account, break-glass principals, workload accounts. */
  readonly config: EnvironmentConfig;
  /**
   * Name of the reader role this role may assume in each workload account.
   * @default BreakGlassSecretReader
   */
  readonly readerRoleName?: string;
  /**
   * The account's role trust policy quota (raise it to 4,096 with a Service Quotas request).
   * @default 2048
   */
  readonly maxTrustPolicyCharacters?: number;
}

/**
 * The central break-glass role in the security account (path /breakglass/). People reach it
 * with MFA or the break-glass permission set, a reason tag and a source identity; its only
 * permission is assuming this environment's reader roles.
 */
export class BreakGlassCentralRole extends Construct implements BreakGlassCentralReference {
  public readonly role: IamRole;
  /** The role's ARN, known at synth time so other accounts' policies can name it literally. */
  public readonly roleArn: string;
  /** Name of the reader role in each workload account. */
  public readonly readerRoleName: string;
  /** The reader roles this role may assume, one per workload account. */
  public readonly readerRoleArns: readonly string[];

  constructor(scope: Construct, id: string, props: BreakGlassCentralRoleProps) {
    super(scope, id);
    const { config, provider } = props;
    const partition = partitionOf(config.region);
    const securityAccountId = config.accounts.security.accountId;
    const name = centralRoleName(props.environment);
    this.readerRoleName = props.readerRoleName ?? BREAK_GLASS_READER_ROLE_NAME;
    this.roleArn = breakGlassRoleArn(partition, securityAccountId, name);
    this.readerRoleArns = config.accounts.workloads.map((workload) =>
      breakGlassRoleArn(partition, workload.accountId, this.readerRoleName),
    );

    const trustPolicy = policyJson(
      centralRoleTrustPolicy({
        partition,
        securityAccountId,
        iamUserArns: config.breakGlass.iamUserArns,
        identityCenterRoleArnPatterns: config.breakGlass.identityCenterRoleArnPatterns,
        identityCenterUserTag: config.breakGlass.identityCenterUserTag,
        region: config.region,
      }),
    );
    const maxTrust = props.maxTrustPolicyCharacters ?? DEFAULT_MAX_TRUST_POLICY_CHARACTERS;
    // `$${` escapes are Terraform's, not IAM's: count the policy as IAM will see it.
    const trustLength = trustPolicy.replace(/\$\$\{/g, '${').length;
    if (trustLength > maxTrust) {
      throw new GovernanceConfigError(
        `${props.environment}: breakGlass: the central role's trust policy would be ${trustLength} characters, over the account's quota of ${maxTrust}: list fewer iamUserArns (prefer the Identity Center permission set) or raise the quota and set maxTrustPolicyCharacters`,
      );
    }

    this.role = new IamRole(this, 'Role', {
      provider,
      name,
      path: ROLE_PATHS.breakGlass,
      description: `Break-glass entry for the ${props.environment} environment: assumes the secret reader roles`,
      maxSessionDuration: BREAK_GLASS_SESSION_SECONDS,
      assumeRolePolicy: trustPolicy,
    });
    new IamRolePolicy(this, 'AssumeReaders', {
      provider,
      role: this.role.name,
      name: 'assume-secret-readers',
      policy: policyJson(centralRolePermissionsPolicy(this.readerRoleArns)),
    });
  }
}
