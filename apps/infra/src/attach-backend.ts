import type { Environment } from '@credential-rotation/environment-config';
import type { TerraformStack } from 'cdktf';
import { CloudBackend, LocalBackend, NamedCloudWorkspace } from 'cdktf';

/**
 * Where the stack's state lives: the Terraform Cloud workspace the config names (one workspace
 * per stack), or a local state file inside the stack's own directory. Kept out of the stack
 * class so unit tests never configure a remote backend.
 */
export function attachBackend(stack: TerraformStack, environment: Environment): void {
  const cloud = environment.config.terraformCloud;
  if (cloud === undefined) {
    new LocalBackend(stack, { path: `terraform.${environment.name}.tfstate` });
    return;
  }
  new CloudBackend(stack, {
    organization: cloud.organization,
    workspaces: new NamedCloudWorkspace(cloud.workspace ?? `credential-rotation-${environment.name}`),
    ...(cloud.hostname !== undefined ? { hostname: cloud.hostname } : {}),
  });
}
