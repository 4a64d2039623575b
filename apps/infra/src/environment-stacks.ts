import type { Environment } from '@credential-rotation/environment-config';
import type { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { attachBackend } from './attach-backend';
import { CredentialRotationStack } from './credential-rotation-stack';
import { OrganizationStack } from './organization-stack';
import { WorkloadAccountStack } from './workload-account-stack';

export interface EnvironmentStacksProps {
  /** Absolute path of the rotation function zip. */
  readonly lambdaZipPath: string;
  /**
   * Declare that each workload stack deploys after the organization stack.
   * @default true (a layout move turns it off: it orders its own stacks)
   */
  readonly orderWorkloadsAfterOrganization?: boolean;
}

/** The stacks of one environment in its layout, organization (or single) stack first. */
export interface EnvironmentStacks {
  readonly organization: CredentialRotationStack | OrganizationStack;
  readonly workloads: readonly WorkloadAccountStack[];
  readonly all: readonly TerraformStack[];
}

/**
 * Builds one environment's stacks in its configured layout, each with its backend.
 *
 * In `stack-per-account` every workload stack depends on the organization stack: the reader
 * role's trust names the central role, and IAM refuses a principal that does not exist yet, so
 * `cdktf deploy 'prod*'` applies the organization stack first and then the workload stacks (in
 * parallel, up to `--parallelism`). The dependency is an ordering only: no value crosses stacks.
 */
export function addEnvironmentStacks(
  scope: Construct,
  environment: Environment,
  props: EnvironmentStacksProps,
): EnvironmentStacks {
  if (environment.config.layout === 'single-stack') {
    const stack = new CredentialRotationStack(scope, environment, { lambdaZipPath: props.lambdaZipPath });
    attachBackend(stack, environment);
    return { organization: stack, workloads: [], all: [stack] };
  }
  const organization = new OrganizationStack(scope, environment);
  attachBackend(organization, environment);
  const workloads = environment.config.accounts.workloads.map((workload) => {
    const stack = new WorkloadAccountStack(scope, environment, workload, {
      lambdaZipPath: props.lambdaZipPath,
    });
    attachBackend(stack, environment);
    if (props.orderWorkloadsAfterOrganization ?? true) stack.addDependency(organization);
    return stack;
  });
  return { organization, workloads, all: [organization, ...workloads] };
}
