import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { OrganizationGovernance, RequireExplicitProvider } from '@credential-rotation/constructs';
import type { Environment } from '@credential-rotation/environment-config';
import { organizationStackName } from '@credential-rotation/environment-config';
import { Aspects, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { AddAccountProvider } from './account-providers';
import { accountProviders } from './account-providers';

/**
 * The organization stack of a `stack-per-account` environment, stack id `<env>`: the SCPs, RCP
 * and their attachments (management account), the central break-glass role and the break-glass
 * alerts (security account). Its providers reach those two accounts only. It keeps the construct
 * ids of the single stack, so these resources keep their addresses (and their state) when an
 * environment moves between layouts.
 */
export class OrganizationStack extends TerraformStack {
  public readonly environment: Environment;
  public readonly managementProvider: AwsProvider;
  public readonly securityProvider: AwsProvider;
  public readonly governance: OrganizationGovernance;
  /** Adds another account's provider (a layout move forgets that account's resources through it). */
  public readonly addAccountProvider: AddAccountProvider;

  public constructor(scope: Construct, environment: Environment) {
    super(scope, organizationStackName(environment.name));
    this.environment = environment;
    const { name, config } = environment;
    this.addAccountProvider = accountProviders(this, environment);
    this.managementProvider = this.addAccountProvider('management', config.accounts.management);
    this.securityProvider = this.addAccountProvider('security', config.accounts.security);
    this.governance = new OrganizationGovernance(this, 'governance', {
      environment: name,
      config,
      management: this.managementProvider,
      security: this.securityProvider,
    });
    Aspects.of(this).add(new RequireExplicitProvider());
  }
}
