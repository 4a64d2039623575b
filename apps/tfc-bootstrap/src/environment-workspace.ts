import type { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { Variable } from '@cdktf/provider-tfe/lib/variable';
import { Workspace } from '@cdktf/provider-tfe/lib/workspace';
import { WorkspaceSettings } from '@cdktf/provider-tfe/lib/workspace-settings';
import { Construct } from 'constructs';
import type { WorkspacePlan } from './types';

/** Props of {@link EnvironmentWorkspace}. */
export interface EnvironmentWorkspaceProps {
  /** The workspace's settings and variables, from `planWorkspaces`. */
  readonly plan: WorkspacePlan;
  /** The Terraform Cloud provider configuration. */
  readonly provider: TfeProvider;
  /** Project of the workspace. @default - the organization's default project */
  readonly projectId?: string;
}

/**
 * The Terraform Cloud workspace of one stack of an environment (its single stack, its organization
 * stack or one workload stack): pinned Terraform version, the stack folder
 * as working directory, no VCS connection (runs come from the pipeline or `cdktf deploy`), auto-apply
 * as the environment allows, and the dynamic AWS credentials variables. The workspace holds the
 * state, so Terraform refuses to destroy it.
 */
export class EnvironmentWorkspace extends Construct {
  /** The workspace, for run triggers and outputs. */
  public readonly workspace: Workspace;

  constructor(scope: Construct, id: string, props: EnvironmentWorkspaceProps) {
    super(scope, id);
    const { plan, provider } = props;
    const production = plan.environment === 'prod';

    this.workspace = new Workspace(this, 'workspace', {
      provider,
      name: plan.workspaceName,
      organization: plan.organization,
      projectId: props.projectId,
      description: `credential-rotation ${plan.stack} stack (cdktf). Managed by the tfc-bootstrap stack; change it there.`,
      terraformVersion: plan.terraformVersion,
      workingDirectory: plan.workingDirectory,
      autoApply: plan.autoApply,
      // Every run plans the latest configuration; a queue of stale runs helps nobody.
      queueAllRuns: false,
      fileTriggersEnabled: false,
      speculativeEnabled: true,
      allowDestroyPlan: !production,
      structuredRunOutputEnabled: true,
      tagNames: [...plan.tagNames],
      lifecycle: { preventDestroy: true },
    });

    new WorkspaceSettings(this, 'settings', {
      provider,
      workspaceId: this.workspace.id,
      executionMode: plan.execution.mode,
      agentPoolId: plan.execution.mode === 'agent' ? plan.execution.agentPoolId : undefined,
      assessmentsEnabled: plan.healthAssessments,
      // No other workspace reads this state: it names secrets and roles, nothing anyone else needs.
      globalRemoteState: false,
    });

    for (const variable of plan.variables) {
      new Variable(this, `env-${variable.key}`, {
        provider,
        workspaceId: this.workspace.id,
        category: 'env',
        key: variable.key,
        value: variable.value,
        description: variable.description,
        // Role ARNs are identifiers, not secrets; keeping them readable lets reviewers check them.
        sensitive: false,
      });
    }
  }
}
