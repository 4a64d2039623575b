import type { EnvironmentConfig, WorkloadConfig } from '@credential-rotation/environment-config';
import {
  partitionOf,
  ROLE_PATHS,
  TAG_KEYS,
  breakGlassRoleArn,
} from '@credential-rotation/environment-config';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import type { BreakGlassCentralReference } from './break-glass-central-reference';
import {
  BREAK_GLASS_SESSION_SECONDS,
  readerRolePermissionsPolicy,
  readerRoleTrustPolicy,
} from './break-glass-policies';
import { policyJson } from './policy-json';

export interface BreakGlassReaderRoleProps {
  /** Provider of this workload account. */
  readonly provider: AwsProvider;
  /** Environment name: the value a secret's break-glass tag must carry to be readable. */
  readonly environment: string;
  /** The validated environment config (region, replica regions, organization id). */
  readonly config: EnvironmentConfig;
  /** The workload account this role lives in. */
  readonly workload: WorkloadConfig;
  /** The central role, the only principal this role trusts (the construct, or its config-derived reference). */
  readonly central: BreakGlassCentralReference;
}

/**
 * `BreakGlassSecretReader` at path /breakglass/ in one workload account: trusts only the
 * central role (same organization, reason tag, source identity), reads only secrets tagged
 * break-glass readable for this environment, and decrypts only through Secrets Manager.
 */
export class BreakGlassReaderRole extends Construct {
  public readonly role: IamRole;
  /** The role's ARN, known at synth time. */
  public readonly roleArn: string;

  constructor(scope: Construct, id: string, props: BreakGlassReaderRoleProps) {
    super(scope, id);
    const { config, provider, workload, central } = props;
    const partition = partitionOf(config.region);
    this.roleArn = breakGlassRoleArn(partition, workload.accountId, central.readerRoleName);

    this.role = new IamRole(this, 'Role', {
      provider,
      name: central.readerRoleName,
      path: ROLE_PATHS.breakGlass,
      description: `Break-glass reader of the ${props.environment} environment's secrets; assumed only through the central role`,
      maxSessionDuration: BREAK_GLASS_SESSION_SECONDS,
      assumeRolePolicy: policyJson(
        readerRoleTrustPolicy({
          centralRoleArn: central.roleArn,
          organizationId: config.organization.organizationId,
          region: config.region,
        }),
      ),
      // IAM resolves the trusted role ARN when the trust policy is saved: the central role must exist
      // first. In another stack, that stack's dependency orders it (stack-per-account layout).
      ...(central.role !== undefined ? { dependsOn: [central.role] } : {}),
    });
    new IamRolePolicy(this, 'ReadTaggedSecrets', {
      provider,
      role: this.role.name,
      name: 'read-break-glass-readable-secrets',
      policy: policyJson(
        readerRolePermissionsPolicy({
          partition,
          accountId: workload.accountId,
          regions: [config.region, ...config.replicaRegions],
          environment: props.environment,
          readableTagKey: TAG_KEYS.breakGlassReadable,
        }),
      ),
    });
  }
}
