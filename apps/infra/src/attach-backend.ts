import type { Environment } from '@credential-rotation/environment-config';
import type { TerraformStack } from 'cdktf';
import { CloudBackend, LocalBackend, NamedCloudWorkspace } from 'cdktf';

/**
 * Where the stack's state lives: the Terraform Cloud workspace the config names (one workspace
 * per stack), or a local state file inside the stack's own directory. Kept out of the stack
 * class so unit tests never configure a remote backend.
 *
 * The environment's own stack (the single stack, or the organization stack) uses the configured
 * workspace; a workload stack `<env>-<workload>` appends `-<workload>` to it
 * ({@link stackWorkspaceName}).
 */
export function attachBackend(stack: TerraformStack, environment: Environment): void {
  const cloud = environment.config.terraformCloud;
  const stackName = stack.node.id;
  if (cloud === undefined) {
    new LocalBackend(stack, { path: `terraform.${stackName}.tfstate` });
    return;
  }
  new CloudBackend(stack, {
    organization: cloud.organization,
    workspaces: new NamedCloudWorkspace(stackWorkspaceName(environment, stackName)),
    ...(cloud.hostname !== undefined ? { hostname: cloud.hostname } : {}),
  });
}

/**
 * The Terraform Cloud workspace of a stack: the configured workspace (default
 * `credential-rotation-<env>`) for the stack named after the environment, and that name plus the
 * stack's suffix for a workload stack.
 *
 * @example stackWorkspaceName(prod, 'prod-payments') // 'credential-rotation-prod-payments'
 */
export function stackWorkspaceName(environment: Environment, stackName: string): string {
  const base = environment.config.terraformCloud?.workspace ?? `credential-rotation-${environment.name}`;
  return stackName === environment.name ? base : `${base}${stackName.slice(environment.name.length)}`;
}
