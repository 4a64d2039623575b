import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  breakGlassAlertBusArn,
  breakGlassCentralReference,
  BREAK_GLASS_READER_ROLE_NAME,
  RequireExplicitProvider,
  WorkloadGovernance,
  WorkloadRotation,
} from '@credential-rotation/constructs';
import type { Environment, WorkloadConfig } from '@credential-rotation/environment-config';
import { workloadProviderAlias, workloadStackName } from '@credential-rotation/environment-config';
import { AssetType, Aspects, TerraformAsset, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { AddAccountProvider } from './account-providers';
import { accountProviders } from './account-providers';
import { ROTATION_LAMBDA_ENTRY } from './lambda-artifact';
import { addWorkloadOutputs, managedKeyArns } from './workload-outputs';

export interface WorkloadAccountStackProps {
  /** Absolute path of the rotation function zip (apps/rotation-lambda/dist/rotation-lambda.zip). */
  readonly lambdaZipPath: string;
}

/**
 * One workload account of a `stack-per-account` environment, stack id `<env>-<workload>`: the
 * account's rotation resources and its part of the governance (break-glass reader, alert
 * forwarder, guard alerts), through that account's provider only.
 *
 * What it needs of the organization stack (the central role's ARN, the alert bus's ARN) comes
 * from the config through the naming rules, never from a Terraform reference, so the stack plans
 * on its own; the construct ids are the single stack's, so a layout move imports each resource at
 * the address it had there.
 */
export class WorkloadAccountStack extends TerraformStack {
  public readonly environment: Environment;
  public readonly workload: WorkloadConfig;
  public readonly provider: AwsProvider;
  public readonly rotation: WorkloadRotation;
  public readonly governance: WorkloadGovernance;
  public readonly lambdaAsset: TerraformAsset;
  /** Adds another account's provider (a layout move forgets that account's resources through it). */
  public readonly addAccountProvider: AddAccountProvider;

  public constructor(
    scope: Construct,
    environment: Environment,
    workload: WorkloadConfig,
    props: WorkloadAccountStackProps,
  ) {
    super(scope, workloadStackName(environment.name, workload.name));
    this.environment = environment;
    this.workload = workload;
    const { name, config } = environment;
    this.addAccountProvider = accountProviders(this, environment);
    this.provider = this.addAccountProvider(workloadProviderAlias(workload.name), workload);
    this.lambdaAsset = new TerraformAsset(this, 'rotation-lambda', {
      path: props.lambdaZipPath,
      type: AssetType.FILE,
    });
    this.rotation = new WorkloadRotation(this, `workload-${workload.name}`, {
      provider: this.provider,
      environment,
      workload,
      bundle: { asset: this.lambdaAsset, ...ROTATION_LAMBDA_ENTRY },
    });
    addWorkloadOutputs(this, workload.name, this.rotation);
    this.governance = new WorkloadGovernance(this, 'governance', {
      environment: name,
      config,
      workload,
      provider: this.provider,
      central: breakGlassCentralReference(name, config, BREAK_GLASS_READER_ROLE_NAME),
      alertBusArn: breakGlassAlertBusArn(name, config),
      keyArns: managedKeyArns(this.rotation),
    });
    Aspects.of(this).add(new RequireExplicitProvider());
  }
}
