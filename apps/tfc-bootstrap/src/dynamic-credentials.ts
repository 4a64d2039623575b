import { DYNAMIC_CREDENTIAL_VARIABLES, RESERVED_CREDENTIAL_TAGS } from './constants';
import { BootstrapConfigError } from './errors';
import type { BootstrapEnvironment, WorkspaceVariable } from './types';

/** One account of an environment with the dynamic credentials tag its provider alias uses. */
export interface CredentialAccount {
  /** `management`, `security` or the workload's name. */
  readonly accountKey: string;
  /** Tag of the `TFC_AWS_*_<tag>` variables: the account key with anything but letters, digits and `_` as `_`. */
  readonly tag: string;
  readonly roleArn: string;
}

/**
 * The dynamic credentials tag of an account key. Terraform Cloud accepts letters, digits and `_`.
 *
 * @example credentialTag('payments-eu') // 'payments_eu'
 */
export function credentialTag(accountKey: string): string {
  const tag = accountKey.replace(/[^A-Za-z0-9_]/g, '_');
  if (RESERVED_CREDENTIAL_TAGS.includes(tag.toUpperCase())) {
    throw new BootstrapConfigError(
      `account "${accountKey}": "${tag}" is reserved by Terraform Cloud as a dynamic credentials tag; rename the account.`,
    );
  }
  return tag;
}

/** Every account of an environment with its tag; two accounts may not map to the same tag. */
export function credentialAccounts(environment: BootstrapEnvironment): CredentialAccount[] {
  const { management, security, workloads } = environment.config.accounts;
  const accounts = [
    { accountKey: 'management', roleArn: management.deployRoleArn },
    { accountKey: 'security', roleArn: security.deployRoleArn },
    ...workloads.map((workload) => ({ accountKey: workload.name, roleArn: workload.deployRoleArn })),
  ].map((account) => ({ ...account, tag: credentialTag(account.accountKey) }));
  const seen = new Map<string, string>();
  for (const account of accounts) {
    const other = seen.get(account.tag);
    if (other !== undefined) {
      throw new BootstrapConfigError(
        `${environment.name}: accounts.workloads: accounts "${other}" and "${account.accountKey}" both map to the credentials tag "${account.tag}"; give them distinct names.`,
      );
    }
    seen.set(account.tag, account.accountKey);
  }
  return accounts;
}

/**
 * The workspace variables that give every aliased AWS provider of the environment its own
 * short-lived credentials through OIDC: `TFC_AWS_PROVIDER_AUTH_<tag>=true` and
 * `TFC_AWS_RUN_ROLE_ARN_<tag>=<role>` per account. No untagged (default) configuration is set: every
 * resource names its aliased provider, so a default provider would only be a way around that rule.
 *
 * @example
 * dynamicCredentialVariables(prod); // [{ key: 'TFC_AWS_PROVIDER_AUTH_management', value: 'true', ... }, ...]
 */
export function dynamicCredentialVariables(environment: BootstrapEnvironment): WorkspaceVariable[] {
  return credentialAccounts(environment).flatMap((account) => [
    {
      key: `${DYNAMIC_CREDENTIAL_VARIABLES.providerAuth}_${account.tag}`,
      value: 'true',
      description: `Dynamic AWS credentials for the provider of the ${account.accountKey} account.`,
    },
    {
      key: `${DYNAMIC_CREDENTIAL_VARIABLES.runRoleArn}_${account.tag}`,
      value: account.roleArn,
      description: `Role the ${account.accountKey} provider assumes with the run's OIDC token.`,
    },
  ]);
}
