/**
 * The contract between the bootstrap and the environment stacks (apps/infra): for every shipped
 * environment with a Terraform Cloud workspace, each aliased AWS provider of the synthesized stack
 * reads exactly the dynamic-credentials configuration the bootstrap gives its workspace; that
 * configuration's plan and apply roles belong to the account the provider is pinned to; the apply
 * role is the account's deploy role, which the stack's guardrails exempt; and the plan role is a
 * version reader only: the read guardrail lets it read by version id (the refresh of the metadata
 * version, which each secret's policy pins), no change guardrail exempts it, and the role guardrail
 * guards it (stacks without a workspace assume their deploy roles:
 * apps/infra/test/provider-credentials.test.ts). Reads the stacks `npm run synth` wrote (turbo runs
 * infra#synth before this test).
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
  readonly resource?: {
    readonly aws_organizations_policy?: Readonly<
      Record<string, { readonly name: string; readonly content: string }>
    >;
  };
}

interface Statement {
  readonly Sid?: string;
  readonly Resource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

interface PrincipalArnCondition {
  readonly policy: string;
  readonly sid: string;
  /** The statement's resources. */
  readonly resources: readonly string[];
  /** Every `aws:PrincipalArn` value the statement names. */
  readonly values: readonly string[];
  /** Those under a negated operator (`ArnNotLike`, `ArnNotEquals`): the principals the deny spares. */
  readonly exemptions: readonly string[];
}

/** Each organization policy statement of the stack with the `aws:PrincipalArn` values it names. */
function principalArnConditions(stack: StackJson): PrincipalArnCondition[] {
  return Object.values(stack.resource?.aws_organizations_policy ?? {}).flatMap((policy) => {
    const statements = (JSON.parse(policy.content) as { Statement: readonly Statement[] }).Statement;
    return statements.map((statement) => {
      const blocks = Object.entries(statement.Condition ?? {}).map(([operator, block]) => {
        const value = block['aws:PrincipalArn'];
        return {
          operator,
          values: value === undefined ? [] : typeof value === 'string' ? [value] : [...value],
        };
      });
      const resource = statement.Resource ?? [];
      return {
        policy: policy.name,
        sid: statement.Sid ?? '',
        resources: typeof resource === 'string' ? [resource] : [...resource],
        values: blocks.flatMap((b) => b.values),
        exemptions: blocks.filter((b) => b.operator.startsWith('ArnNot')).flatMap((b) => b.values),
      };
    });
  });
}

/** IAM's ArnLike: `*` and `?` are wildcards, everything else literal. */
function arnLike(pattern: string, arn: string): boolean {
  const source = pattern
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(arn);
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
      const config = environments.find((e) => e.name === environment)?.config;
      const accounts =
        config === undefined
          ? []
          : [config.accounts.management, config.accounts.security, ...config.accounts.workloads];
      const tags = stack.provider.aws.map((provider) => {
        expect(provider.assume_role).toBeUndefined();
        const [file] = provider.shared_config_files ?? [];
        const tag = ALIAS_REFERENCE.exec(file ?? '')?.[1];
        expect({ alias: provider.alias, tag }).toEqual({ alias: provider.alias, tag: expect.any(String) });
        expect(variables.get(`TFC_AWS_PROVIDER_AUTH_${tag}`)).toBe('true');
        const account = provider.allowed_account_ids[0];
        const applyRole = variables.get(`TFC_AWS_APPLY_ROLE_ARN_${tag}`) ?? '';
        const planRole = variables.get(`TFC_AWS_PLAN_ROLE_ARN_${tag}`) ?? '';
        // The apply phase acts as the account's deploy role (the ARN the guardrails exempt).
        expect({ alias: provider.alias, applyRole }).toEqual({
          alias: provider.alias,
          applyRole: accounts.find((a) => a.accountId === account)?.deployRoleArn,
        });
        expect(planRole.split(':')[4]).toBe(account);
        expect(planRole).not.toBe(applyRole);
        // Nothing to fall back to: a plan never runs as the deploy role.
        expect(variables.has(`TFC_AWS_RUN_ROLE_ARN_${tag}`)).toBe(false);
        return tag;
      });
      // No workspace configuration without a provider reading it, and the variable is declared.
      const configured = [...variables.keys()]
        .filter((key) => key.startsWith('TFC_AWS_PROVIDER_AUTH_'))
        .map((key) => key.slice('TFC_AWS_PROVIDER_AUTH_'.length));
      expect(configured.sort()).toEqual([...tags].sort());
      expect(variables.has('TFC_AWS_RUN_ROLE_ARN')).toBe(false);
      expect(stack.variable?.['tfc_aws_dynamic_credentials']?.type).toMatch(
        /^object\(\{default=object\(\{shared_config_file=string\}\),aliases=map\(object\(\{shared_config_file=string\}\)\)\}\)$/,
      );
    },
  );

  it.each(plan.workspaces.map((workspace) => [workspace.environment, workspace] as const))(
    '%s: every SCP exempts the apply roles; the plan roles are version readers only, never deployers, and guarded',
    (environment, workspace) => {
      const stack = synthesizedStack(environment);
      const conditions = principalArnConditions(stack);
      const scps = Object.values(stack.resource?.aws_organizations_policy ?? {}).filter((policy) =>
        conditions.some((c) => c.policy === policy.name && c.exemptions.length > 0),
      );
      expect(scps.length).toBeGreaterThan(0);
      const roles = (prefix: string) =>
        workspace.variables.filter((v) => v.key.startsWith(prefix)).map((v) => v.value);
      for (const applyRole of roles('TFC_AWS_APPLY_ROLE_ARN_')) {
        for (const scp of scps) {
          const exempting = conditions.filter(
            (c) => c.policy === scp.name && c.exemptions.some((value) => arnLike(value, applyRole)),
          );
          expect({ scp: scp.name, applyRole, exempted: exempting.length > 0 }).toEqual({
            scp: scp.name,
            applyRole,
            exempted: true,
          });
        }
      }
      const config = environments.find((e) => e.name === environment)?.config;
      const management = config?.accounts.management.accountId;
      const planRoles = roles('TFC_AWS_PLAN_ROLE_ARN_');
      expect(planRoles.length).toBe(roles('TFC_AWS_APPLY_ROLE_ARN_').length);
      for (const planRole of planRoles) {
        // What names the plan role: exempt (under ArnNot...) from reading a value at all, which the
        // version-id statement narrows to reads by version id (and each secret's policy to the metadata
        // version's id); denied everything outside its environment's accounts (the pin); nothing else.
        const exempting = conditions
          .filter((c) => c.exemptions.some((value) => arnLike(value, planRole)))
          .map((c) => c.sid);
        const naming = conditions
          .filter((c) => c.values.some((value) => arnLike(value, planRole)))
          .map((c) => c.sid.replace(/^(DenyDeployRoleNameInOtherAccounts)\d*$/, '$1'));
        const guarding = conditions
          .filter(
            (c) => c.sid === 'DenyProtectedRoleChanges' && c.resources.some((r) => arnLike(r, planRole)),
          )
          .map((c) => c.sid);
        const found = { planRole, exempting, naming: [...new Set(naming)].sort(), guarding };
        const expected = {
          planRole,
          exempting: ['DenySecretValueOutsideAllowList'],
          naming: [
            'DenyDeployRoleNameInOtherAccounts',
            'DenySecretValueOutsideAllowList',
            'DenyVersionReadersButByVersionId',
          ],
          // Guarded like every allow-listed principal: nobody but the deploy roles changes it.
          guarding: ['DenyProtectedRoleChanges'],
        };
        if (planRole.split(':')[4] === management) {
          // Outside every SCP; its plan role shares the name pattern of the others or is named by none.
          expect(found.exempting.every((sid) => expected.exempting.includes(sid))).toBe(true);
          expect(found.naming.every((sid) => expected.naming.includes(sid))).toBe(true);
        } else {
          expect(found).toEqual(expected);
        }
      }
    },
  );
});
