import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { BootstrapConfigError } from './errors';
import type { TfcOidcProviderRef } from './tfc-oidc-provider';
import { tfcTrustPolicy, type TfcSubject } from './trust-policy';

/** Props of {@link TfcRunRole}. */
export interface TfcRunRoleProps {
  /** AWS provider of the role's account. */
  readonly provider: AwsProvider;
  /** The account's OIDC provider for the Terraform Cloud host. */
  readonly oidcProvider: TfcOidcProviderRef;
  /** ARN the environment configs name as the account's deploy role; its path and name are kept. */
  readonly roleArn: string;
  /** Workspaces whose runs may assume the role. */
  readonly subjects: readonly TfcSubject[];
  /** Managed policies attached to the role. @default - none: grant permissions elsewhere */
  readonly permissionsPolicyArns?: readonly string[];
}

const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role(\/(?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;

/**
 * The role a workspace's runs assume in one account with their OIDC token (the run role of the
 * dynamic credentials): trusted by the named workspaces only, one-hour sessions.
 */
export class TfcRunRole extends Construct {
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: TfcRunRoleProps) {
    super(scope, id);
    const match = ROLE_ARN.exec(props.roleArn);
    if (match === null) {
      throw new BootstrapConfigError(
        `TfcRunRole ${id}: roleArn must be an IAM role ARN like arn:aws:iam::111111111111:role/deploy/name (got ${JSON.stringify(props.roleArn)})`,
      );
    }
    const [, , path, name] = match;
    this.role = new IamRole(this, 'role', {
      provider: props.provider,
      name,
      path,
      description: 'Terraform Cloud runs of the credential-rotation workspaces (OIDC dynamic credentials).',
      maxSessionDuration: 3600,
      assumeRolePolicy: JSON.stringify(
        tfcTrustPolicy({
          oidcProviderArn: props.oidcProvider.arn,
          hostname: props.oidcProvider.hostname,
          audience: props.oidcProvider.audience,
          subjects: props.subjects,
        }),
      ),
      tags: { 'managed-by': 'credential-rotation' },
    });
    (props.permissionsPolicyArns ?? []).forEach((policyArn, index) => {
      new IamRolePolicyAttachment(this, `policy-${index}`, {
        provider: props.provider,
        role: this.role.name,
        policyArn,
      });
    });
  }
}
