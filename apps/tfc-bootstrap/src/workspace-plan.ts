import { TFC_DEFAULT_PROJECT, TFC_HOSTNAME, WORKSPACE_NAME_PREFIX } from './constants';
import {
  credentialAccounts,
  dynamicCredentialVariables,
  environmentCredentials,
} from './dynamic-credentials';
import { BootstrapConfigError } from './errors';
import type { BootstrapEnvironment, BootstrapSettings, TeamAccessLevel, WorkspacePlan } from './types';

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
const TEAM_ACCESS_LEVELS: readonly string[] = ['read', 'plan', 'write', 'admin'] satisfies TeamAccessLevel[];

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
    const workspaceName = cloud.workspace ?? `${WORKSPACE_NAME_PREFIX}${environment.name}`;
    const key = `${cloud.organization}/${workspaceName}`;
    const clash = workspaceKeys.get(key);
    if (clash !== undefined) {
      problems.push(
        `${environment.name}: terraformCloud.workspace: "${workspaceName}" is already the workspace of ${clash}`,
      );
    }
    workspaceKeys.set(key, environment.name);

    const credentials = environmentCredentials(environment);
    if (
      credentials.mode === 'entry-role' &&
      !/^arn:aws[\w-]*:iam::\d{12}:role\/.+/.test(credentials.roleArn)
    ) {
      problems.push(
        `${environment.name}: terraformCloud.awsCredentials.roleArn: must be an IAM role ARN (got ${JSON.stringify(credentials.roleArn)})`,
      );
    }
    let variables: WorkspacePlan['variables'] = [];
    let runRoles: WorkspacePlan['runRoles'] = [];
    try {
      variables = dynamicCredentialVariables(environment);
      runRoles =
        credentials.mode === 'per-account'
          ? credentialAccounts(environment).map(({ tag, roleArn, planRoleArn, accountKey }) => ({
              tag,
              roleArn,
              planRoleArn,
              accountKey,
            }))
          : [];
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
    workspaces.push({
      environment: environment.name,
      organization: cloud.organization,
      hostname: cloud.hostname ?? TFC_HOSTNAME,
      workspaceName,
      project: settings.project,
      terraformVersion: settings.terraformVersion,
      workingDirectory: `cdktf.out/stacks/${environment.name}`,
      autoApply: overrides.autoApply ?? environment.name !== 'prod',
      execution,
      healthAssessments: overrides.healthAssessments ?? settings.healthAssessments ?? false,
      variables,
      runTriggerSources,
      teamAccess,
      runRoles,
    });
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
