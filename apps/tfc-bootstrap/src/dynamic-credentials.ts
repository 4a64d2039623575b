import { dynamicCredentialsTag, workloadProviderAlias } from '@credential-rotation/environment-config';
import { DYNAMIC_CREDENTIAL_VARIABLES, RESERVED_CREDENTIAL_TAGS } from './constants';
import { BootstrapConfigError } from './errors';
import { planRoleArn } from './plan-role-policy';
import type { BootstrapEnvironment, CredentialSettings, WorkspaceVariable } from './types';

/** One account of an environment with the dynamic credentials tag its provider alias uses. */
export interface CredentialAccount {
  /** The account's provider alias in the environment stack: `management`, `security`, `workload-<name>`. */
  readonly accountKey: string;
  /** Tag of the `TFC_AWS_*_<tag>` variables: the alias with anything but letters, digits and `_` as `_`. */
  readonly tag: string;
  /**
   * The account's deploy role: the apply role. Every guardrail exempts it by this ARN, so the apply
   * phase acts as it and nothing else does.
   */
  readonly roleArn: string;
  /** The account's plan role (see {@link planRoleArn}): a version reader (the metadata version by id), exempt from no change guard. */
  readonly planRoleArn: string;
}

/**
 * The dynamic credentials tag of a provider alias. Terraform Cloud accepts letters, digits and `_`.
 *
 * @example credentialTag('workload-payments') // 'workload_payments'
 */
export function credentialTag(accountKey: string): string {
  // The environment stack's providers read `aliases["<tag>"]` with the same function.
  const tag = dynamicCredentialsTag(accountKey);
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
    // Same aliases as the environment stack's providers (apps/infra).
    ...workloads.map((workload) => ({
      accountKey: workloadProviderAlias(workload.name),
      roleArn: workload.deployRoleArn,
    })),
  ].map((account) => ({
    ...account,
    tag: credentialTag(account.accountKey),
    planRoleArn: planRoleArn(account.roleArn),
  }));
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

/** The environment's `terraformCloud.awsCredentials`, with its default. */
export function environmentCredentials(environment: BootstrapEnvironment): CredentialSettings {
  return environment.config.terraformCloud?.awsCredentials ?? { mode: 'per-account' };
}

/**
 * The workspace variables of Terraform Cloud's dynamic AWS credentials for one workspace of an
 * environment, by its `terraformCloud.awsCredentials`:
 *
 * - `per-account`: every aliased provider gets its own short-lived credentials through OIDC, one
 *   role per run phase: `TFC_AWS_PROVIDER_AUTH_<tag>=true`, `TFC_AWS_PLAN_ROLE_ARN_<tag>=<plan role>`
 *   and `TFC_AWS_APPLY_ROLE_ARN_<tag>=<deploy role>` per account. No `TFC_AWS_RUN_ROLE_ARN_<tag>`: with
 *   both phase roles set Terraform Cloud needs none, and leaving it out leaves nothing for a plan to
 *   fall back to. No untagged (default) configuration is set: every resource names its aliased
 *   provider, so a default provider would only be a way around that rule.
 * - `entry-role`: `TFC_AWS_PROVIDER_AUTH=true` and `TFC_AWS_RUN_ROLE_ARN=<entry role>`; the providers
 *   assume their deploy roles from there, in both phases (no separate plan role in this mode).
 *
 * `accounts` narrows `per-account` to the accounts the workspace's stack touches, so a workload
 * stack's workspace gets no credentials for any other account.
 *
 * @example
 * dynamicCredentialVariables(prod); // [{ key: 'TFC_AWS_PROVIDER_AUTH_management', value: 'true', ... }, ...]
 */
export function dynamicCredentialVariables(
  environment: BootstrapEnvironment,
  accounts?: readonly CredentialAccount[],
): WorkspaceVariable[] {
  const credentials = environmentCredentials(environment);
  if (credentials.mode === 'entry-role') {
    return [
      {
        key: DYNAMIC_CREDENTIAL_VARIABLES.providerAuth,
        value: 'true',
        description:
          'Dynamic AWS credentials for every run (entry role; providers assume their deploy roles).',
      },
      {
        key: DYNAMIC_CREDENTIAL_VARIABLES.runRoleArn,
        value: credentials.roleArn,
        description: 'Entry role the runs assume with their OIDC token; the deploy roles trust it.',
      },
    ];
  }
  // Entry-role mode never computes the tags, as before: their collisions do not concern it.
  return (accounts ?? credentialAccounts(environment)).flatMap((account) => [
    {
      key: `${DYNAMIC_CREDENTIAL_VARIABLES.providerAuth}_${account.tag}`,
      value: 'true',
      description: `Dynamic AWS credentials for the ${account.accountKey} provider.`,
    },
    {
      key: `${DYNAMIC_CREDENTIAL_VARIABLES.planRoleArn}_${account.tag}`,
      value: account.planRoleArn,
      description: `Read-only role (no secret values, no decrypt) the ${account.accountKey} provider assumes in the plan phase.`,
    },
    {
      key: `${DYNAMIC_CREDENTIAL_VARIABLES.applyRoleArn}_${account.tag}`,
      value: account.roleArn,
      description: `Deploy role the ${account.accountKey} provider assumes in the apply phase.`,
    },
  ]);
}
