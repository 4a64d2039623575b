import type { EnvironmentConfig } from '@credential-rotation/environment-config';
import { DataAwsOrganizationsOrganizationalUnitDescendantAccounts } from '@cdktf/provider-aws/lib/data-aws-organizations-organizational-unit-descendant-accounts';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';

export interface DedicatedOuMembershipProps {
  /** Provider of the Organizations management account. */
  readonly provider: AwsProvider;
  readonly environment: string;
  readonly config: EnvironmentConfig;
}

/**
 * With `organization.dedicatedOus`, the SCPs exempt a role with the deploy role's path and name in
 * any account of the target OUs. That is safe only while the OUs hold nothing but the environment's
 * accounts, so every plan of the organization stack reads each OU's accounts (the OUs under it
 * included, which the SCPs reach too) and fails, naming them, while an active account outside the
 * environment is there. A move into an OU between two plans is caught by the next one; the
 * organization's own change process (who may move accounts) is the guard in between.
 */
export class DedicatedOuMembership extends Construct {
  /** One check per target OU. */
  public readonly checks: readonly DataAwsOrganizationsOrganizationalUnitDescendantAccounts[];

  constructor(scope: Construct, id: string, props: DedicatedOuMembershipProps) {
    super(scope, id);
    const { config, environment, provider } = props;
    const members = environmentAccountIds(config);
    this.checks = config.organization.targetOuIds.map(
      (ouId) =>
        new DataAwsOrganizationsOrganizationalUnitDescendantAccounts(this, ouId, {
          provider,
          parentId: ouId,
          lifecycle: { postcondition: [ouMembershipCondition(ouId, environment, members)] },
        }),
    );
  }
}

/** Every account of the environment: the only accounts a dedicated OU may hold. */
export function environmentAccountIds(config: EnvironmentConfig): string[] {
  const ids = [
    config.accounts.management.accountId,
    config.accounts.security.accountId,
    ...config.accounts.workloads.map((workload) => workload.accountId),
  ];
  return [...new Set(ids)].sort();
}

/**
 * The postcondition on one OU's accounts, in Terraform's expression language: no active account
 * outside `members`. (Suspended and closing accounts cannot sign in, and stay in an OU for 90 days.)
 */
export function ouMembershipCondition(
  ouId: string,
  environment: string,
  members: readonly string[],
): { condition: string; errorMessage: string } {
  const outsiders = `[for a in self.accounts : "\${a.id} (\${a.name})" if a.state == "ACTIVE" && !contains(${JSON.stringify(members)}, a.id)]`;
  return {
    condition: `\${length(${outsiders}) == 0}`,
    errorMessage:
      `OU ${ouId} holds active accounts outside the ${environment} environment: \${join(", ", ${outsiders})}. ` +
      `organization.dedicatedOus lets a role with the deploy role's name in any account of these OUs ` +
      `use the deploy role's exemptions from the SCPs: move these accounts out of the OU, or add them ` +
      `to the environment's config (docs/infra/layouts.md, section Dedicated OUs).`,
  };
}
