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
 *
 * The same holds stack by stack for an environment in the `stack-per-account` layout (staging,
 * synthesized here so forced): every stack has exactly one workspace, named as its backend names
 * it, whose credentials are those of the accounts the stack's providers are pinned to and no other,
 * and each account's roles trust exactly the workspaces whose stacks touch that account, so a
 * workload workspace cannot act in another account.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Environment } from '@credential-rotation/environment-config';
import { stackWorkspaceName as infraStackWorkspaceName } from '@credential-rotation/infra/dist/attach-backend';
import { resolveLambdaZip } from '@credential-rotation/infra/dist/lambda-artifact';
import { synthesizeSync } from '@credential-rotation/infra/dist/synthesize';
import { Testing } from 'cdktf';
import { environmentsDistDir, loadEnvironments } from '../src/load-environments';
import { bootstrapSettings } from '../src/settings';
import { TfcBootstrapStack } from '../src/tfc-bootstrap-stack';
import type { AwsTrustAccount, WorkspacePlan } from '../src/types';
import { planWorkspaces } from '../src/workspace-plan';

interface ProviderBlock {
  readonly alias: string;
  readonly allowed_account_ids: readonly string[];
  readonly shared_config_files?: readonly string[];
  readonly assume_role?: readonly { readonly role_arn: string }[];
}

interface StackJson {
  readonly terraform?: { readonly cloud?: { readonly workspaces?: { readonly name?: string } } };
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

function synthesizedStack(name: string, outdir = join(REPO_ROOT, 'cdktf.out')): StackJson {
  const file = join(outdir, 'stacks', name, 'cdk.tf.json');
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: run \`npm run synth\` at the repository root first`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as StackJson;
}

const ALIAS_REFERENCE = /^\$\{var\.tfc_aws_dynamic_credentials\.aliases\.(\w+)\.shared_config_file\}$/;

const environments = loadEnvironments(environmentsDistDir());
const plan = planWorkspaces(environments, bootstrapSettings);

/**
 * The stack's backend names the workspace; each aliased provider reads a tagged configuration of
 * that workspace whose apply role is the deploy role of the provider's account and whose plan role
 * is in that account; and the workspace has no configuration no provider reads.
 */
function expectProvidersReadTheirWorkspace(stack: StackJson, workspace: WorkspacePlan): string[] {
  expect(stack.terraform?.cloud?.workspaces?.name).toBe(workspace.workspaceName);
  const variables = new Map(workspace.variables.map((variable) => [variable.key, variable.value]));
  const config = environments.find((e) => e.name === workspace.environment)?.config;
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
    return tag ?? '';
  });
  // No workspace configuration without a provider reading it, and the variable is declared.
  const configured = [...variables.keys()]
    .filter((key) => key.startsWith('TFC_AWS_PROVIDER_AUTH_'))
    .map((key) => key.slice('TFC_AWS_PROVIDER_AUTH_'.length));
  expect(configured.sort()).toEqual([...tags].sort());
  expect(variables.has('TFC_AWS_RUN_ROLE_ARN')).toBe(false);
  // Every role the workspace can assume is in an account the stack's providers are pinned to.
  const stackAccounts = new Set(stack.provider.aws.flatMap((provider) => provider.allowed_account_ids));
  for (const variable of workspace.variables.filter((v) => /_ROLE_ARN/.test(v.key))) {
    expect({
      key: variable.key,
      inStackAccount: stackAccounts.has(variable.value.split(':')[4] ?? ''),
    }).toEqual({
      key: variable.key,
      inStackAccount: true,
    });
  }
  expect(stack.variable?.['tfc_aws_dynamic_credentials']?.type).toMatch(
    /^object\(\{default=object\(\{shared_config_file=string\}\),aliases=map\(object\(\{shared_config_file=string\}\)\)\}\)$/,
  );
  return tags;
}

describe('bootstrap workspaces and environment stack providers', () => {
  it('covers at least one shipped environment with a workspace', () => {
    expect(plan.workspaces.length).toBeGreaterThan(0);
  });

  it.each(plan.workspaces.map((workspace) => [workspace.stack, workspace] as const))(
    '%s: every provider reads its own tagged configuration, whose role is in the provider account',
    (stackName, workspace) => {
      expectProvidersReadTheirWorkspace(synthesizedStack(stackName), workspace);
    },
  );

  // The SCPs live in the environment's own stack (single or organization) and guard the roles of
  // every workspace of the environment.
  it.each(
    plan.workspaces
      .filter((workspace) => workspace.stack === workspace.environment)
      .map((workspace) => [workspace.environment] as const),
  )(
    '%s: every SCP exempts the apply roles; the plan roles are version readers only, never deployers, and guarded',
    (environment) => {
      const stack = synthesizedStack(environment);
      const conditions = principalArnConditions(stack);
      const scps = Object.values(stack.resource?.aws_organizations_policy ?? {}).filter((policy) =>
        conditions.some((c) => c.policy === policy.name && c.exemptions.length > 0),
      );
      expect(scps.length).toBeGreaterThan(0);
      const roles = (prefix: string) =>
        plan.workspaces
          .filter((workspace) => workspace.environment === environment)
          .flatMap((workspace) => workspace.variables)
          .filter((v) => v.key.startsWith(prefix))
          .map((v) => v.value);
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

describe('an environment in the stack-per-account layout (staging, synthesized so forced)', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'tfc-bootstrap-per-account-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  const shipped = environments.find((e) => e.name === 'staging');
  if (shipped === undefined) throw new Error('the staging environment is missing');
  const staging: Environment = { ...shipped, config: { ...shipped.config, layout: 'stack-per-account' } };
  const result = synthesizeSync({
    environments: [{ name: staging.name, config: staging.config }],
    outdir,
    lambdaZipPath: () => resolveLambdaZip(),
  });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  const workspaces = planWorkspaces(
    environments.map((e) => (e.name === staging.name ? staging : e)),
    bootstrapSettings,
  ).workspaces.filter((workspace) => workspace.environment === staging.name);
  const workloads = staging.config.accounts.workloads;

  it('gives every stack exactly one workspace, named by the rule its backend uses', () => {
    expect(workloads.length).toBeGreaterThan(1);
    expect(workspaces.map((w) => w.stack).sort()).toEqual([...result.stacks].sort());
    expect(workspaces.map((w) => w.stack)).toEqual(['staging', ...workloads.map((w) => `staging-${w.name}`)]);
    for (const workspace of workspaces) {
      expect(workspace.workspaceName).toBe(infraStackWorkspaceName(staging, workspace.stack));
    }
  });

  it.each(workspaces.map((workspace) => [workspace.stack, workspace] as const))(
    '%s: every provider reads its own tagged configuration, and the workspace has none for another account',
    (stackName, workspace) => {
      const stack = synthesizedStack(stackName, outdir);
      const tags = expectProvidersReadTheirWorkspace(stack, workspace);
      const accounts = stack.provider.aws.flatMap((provider) => provider.allowed_account_ids).sort();
      if (stackName === staging.name) {
        expect(tags.sort()).toEqual(['management', 'security']);
        expect(accounts).toEqual(
          [staging.config.accounts.management.accountId, staging.config.accounts.security.accountId].sort(),
        );
      } else {
        const workload = workloads.find((w) => `staging-${w.name}` === stackName);
        expect(tags).toEqual([`workload_${workload?.name.replace(/[^A-Za-z0-9_]/g, '_')}`]);
        expect(accounts).toEqual([workload?.accountId]);
      }
      // No variable of the workspace names a role outside the stack's accounts, nor another tag.
      const otherTags = workspaces
        .filter((other) => other.stack !== stackName)
        .flatMap((other) => other.runRoles.map((role) => role.tag));
      for (const variable of workspace.variables) {
        expect(otherTags.some((tag) => variable.key.endsWith(`_${tag}`))).toBe(false);
      }
    },
  );

  it('trusts, for each account role, exactly the workspaces whose stacks touch that account', () => {
    const accountKeys = ['management', 'security', ...workloads.map((w) => `workload-${w.name}`)];
    const awsTrust: Record<string, AwsTrustAccount> = Object.fromEntries(
      accountKeys.map((key) => [key, { bootstrapRoleArn: 'arn:aws:iam::111111111111:role/bootstrap' }]),
    );
    const app = Testing.app();
    const bootstrap = new TfcBootstrapStack(app, 'tfc-bootstrap', {
      environments: [staging],
      // staging alone, so each role's trust lists staging's workspaces only (the shipped environments
      // share accounts); the per-environment overrides name the others, so they stay out too.
      settings: {
        terraformVersion: bootstrapSettings.terraformVersion,
        execution: bootstrapSettings.execution,
        ...(bootstrapSettings.project !== undefined ? { project: bootstrapSettings.project } : {}),
        awsTrust,
      },
    });
    const json = JSON.parse(Testing.synth(bootstrap)) as {
      provider: { aws: { alias: string; allowed_account_ids: string[] }[] };
      resource: {
        aws_iam_role: Record<string, { provider: string; path: string; assume_role_policy: string }>;
      };
    };
    // Account id -> the workspaces whose synthesized stack has a provider pinned to it.
    const touching = new Map<string, string[]>();
    for (const workspace of workspaces) {
      for (const provider of synthesizedStack(workspace.stack, outdir).provider.aws) {
        for (const account of provider.allowed_account_ids) {
          touching.set(account, [...(touching.get(account) ?? []), workspace.workspaceName]);
        }
      }
    }
    const roles = Object.values(json.resource.aws_iam_role);
    expect(roles).toHaveLength(accountKeys.length * 2);
    for (const role of roles) {
      const alias = role.provider.replace(/^aws\./, '');
      const account = json.provider.aws.find((p) => p.alias === alias)?.allowed_account_ids[0] ?? '';
      const phase = role.path === '/tfc-plan/' ? 'plan' : 'apply';
      const trust = JSON.parse(role.assume_role_policy) as {
        Statement: { Condition: { StringEquals: Record<string, string[]> } }[];
      };
      const subjects = trust.Statement[0]?.Condition.StringEquals['app.terraform.io:sub'] ?? [];
      expect({ alias, phase, subjects }).toEqual({
        alias,
        phase,
        subjects: (touching.get(account) ?? []).map(
          (workspace) =>
            `organization:${staging.config.terraformCloud?.organization}:project:${workspaces[0]?.project}:workspace:${workspace}:run_phase:${phase}`,
        ),
      });
    }
    // A workload account's roles trust its own workspace only.
    for (const workload of workloads) {
      expect(touching.get(workload.accountId)).toEqual([`credential-rotation-staging-${workload.name}`]);
    }
  });
});
