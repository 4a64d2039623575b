import type { EnvironmentConfig } from '@credential-rotation/environment-config';
import { DataAwsOrganizationsOrganizationalUnitDescendantAccounts } from '@cdktf/provider-aws/lib/data-aws-organizations-organizational-unit-descendant-accounts';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';

export interface OuMembershipCheckProps {
  /** Provider of the Organizations management account. */
  readonly provider: AwsProvider;
  readonly environment: string;
  readonly config: EnvironmentConfig;
}

interface Condition {
  readonly condition: string;
  readonly errorMessage: string;
}

const ACCOUNTS_DATA_SOURCE = DataAwsOrganizationsOrganizationalUnitDescendantAccounts.tfResourceType;

/**
 * Checks, at every plan of the organization's resources, what the guardrails assume about the
 * target OUs, by reading each OU's accounts (the OUs under it included, which the SCPs reach too):
 *
 * - every workload account is under one of them: the SCPs guard nothing outside, and the security
 *   account's alert bus takes the forwarders' events only from these OUs;
 * - with `organization.dedicatedOus`, no active account outside the environment is there: the SCPs
 *   then exempt a role with the deploy role's path and name in any account of the OUs.
 *
 * Each is a postcondition that fails the plan and names the accounts. An account moved between two
 * plans is caught by the next one; who may move accounts (a management-account action, outside every
 * SCP) is the organization's change process.
 */
export class OuMembershipCheck extends Construct {
  /** One data source per target OU. */
  public readonly ous: readonly DataAwsOrganizationsOrganizationalUnitDescendantAccounts[];

  constructor(scope: Construct, id: string, props: OuMembershipCheckProps) {
    super(scope, id);
    const { config, environment, provider } = props;
    const ouIds = config.organization.targetOuIds;
    const earlier: string[] = [];
    this.ous = ouIds.map((ouId, index) => {
      const conditions: Condition[] = [];
      if (config.organization.dedicatedOus) {
        conditions.push(onlyEnvironmentAccounts(ouId, environment, environmentAccountIds(config)));
      }
      // On the last OU, over all of them: this one as `self`, the others by address.
      if (index === ouIds.length - 1) {
        conditions.push(
          everyWorkloadUnderTargetOus(
            environment,
            config.accounts.workloads.map((w) => w.accountId),
            [...earlier.map((address) => `${address}.accounts[*].id`), 'self.accounts[*].id'],
            ouIds,
          ),
        );
      }
      const ou = new DataAwsOrganizationsOrganizationalUnitDescendantAccounts(this, ouId, {
        provider,
        parentId: ouId,
        ...(conditions.length > 0 ? { lifecycle: { postcondition: conditions } } : {}),
      });
      earlier.push(`data.${ACCOUNTS_DATA_SOURCE}.${ou.friendlyUniqueId}`);
      return ou;
    });
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
 * No active account outside `members` under one OU, in Terraform's expression language.
 * (Suspended and closing accounts cannot sign in, and stay in an OU for 90 days.)
 */
export function onlyEnvironmentAccounts(
  ouId: string,
  environment: string,
  members: readonly string[],
): Condition {
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

/** Every workload account among the accounts the expressions `found` list (one per target OU). */
export function everyWorkloadUnderTargetOus(
  environment: string,
  workloadIds: readonly string[],
  found: readonly string[],
  ouIds: readonly string[],
): Condition {
  const missing = `setsubtract(${JSON.stringify([...new Set(workloadIds)].sort())}, concat(${found.join(', ')}))`;
  return {
    condition: `\${length(${missing}) == 0}`,
    errorMessage:
      `Workload accounts of the ${environment} environment are not under its target OUs (${ouIds.join(', ')}): ` +
      `\${join(", ", sort(${missing}))}. The SCPs do not reach them, and the security account's alert bus ` +
      `refuses their forwarders' events: move them under a target OU, or add their OU to organization.targetOuIds.`,
  };
}
