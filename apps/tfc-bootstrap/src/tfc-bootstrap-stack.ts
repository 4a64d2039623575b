import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataTfeTeam } from '@cdktf/provider-tfe/lib/data-tfe-team';
import { Project } from '@cdktf/provider-tfe/lib/project';
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { RunTrigger } from '@cdktf/provider-tfe/lib/run-trigger';
import { TeamAccess } from '@cdktf/provider-tfe/lib/team-access';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { READ_ONLY_ACCESS_POLICY, RUN_PHASES, TFC_HOSTNAME } from './constants';
import { EnvironmentWorkspace } from './environment-workspace';
import { BootstrapConfigError } from './errors';
import { planRolePolicy } from './plan-role-policy';
import { existingTfcOidcProvider, TfcOidcProvider } from './tfc-oidc-provider';
import { TfcRunRole } from './tfc-run-role';
import type { TfcSubject } from './trust-policy';
import type { BootstrapEnvironment, BootstrapSettings } from './types';
import { planWorkspaces, subjectProject, type BootstrapPlan } from './workspace-plan';

/** Props of {@link TfcBootstrapStack}. */
export interface TfcBootstrapStackProps {
  /** Every environment folder's config; those without `terraformCloud` are skipped. */
  readonly environments: readonly BootstrapEnvironment[];
  /** The repository's Terraform Cloud choices. */
  readonly settings: BootstrapSettings;
}

/**
 * Creates the Terraform Cloud side of the environment stacks: a project, one workspace per stack of
 * each environment that names an organization (one, or in `stack-per-account` one per account in a
 * project of the environment's own), team access, run triggers (organization workspace to workload
 * workspaces, and between environments when configured), and (optionally) the
 * AWS-side OIDC providers and run roles. The Terraform Cloud token is never in the configuration:
 * the tfe provider reads `TFE_TOKEN` or the credentials `terraform login` stored.
 */
export class TfcBootstrapStack extends TerraformStack {
  /** What was planned, for callers that attach a backend or print the skipped environments. */
  public readonly plan: BootstrapPlan;
  /** Workspaces by stack name (the environment's name for its single or organization stack). */
  public readonly workspaces: ReadonlyMap<string, EnvironmentWorkspace>;

  constructor(scope: Construct, id: string, props: TfcBootstrapStackProps) {
    super(scope, id);
    this.plan = planWorkspaces(props.environments, props.settings);
    const provider = new TfeProvider(this, 'tfe', {
      hostname: this.plan.hostname === TFC_HOSTNAME ? undefined : this.plan.hostname,
    });

    // Projects by organization and name: the shared project (`settings.project`, construct id
    // `project-<org>` as it always was) and one per stack-per-account environment.
    const projects = new Map<string, Project>();
    for (const plan of this.plan.workspaces) {
      const key = `${plan.organization}/${plan.project ?? ''}`;
      if (plan.project === undefined || projects.has(key)) continue;
      const shared = plan.project === props.settings.project;
      projects.set(
        key,
        new Project(
          this,
          shared ? `project-${plan.organization}` : `project-${plan.organization}-${plan.environment}`,
          {
            provider,
            organization: plan.organization,
            name: plan.project,
            description: shared
              ? 'Workspaces of the credential-rotation stacks (managed by tfc-bootstrap).'
              : `Workspaces of the credential-rotation ${plan.environment} stacks, one per account (managed by tfc-bootstrap).`,
          },
        ),
      );
    }

    // Keyed by stack: the environment's name for its single or organization stack, so the construct
    // ids of single-stack environments stay what they were.
    const workspaces = new Map<string, EnvironmentWorkspace>();
    for (const plan of this.plan.workspaces) {
      const workspace = new EnvironmentWorkspace(this, `workspace-${plan.stack}`, {
        plan,
        provider,
        projectId: projects.get(`${plan.organization}/${plan.project ?? ''}`)?.id,
      });
      workspaces.set(plan.stack, workspace);
      new TerraformOutput(this, `workspace-id-${plan.stack}`, {
        value: workspace.workspace.id,
        description: `Workspace id of the ${plan.stack} stack`,
      });
    }
    for (const plan of this.plan.workspaces) {
      for (const source of plan.runTriggerSources) {
        new RunTrigger(this, `run-trigger-${source}-to-${plan.stack}`, {
          provider,
          workspaceId: workspaces.get(plan.stack)?.workspace.id ?? '',
          sourceableId: workspaces.get(source)?.workspace.id ?? '',
        });
      }
    }
    this.workspaces = workspaces;
    this.addTeamAccess(provider);
    this.addAwsTrust(props);
  }

  /**
   * Each workspace's team access; teams are looked up by name once per organization. Every workspace
   * of an environment gets the environment's access: the layout changes where state lives, not who
   * may run it.
   */
  private addTeamAccess(provider: TfeProvider): void {
    const teams = new Map<string, DataTfeTeam>();
    for (const plan of this.plan.workspaces) {
      for (const { team, access } of plan.teamAccess) {
        const key = `${plan.organization}/${team}`;
        let found = teams.get(key);
        if (found === undefined) {
          found = new DataTfeTeam(this, `team-${plan.organization}-${team}`, {
            provider,
            organization: plan.organization,
            name: team,
          });
          teams.set(key, found);
        }
        new TeamAccess(this, `team-access-${plan.stack}-${team}`, {
          provider,
          access,
          teamId: found.id,
          workspaceId: this.workspaces.get(plan.stack)?.workspace.id ?? '',
        });
      }
    }
  }

  /**
   * The OIDC provider and, per deploy role, the apply role (the deploy role itself, trusted by
   * apply-phase tokens) and the plan role (read-only, trusted by plan-phase tokens) of the accounts
   * the settings list under `awsTrust`.
   */
  private addAwsTrust(props: TfcBootstrapStackProps): void {
    const region = props.environments[0]?.config.region;
    for (const [accountKey, trust] of Object.entries(props.settings.awsTrust ?? {})) {
      // Deploy role ARN -> its plan role and the workspaces whose runs use them: only workspaces
      // whose stack touches the account carry its run roles, so only they are trusted.
      const roles = new Map<string, { planRoleArn: string; subjects: TfcSubject[] }>();
      for (const plan of this.plan.workspaces) {
        for (const runRole of plan.runRoles.filter((role) => role.accountKey === accountKey)) {
          const entry = roles.get(runRole.roleArn) ?? { planRoleArn: runRole.planRoleArn, subjects: [] };
          entry.subjects.push({
            organization: plan.organization,
            project: subjectProject(plan),
            workspace: plan.workspaceName,
          });
          roles.set(runRole.roleArn, entry);
        }
      }
      const [firstRole] = roles.keys();
      if (firstRole === undefined || region === undefined) {
        throw new BootstrapConfigError(
          `settings.awsTrust.${accountKey}: no environment with a Terraform Cloud workspace and per-account credentials has an account named "${accountKey}"`,
        );
      }
      const accountId = firstRole.split(':')[4] ?? '';
      const aws = new AwsProvider(this, `aws-${accountKey}`, {
        alias: accountKey.replace(/[^A-Za-z0-9_]/g, '_'),
        region,
        allowedAccountIds: [accountId],
        assumeRole: [{ roleArn: trust.bootstrapRoleArn, sessionName: 'tfc-bootstrap' }],
      });
      const oidcProvider =
        trust.existingOidcProviderArn === undefined
          ? new TfcOidcProvider(this, `oidc-${accountKey}`, { provider: aws, hostname: this.plan.hostname })
          : existingTfcOidcProvider(trust.existingOidcProviderArn, this.plan.hostname);
      const partition = firstRole.split(':')[1] ?? 'aws';
      let index = 0;
      for (const [roleArn, { planRoleArn, subjects }] of roles) {
        const suffix = index === 0 ? '' : `-${index}`;
        // The construct id of the deploy role predates the plan roles; keep it so it is not replaced.
        new TfcRunRole(this, `run-role-${accountKey}${suffix}`, {
          provider: aws,
          oidcProvider,
          roleArn,
          subjects,
          runPhase: RUN_PHASES.apply,
          permissionsPolicyArns: trust.permissionsPolicyArns,
        });
        new TfcRunRole(this, `plan-role-${accountKey}${suffix}`, {
          provider: aws,
          oidcProvider,
          roleArn: planRoleArn,
          subjects,
          runPhase: RUN_PHASES.plan,
          permissionsPolicyArns: [`arn:${partition}:iam::aws:policy/${READ_ONLY_ACCESS_POLICY}`],
          inlinePolicy: { name: 'deny-secret-values-and-decrypt', document: planRolePolicy() },
        });
        index += 1;
      }
    }
  }
}
