import {
  environmentStackNames,
  workloadProviderAlias,
  workloadStackName,
} from '@credential-rotation/environment-config';
import { TFC_DEFAULT_PROJECT, TFC_HOSTNAME, WORKSPACE_NAME_PREFIX } from './constants';
import {
  credentialAccounts,
  dynamicCredentialVariables,
  environmentCredentials,
  type CredentialAccount,
} from './dynamic-credentials';
import { BootstrapConfigError } from './errors';
import type {
  BootstrapEnvironment,
  BootstrapSettings,
  StackRole,
  TeamAccessLevel,
  WorkspacePlan,
} from './types';

/** The workspaces to create and the environments left out. */
export interface BootstrapPlan {
  readonly workspaces: readonly WorkspacePlan[];
  /** Environments with no `terraformCloud` block: their stacks keep a local backend. */
  readonly skipped: readonly string[];
  /** The one Terraform Cloud / Enterprise host of every workspace. */
  readonly hostname: string;
}

const EXACT_VERSION = /^\d+\.\d+\.\d+$/;
const TEAM_NAME = /^[\w.-]+$/;
// Terraform Cloud's rule for project names.
const PROJECT_NAME = /^[\w -]{3,40}$/;
const TEAM_ACCESS_LEVELS: readonly string[] = ['read', 'plan', 'write', 'admin'] satisfies TeamAccessLevel[];

/**
 * The Terraform Cloud workspace of an environment's stack, by the rule the infra app's backend uses
 * (apps/infra/src/attach-backend.ts, stackWorkspaceName; the contract test holds the two together):
 * the configured workspace (default `credential-rotation-<env>`) for the stack named after the
 * environment, and that name plus the stack's `-<workload>` suffix for a workload stack.
 *
 * @example stackWorkspaceName(prod, 'prod-payments') // 'credential-rotation-prod-payments'
 */
export function stackWorkspaceName(environment: BootstrapEnvironment, stackName: string): string {
  const base = environment.config.terraformCloud?.workspace ?? `${WORKSPACE_NAME_PREFIX}${environment.name}`;
  return stackName === environment.name ? base : `${base}${stackName.slice(environment.name.length)}`;
}

/** What the stack of that name is in the environment's layout. */
function stackRoleOf(
  environment: BootstrapEnvironment,
  layout: NonNullable<BootstrapEnvironment['config']['layout']>,
  stack: string,
): StackRole {
  if (stack === environment.name) return { kind: layout === 'single-stack' ? 'environment' : 'organization' };
  const workload = environment.config.accounts.workloads.find(
    (w) => workloadStackName(environment.name, w.name) === stack,
  );
  if (workload === undefined) throw new BootstrapConfigError(`${environment.name}: unknown stack ${stack}`);
  return { kind: 'workload', workload: workload.name };
}

/**
 * The provider aliases (accounts) a stack has, as apps/infra builds it: every account for the
 * single stack, management and security for the organization stack, its own account for a
 * workload stack. Its workspace gets credentials for these and no other.
 */
export function stackAccountKeys(environment: BootstrapEnvironment, role: StackRole): string[] {
  switch (role.kind) {
    case 'environment':
      return [
        'management',
        'security',
        ...environment.config.accounts.workloads.map((w) => workloadProviderAlias(w.name)),
      ];
    case 'organization':
      return ['management', 'security'];
    case 'workload':
      return [workloadProviderAlias(role.workload)];
  }
}

/**
 * Workspace tags. A single-stack workspace keeps the tags it always had; per-account workspaces add
 * the stack's role (and the workload) so `tag:workload-stack` filters select them in the UI and API.
 */
function stackTags(environment: string, role: StackRole): string[] {
  const tags = ['credential-rotation', environment];
  if (role.kind === 'organization') tags.push('organization-stack');
  if (role.kind === 'workload') {
    // Terraform Cloud tags: lower-case letters, digits, `:`, `-` and `_`; workload names allow more.
    tags.push('workload-stack', `workload-${role.workload.toLowerCase().replace(/[^a-z0-9:_-]/g, '-')}`);
  }
  return tags;
}

/**
 * Decides every workspace and its settings from the environment configs and the bootstrap settings,
 * and checks them together so that every mistake is reported before anything is synthesized.
 *
 * @example
 * const plan = planWorkspaces(environments, bootstrapSettings);
 */
export function planWorkspaces(
  environments: readonly BootstrapEnvironment[],
  settings: BootstrapSettings,
): BootstrapPlan {
  const problems: string[] = [];
  if (!EXACT_VERSION.test(settings.terraformVersion)) {
    problems.push(
      `settings.terraformVersion: must be an exact version like 1.12.2, not a range (got ${JSON.stringify(settings.terraformVersion)})`,
    );
  }
  const names = new Set(environments.map((environment) => environment.name));
  for (const name of Object.keys(settings.environments ?? {})) {
    if (!names.has(name)) {
      problems.push(
        `settings.environments.${name}: no environment folder of that name (known: ${[...names].join(', ')})`,
      );
    }
  }

  const targets = environments.filter((environment) => environment.config.terraformCloud !== undefined);
  const skipped = environments
    .filter((environment) => environment.config.terraformCloud === undefined)
    .map((e) => e.name);
  const hostnames = new Set(
    targets.map((environment) => environment.config.terraformCloud?.hostname ?? TFC_HOSTNAME),
  );
  if (hostnames.size > 1) {
    problems.push(
      `terraformCloud.hostname: environments ${targets.map((e) => e.name).join(', ')} name different hosts (${[...hostnames].join(', ')}); one bootstrap serves one host`,
    );
  }
  const planned = new Set(targets.map((environment) => environment.name));

  const workspaces: WorkspacePlan[] = [];
  const workspaceKeys = new Map<string, string>();
  const stackOwners = new Map<string, string>();
  for (const environment of targets) {
    const cloud = environment.config.terraformCloud;
    if (cloud === undefined) {
      continue;
    }
    const overrides = settings.environments?.[environment.name] ?? {};
    const execution = overrides.execution ?? settings.execution;
    if (execution.mode === 'agent' && execution.agentPoolId.trim() === '') {
      problems.push(
        `settings.environments.${environment.name}.execution.agentPoolId: must name the agent pool (apool-...)`,
      );
    }
    const runTriggerSources = overrides.runTriggerSources ?? [];
    for (const source of runTriggerSources) {
      if (source === environment.name || !planned.has(source)) {
        problems.push(
          `settings.environments.${environment.name}.runTriggerSources: "${source}" must be another environment with a Terraform Cloud workspace (${[...planned].join(', ')})`,
        );
      }
    }
    const teamAccess = Object.entries({ ...settings.teamAccess, ...overrides.teamAccess })
      .map(([team, access]) => ({ team, access }))
      .sort((a, b) => a.team.localeCompare(b.team));
    for (const { team, access } of teamAccess) {
      if (!TEAM_NAME.test(team)) {
        problems.push(
          `${environment.name}: teamAccess: ${JSON.stringify(team)} is not a Terraform Cloud team name (letters, digits, - _ and .)`,
        );
      }
      if (!TEAM_ACCESS_LEVELS.includes(access)) {
        problems.push(
          `${environment.name}: teamAccess.${team}: must be one of ${TEAM_ACCESS_LEVELS.join(', ')} (got ${JSON.stringify(access)})`,
        );
      }
    }
    const credentials = environmentCredentials(environment);
    if (
      credentials.mode === 'entry-role' &&
      !/^arn:aws[\w-]*:iam::\d{12}:role\/.+/.test(credentials.roleArn)
    ) {
      problems.push(
        `${environment.name}: terraformCloud.awsCredentials.roleArn: must be an IAM role ARN (got ${JSON.stringify(credentials.roleArn)})`,
      );
    }
    const layout = environment.config.layout ?? 'single-stack';
    if (layout === 'stack-per-account' && credentials.mode === 'entry-role') {
      // The entry role may assume every deploy role, so every workspace could act in every account:
      // the isolation this layout promises needs one credential configuration per account.
      problems.push(
        `${environment.name}: terraformCloud.awsCredentials: layout 'stack-per-account' needs mode 'per-account' (with 'entry-role' every workspace could assume every account's deploy role)`,
      );
    }
    let accounts: CredentialAccount[] = [];
    try {
      accounts = credentials.mode === 'per-account' ? credentialAccounts(environment) : [];
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
    // A per-account environment is many workspaces; its own project groups them (and its name is
    // part of their OIDC subjects). A single-stack environment stays in the shared project.
    const project =
      layout === 'single-stack'
        ? settings.project
        : `${settings.project ?? WORKSPACE_NAME_PREFIX.replace(/-$/, '')}-${environment.name}`;
    // Only the derived per-environment name is checked: the shared one is the settings' choice as before.
    if (layout !== 'single-stack' && project !== undefined && !PROJECT_NAME.test(project)) {
      problems.push(
        `${environment.name}: project ${JSON.stringify(project)}: Terraform Cloud project names are 3 to 40 letters, digits, spaces, - and _ (shorten settings.project or the environment name)`,
      );
    }

    const moveFrom = overrides.layoutMoveFrom;
    if (moveFrom !== undefined && moveFrom === layout) {
      problems.push(
        `settings.environments.${environment.name}.layoutMoveFrom: the environment is already '${layout}'; remove layoutMoveFrom once the move is applied`,
      );
    }
    // During a move the workspaces of both layouts exist: the new stacks import into theirs while
    // the old ones forget, each through the providers of the accounts whose resources it moves.
    const layouts = moveFrom === undefined || moveFrom === layout ? [layout] : [layout, moveFrom];
    const stacks = [
      ...new Set(
        layouts.flatMap((l) =>
          environmentStackNames(environment.name, { layout: l, accounts: environment.config.accounts }),
        ),
      ),
    ];
    for (const stack of stacks) {
      const stackRole = stackRoleOf(environment, layout, stack);
      const owner = stackOwners.get(stack);
      if (owner !== undefined) {
        problems.push(
          `${environment.name}: stack "${stack}" is also a stack of environment ${owner}: the two would share a workspace`,
        );
      }
      stackOwners.set(stack, environment.name);
      const workspaceName = stackWorkspaceName(environment, stack);
      const key = `${cloud.organization}/${workspaceName}`;
      const clash = workspaceKeys.get(key);
      if (clash !== undefined) {
        problems.push(
          `${environment.name}: terraformCloud.workspace: "${workspaceName}" is already the workspace of ${clash}`,
        );
      }
      workspaceKeys.set(key, stack === environment.name ? environment.name : `stack ${stack}`);

      // The accounts the stack has in the configured layout and, during a move, in the old one too.
      const touched = layouts.flatMap((l) =>
        environmentStackNames(environment.name, {
          layout: l,
          accounts: environment.config.accounts,
        }).includes(stack)
          ? stackAccountKeys(environment, stackRoleOf(environment, l, stack))
          : [],
      );
      const stackAccounts = accounts.filter((account) => touched.includes(account.accountKey));
      let variables: WorkspacePlan['variables'] = [];
      try {
        variables = dynamicCredentialVariables(environment, stackAccounts);
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
      workspaces.push({
        environment: environment.name,
        stack,
        stackRole,
        organization: cloud.organization,
        hostname: cloud.hostname ?? TFC_HOSTNAME,
        workspaceName,
        project,
        tagNames: stackTags(environment.name, stackRole),
        terraformVersion: settings.terraformVersion,
        workingDirectory: `cdktf.out/stacks/${stack}`,
        autoApply: overrides.autoApply ?? environment.name !== 'prod',
        execution,
        healthAssessments: overrides.healthAssessments ?? settings.healthAssessments ?? false,
        variables,
        // A workload stack's resources trust the organization stack's (the reader role names the
        // central role): its run follows each apply of the organization workspace, as
        // `cdktf deploy 'prod*'` orders it with addDependency.
        runTriggerSources: stackRole.kind === 'workload' ? [environment.name] : runTriggerSources,
        teamAccess,
        runRoles: stackAccounts.map(({ tag, roleArn, planRoleArn, accountKey }) => ({
          tag,
          roleArn,
          planRoleArn,
          accountKey,
        })),
      });
    }
  }
  if (problems.length > 0) {
    throw new BootstrapConfigError(
      `The Terraform Cloud bootstrap cannot be built:\n- ${problems.join('\n- ')}`,
    );
  }
  return { workspaces, skipped, hostname: [...hostnames][0] ?? TFC_HOSTNAME };
}

/** The project name in the OIDC subject of a workspace's runs. */
export function subjectProject(plan: WorkspacePlan): string {
  return plan.project ?? TFC_DEFAULT_PROJECT;
}
