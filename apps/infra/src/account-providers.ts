import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { accountProvider } from '@credential-rotation/constructs';
import type { Environment } from '@credential-rotation/environment-config';
import { MANAGED_BY, TAG_KEYS } from '@credential-rotation/environment-config';
import type { TerraformStack } from 'cdktf';
import { providerCredentials } from './provider-credentials';

/** One account of the config: where a provider deploys and the role it deploys as. */
export interface AccountTarget {
  readonly accountId: string;
  readonly deployRoleArn: string;
}

/** Creates the aliased provider of one account in a stack (construct id `provider-<alias>`). */
export type AddAccountProvider = (alias: string, account: AccountTarget) => AwsProvider;

/**
 * The provider factory of one stack: every stack of every layout creates its providers here, so a
 * provider's alias, pinned account, credentials and default tags are the same whichever stack holds
 * it (the layout move relies on the alias: Terraform finds a resource's provider by it).
 */
export function accountProviders(stack: TerraformStack, environment: Environment): AddAccountProvider {
  const { name, config } = environment;
  const credentialsFor = providerCredentials(stack, environment);
  return (alias, account) =>
    accountProvider(stack, `provider-${alias}`, {
      alias,
      region: config.region,
      accountId: account.accountId,
      credentials: credentialsFor(alias, account.deployRoleArn),
      defaultTags: { [TAG_KEYS.environment]: name, [TAG_KEYS.managedBy]: MANAGED_BY },
    });
}
