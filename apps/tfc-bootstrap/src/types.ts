import type { EnvironmentLayout } from '@credential-rotation/environment-config';

/** An AWS account an environment stack deploys into. */
export interface BootstrapAccount {
  /** 12-digit account id. */
  readonly accountId: string;
  /**
   * The account's deploy role: the apply role of the dynamic credentials (the plan role is derived
   * from it, see planRoleArn).
   */
  readonly deployRoleArn: string;
}

/** A workload account: an account with a logical name. */
export interface BootstrapWorkloadAccount extends BootstrapAccount {
  /** Logical name, also the provider alias and the dynamic credentials tag. */
  readonly name: string;
}

/** Terraform Cloud settings of one environment, as its config states them. */
export interface TerraformCloudTarget {
  readonly organization: string;
  /** @default credential-rotation-<env> */
  readonly workspace?: string;
  /** @default app.terraform.io */
  readonly hostname?: string;
  /** How the runs get AWS credentials; the environment stack's providers follow the same field. @default { mode: 'per-account' } */
  readonly awsCredentials?: CredentialSettings;
}

/**
 * What the bootstrap needs of an environment. A validated `Environment` of
 * `@credential-rotation/environment-config` satisfies it.
 */
export interface BootstrapEnvironment {
  /** Folder name under environments/, also the stack id. */
  readonly name: string;
  readonly config: {
    /** Primary region; the bootstrap's AWS providers use it (IAM itself is global). */
    readonly region: string;
    readonly accounts: {
      readonly management: BootstrapAccount;
      readonly security: BootstrapAccount;
      readonly workloads: readonly BootstrapWorkloadAccount[];
    };
    /** @default - no workspace: the stack keeps a local backend and the bootstrap skips it */
    readonly terraformCloud?: TerraformCloudTarget;
    /**
     * How the environment is cut into stacks, each one a workspace (docs/infra/layouts.md).
     * @default 'single-stack'
     */
    readonly layout?: EnvironmentLayout;
  };
}

/** Where a workspace's runs execute. */
export type ExecutionSettings =
  /** Terraform Cloud's own workers. */
  | { readonly mode: 'remote' }
  /** Self-hosted agents of the given pool (needed when the databases' network is private to the runs). */
  | { readonly mode: 'agent'; readonly agentPoolId: string };

/**
 * How Terraform Cloud runs get AWS credentials (no long-lived keys either way): the
 * `terraformCloud.awsCredentials` field of an environment config.
 */
export type CredentialSettings =
  /**
   * One tagged configuration per aliased provider: `TFC_AWS_PROVIDER_AUTH_<tag>`,
   * `TFC_AWS_PLAN_ROLE_ARN_<tag>` = the account's plan role (read-only, trusted by plan-phase tokens) and
   * `TFC_AWS_APPLY_ROLE_ARN_<tag>` = the account's deploy role (trusted by apply-phase tokens).
   * The stack's providers read `var.tfc_aws_dynamic_credentials.aliases["<tag>"].shared_config_file`.
   */
  | { readonly mode: 'per-account' }
  /**
   * One untagged configuration: every run gets credentials for `roleArn` (an entry role), and each
   * aliased provider assumes its account's deploy role from there, as it does outside Terraform Cloud.
   * The deploy roles must trust the entry role.
   */
  | { readonly mode: 'entry-role'; readonly roleArn: string };

/** Per-environment overrides of {@link BootstrapSettings}. */
export interface EnvironmentOverrides {
  /** @default false for prod, true otherwise */
  readonly autoApply?: boolean;
  /** @default BootstrapSettings.execution */
  readonly execution?: ExecutionSettings;
  /** @default BootstrapSettings.healthAssessments */
  readonly healthAssessments?: boolean;
  /**
   * Environments whose successful applies queue a run of this one (Terraform Cloud run triggers):
   * of the source environment's own workspace (single or organization stack) to this environment's.
   * The workload workspaces of a `stack-per-account` environment always follow their organization
   * workspace; this list is for ordering between environments.
   * @default - none: the environment stacks do not read each other's state
   */
  readonly runTriggerSources?: readonly string[];
  /**
   * Set while the environment moves between layouts (docs/infra/layouts.md, "Moving an environment
   * between layouts") to the layout it moves from; its config already names the new one. The
   * workspaces of both layouts then exist, and each has the credentials of the accounts its stack
   * has in either layout: the old stacks forget resources through the providers of their accounts,
   * so the old workspace keeps those credentials until the move is applied. Remove it afterwards.
   * @default - no move: the workspaces of the configured layout only
   */
  readonly layoutMoveFrom?: EnvironmentLayout;
  /**
   * Team access for this environment's workspaces (every stack's), merged over
   * `BootstrapSettings.teamAccess` team by team (for example people may `write` in dev but only
   * `read` prod). @default - the settings' access
   */
  readonly teamAccess?: Readonly<Record<string, TeamAccessLevel>>;
}

/**
 * Terraform Cloud's fixed workspace access levels: `read` (runs and state), `plan` (queue
 * speculative and normal plans), `write` (plan, apply, lock), `admin` (also settings and variables).
 */
export type TeamAccessLevel = 'read' | 'plan' | 'write' | 'admin';

/** An account whose OIDC provider and run role the bootstrap creates on the AWS side. */
export interface AwsTrustAccount {
  /** Role the bootstrap assumes in that account to create them (an administrator, used once). */
  readonly bootstrapRoleArn: string;
  /** @default - a new IAM OIDC provider for the Terraform Cloud hostname */
  readonly existingOidcProviderArn?: string;
  /** Managed policies attached to the apply (deploy) role. @default - none: attach permissions elsewhere */
  readonly permissionsPolicyArns?: readonly string[];
}

/** The repository's Terraform Cloud choices. */
export interface BootstrapSettings {
  /** Terraform version pinned on every workspace (exact, never a range). */
  readonly terraformVersion: string;
  /** Where runs execute. */
  readonly execution: ExecutionSettings;
  /**
   * Project created for the workspaces; it is part of the OIDC subject the AWS roles trust.
   * @default - the organization's "Default Project"
   */
  readonly project?: string;
  /**
   * Workspace of this bootstrap stack's own state (execution mode Local: runs on the admin's machine).
   * @default - a local backend
   */
  readonly stateWorkspace?: string;
  /**
   * Health assessments (drift detection and continuous validation): Terraform Cloud plans each
   * workspace on a schedule and reports drift, such as an SCP or key policy edited by hand. Needs a
   * Terraform Cloud plan that includes them. @default false
   */
  readonly healthAssessments?: boolean;
  /**
   * Access of existing teams (by name) on every workspace, such as the team whose token the pipeline
   * uses (`write`: plan and apply). Teams are looked up, not created. @default - none: owners only
   */
  readonly teamAccess?: Readonly<Record<string, TeamAccessLevel>>;
  /** Per-environment overrides by environment name. @default - none */
  readonly environments?: Readonly<Record<string, EnvironmentOverrides>>;
  /**
   * Accounts (by provider alias: `management`, `security`, `workload-<name>`) whose OIDC provider and
   * run role the bootstrap creates; for environments with `per-account` credentials. @default - none:
   * created out of band
   */
  readonly awsTrust?: Readonly<Record<string, AwsTrustAccount>>;
}

/** One workspace variable. */
export interface WorkspaceVariable {
  readonly key: string;
  readonly value: string;
  readonly description: string;
}

/**
 * What a workspace's stack is: the whole environment (`single-stack`), or in `stack-per-account` the
 * organization stack `<env>` or the stack `<env>-<workload>` of one workload account.
 */
export type StackRole =
  | { readonly kind: 'environment' }
  | { readonly kind: 'organization' }
  | { readonly kind: 'workload'; readonly workload: string };

/** Everything the bootstrap creates for one stack's workspace, computed before any construct exists. */
export interface WorkspacePlan {
  readonly environment: string;
  /**
   * The stack this workspace holds the state of (environmentStackNames): the environment's name for
   * its single or organization stack, `<env>-<workload>` for a workload stack. Keys the workspace.
   */
  readonly stack: string;
  readonly stackRole: StackRole;
  readonly organization: string;
  readonly hostname: string;
  readonly workspaceName: string;
  readonly project: string | undefined;
  /** Workspace tags: `credential-rotation`, the environment, and in `stack-per-account` the stack's role. */
  readonly tagNames: readonly string[];
  /** Exact Terraform version of the workspace. */
  readonly terraformVersion: string;
  /** The stack folder inside the uploaded configuration: `cdktf.out/stacks/<stack>`. */
  readonly workingDirectory: string;
  readonly autoApply: boolean;
  readonly execution: ExecutionSettings;
  readonly healthAssessments: boolean;
  readonly variables: readonly WorkspaceVariable[];
  /** Stacks (keys of other workspace plans) whose successful applies queue a run of this one. */
  readonly runTriggerSources: readonly string[];
  /** Team name -> access on this workspace, sorted by team name. */
  readonly teamAccess: readonly { readonly team: string; readonly access: TeamAccessLevel }[];
  /** The roles and credential tag of each account this workspace's stack touches, for the AWS-side trust. */
  readonly runRoles: readonly {
    readonly tag: string;
    /** The apply role: the account's deploy role. */
    readonly roleArn: string;
    /** The plan role. */
    readonly planRoleArn: string;
    readonly accountKey: string;
  }[];
}
