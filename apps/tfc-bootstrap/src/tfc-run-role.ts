import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { BootstrapConfigError } from './errors';
import type { TfcOidcProviderRef } from './tfc-oidc-provider';
import type { IamPolicyDocument } from './plan-role-policy';
import { tfcTrustPolicy, type TfcRunPhase, type TfcSubject } from './trust-policy';

/** Props of {@link TfcRunRole}. */
export interface TfcRunRoleProps {
  /** AWS provider of the role's account. */
  readonly provider: AwsProvider;
  /** The account's OIDC provider for the Terraform Cloud host. */
  readonly oidcProvider: TfcOidcProviderRef;
  /** ARN of the role (the account's deploy role, or its plan role); its path and name are kept. */
  readonly roleArn: string;
  /** Workspaces whose runs may assume the role. */
  readonly subjects: readonly TfcSubject[];
  /** Run phase whose tokens the role accepts. @default '*' - plan and apply */
  readonly runPhase?: TfcRunPhase;
  /** Managed policies attached to the role. @default - none: grant permissions elsewhere */
  readonly permissionsPolicyArns?: readonly string[];
  /** A policy of the role's own, inline so that it lives and dies with the role. @default - none */
  readonly inlinePolicy?: { readonly name: string; readonly document: IamPolicyDocument };
}

const DESCRIPTIONS: Readonly<Record<TfcRunPhase, string>> = {
  '*': 'Terraform Cloud runs of the credential-rotation workspaces (OIDC dynamic credentials).',
  plan: 'Terraform Cloud plan phase of the credential-rotation workspaces: read-only, no secret values, no decrypt.',
  apply: 'Terraform Cloud apply phase of the credential-rotation workspaces (the deploy role).',
};

const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role(\/(?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;

/**
 * A role a workspace's runs assume in one account with their OIDC token (a run, plan or apply role
 * of the dynamic credentials): trusted by the named workspaces only, in the given phase only,
 * one-hour sessions.
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
      description: DESCRIPTIONS[props.runPhase ?? '*'],
      maxSessionDuration: 3600,
      assumeRolePolicy: JSON.stringify(
        tfcTrustPolicy({
          oidcProviderArn: props.oidcProvider.arn,
          hostname: props.oidcProvider.hostname,
          audience: props.oidcProvider.audience,
          subjects: props.subjects,
          ...(props.runPhase !== undefined ? { runPhase: props.runPhase } : {}),
        }),
      ),
      tags: { 'managed-by': 'credential-rotation' },
    });
    if (props.inlinePolicy !== undefined) {
      new IamRolePolicy(this, 'inline-policy', {
        provider: props.provider,
        role: this.role.name,
        name: props.inlinePolicy.name,
        policy: JSON.stringify(props.inlinePolicy.document),
      });
    }
    (props.permissionsPolicyArns ?? []).forEach((policyArn, index) => {
      new IamRolePolicyAttachment(this, `policy-${index}`, {
        provider: props.provider,
        role: this.role.name,
        policyArn,
      });
    });
  }
}
