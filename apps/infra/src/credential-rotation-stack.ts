import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  EnvironmentGovernance,
  RequireExplicitProvider,
  WorkloadRotation,
} from '@credential-rotation/constructs';
import type { Environment } from '@credential-rotation/environment-config';
import { workloadProviderAlias } from '@credential-rotation/environment-config';
import { AssetType, Aspects, TerraformAsset, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { accountProviders } from './account-providers';
import { ROTATION_LAMBDA_ENTRY } from './lambda-artifact';
import { addWorkloadOutputs, managedKeyArns } from './workload-outputs';

export interface CredentialRotationStackProps {
  /** Absolute path of the rotation function zip (apps/rotation-lambda/dist/rotation-lambda.zip). */
  readonly lambdaZipPath: string;
}

/**
 * One environment in the `single-stack` layout: a Terraform stack spanning the management account, the security account
 * and every workload account, each through its own aliased provider. The stack id is the
 * environment folder name, so `cdktf deploy prod` deploys environments/prod.
 *
 * Governance (SCPs, break-glass) uses `managementProvider`, `securityProvider` and
 * `workloadProviders`; every resource must name one (the RequireExplicitProvider aspect).
 */
export class CredentialRotationStack extends TerraformStack {
  public readonly environment: Environment;
  /** Organizations management account (SCPs and their attachments). */
  public readonly managementProvider: AwsProvider;
  /** Security account (central break-glass role). */
  public readonly securityProvider: AwsProvider;
  /** Workload account providers by workload name. */
  public readonly workloadProviders: ReadonlyMap<string, AwsProvider>;
  /** Per-account rotation infrastructure by workload name. */
  public readonly workloads: ReadonlyMap<string, WorkloadRotation>;
  public readonly lambdaAsset: TerraformAsset;
  /** SCPs on the environment's OUs and the break-glass chain (issue 4). */
  public readonly governance: EnvironmentGovernance;

  public constructor(scope: Construct, environment: Environment, props: CredentialRotationStackProps) {
    super(scope, environment.name);
    this.environment = environment;
    const { name, config } = environment;
    const provider = accountProviders(this, environment);

    this.managementProvider = provider('management', config.accounts.management);
    this.securityProvider = provider('security', config.accounts.security);

    this.lambdaAsset = new TerraformAsset(this, 'rotation-lambda', {
      path: props.lambdaZipPath,
      type: AssetType.FILE,
    });

    const providers = new Map<string, AwsProvider>();
    const workloads = new Map<string, WorkloadRotation>();
    for (const workload of config.accounts.workloads) {
      const workloadProvider = provider(workloadProviderAlias(workload.name), workload);
      providers.set(workload.name, workloadProvider);
      workloads.set(
        workload.name,
        new WorkloadRotation(this, `workload-${workload.name}`, {
          provider: workloadProvider,
          environment,
          workload,
          bundle: { asset: this.lambdaAsset, ...ROTATION_LAMBDA_ENTRY },
        }),
      );
    }
    for (const [workloadName, rotation] of workloads) addWorkloadOutputs(this, workloadName, rotation);
    this.workloadProviders = providers;
    this.workloads = workloads;

    this.governance = new EnvironmentGovernance(this, 'governance', {
      environment: name,
      config,
      providers: {
        management: this.managementProvider,
        security: this.securityProvider,
        workloads: Object.fromEntries(providers),
      },
      workloadKeyArns: Object.fromEntries(
        [...workloads].map(([workloadName, rotation]) => [workloadName, managedKeyArns(rotation)]),
      ),
    });

    Aspects.of(this).add(new RequireExplicitProvider());
  }
}
