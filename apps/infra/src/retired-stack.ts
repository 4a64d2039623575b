import type { Environment } from '@credential-rotation/environment-config';
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { AddAccountProvider } from './account-providers';
import { accountProviders } from './account-providers';

/**
 * A stack the environment's new layout no longer has (a workload stack, when an environment moves
 * back to `single-stack`), synthesized for the move only: its backend and providers, and the
 * `removed` blocks that make Terraform forget its resources without destroying them.
 */
export class RetiredStack extends TerraformStack {
  public readonly addAccountProvider: AddAccountProvider;

  public constructor(scope: Construct, environment: Environment, stackName: string) {
    super(scope, stackName);
    this.addAccountProvider = accountProviders(this, environment);
  }
}
