/**
 * The contract between the bootstrap and the environment stacks (apps/infra): for every shipped
 * environment with a Terraform Cloud workspace, each aliased AWS provider of the synthesized stack
 * reads exactly the dynamic-credentials configuration the bootstrap gives its workspace, and that
 * configuration's run role belongs to the account the provider is pinned to (stacks without a
 * workspace assume their deploy roles: apps/infra/test/provider-credentials.test.ts). Reads the stacks
 * `npm run synth` wrote (turbo runs infra#synth before this test).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { environmentsDistDir, loadEnvironments } from '../src/load-environments';
import { bootstrapSettings } from '../src/settings';
import { planWorkspaces } from '../src/workspace-plan';

interface ProviderBlock {
  readonly alias: string;
  readonly allowed_account_ids: readonly string[];
  readonly shared_config_files?: readonly string[];
  readonly assume_role?: readonly { readonly role_arn: string }[];
}

interface StackJson {
  readonly provider: { readonly aws: readonly ProviderBlock[] };
  readonly variable?: Readonly<Record<string, { readonly type?: string }>>;
}

const REPO_ROOT = resolve(__dirname, '..', '..', '..');

function synthesizedStack(name: string): StackJson {
  const file = join(REPO_ROOT, 'cdktf.out', 'stacks', name, 'cdk.tf.json');
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: run \`npm run synth\` at the repository root first`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as StackJson;
}

const ALIAS_REFERENCE = /^\$\{var\.tfc_aws_dynamic_credentials\.aliases\.(\w+)\.shared_config_file\}$/;

const environments = loadEnvironments(environmentsDistDir());
const plan = planWorkspaces(environments, bootstrapSettings);

describe('bootstrap workspaces and environment stack providers', () => {
  it('covers at least one shipped environment with a workspace', () => {
    expect(plan.workspaces.length).toBeGreaterThan(0);
  });

  it.each(plan.workspaces.map((workspace) => [workspace.environment, workspace] as const))(
    '%s: every provider reads its own tagged configuration, whose role is in the provider account',
    (environment, workspace) => {
      const stack = synthesizedStack(environment);
      const variables = new Map(workspace.variables.map((variable) => [variable.key, variable.value]));
      const tags = stack.provider.aws.map((provider) => {
        expect(provider.assume_role).toBeUndefined();
        const [file] = provider.shared_config_files ?? [];
        const tag = ALIAS_REFERENCE.exec(file ?? '')?.[1];
        expect({ alias: provider.alias, tag }).toEqual({ alias: provider.alias, tag: expect.any(String) });
        expect(variables.get(`TFC_AWS_PROVIDER_AUTH_${tag}`)).toBe('true');
        const runRole = variables.get(`TFC_AWS_RUN_ROLE_ARN_${tag}`) ?? '';
        expect(runRole.split(':')[4]).toBe(provider.allowed_account_ids[0]);
        return tag;
      });
      // No workspace configuration without a provider reading it, and the variable is declared.
      const configured = [...variables.keys()]
        .filter((key) => key.startsWith('TFC_AWS_PROVIDER_AUTH_'))
        .map((key) => key.slice('TFC_AWS_PROVIDER_AUTH_'.length));
      expect(configured.sort()).toEqual([...tags].sort());
      expect(stack.variable?.['tfc_aws_dynamic_credentials']?.type).toMatch(
        /^object\(\{default=object\(\{shared_config_file=string\}\),aliases=map\(object\(\{shared_config_file=string\}\)\)\}\)$/,
      );
    },
  );
});
