import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Project } from '@cdktf/provider-tfe/lib/project';
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { RunTrigger } from '@cdktf/provider-tfe/lib/run-trigger';
import { Variable } from '@cdktf/provider-tfe/lib/variable';
import { Workspace } from '@cdktf/provider-tfe/lib/workspace';
import { WorkspaceSettings } from '@cdktf/provider-tfe/lib/workspace-settings';
import { Testing } from 'cdktf';
import { planRolePolicy } from '../src/plan-role-policy';
import { TfcBootstrapStack } from '../src/tfc-bootstrap-stack';
import type { BootstrapEnvironment, BootstrapSettings } from '../src/types';
import { environment, stagingPerAccount, threeEnvironments } from './helpers/environments';

const settings: BootstrapSettings = {
  terraformVersion: '1.12.2',
  execution: { mode: 'remote' },
  project: 'credential-rotation',
};

function synth(
  environments: readonly BootstrapEnvironment[],
  overrides: Partial<BootstrapSettings> = {},
): string {
  const app = Testing.app();
  const stack = new TfcBootstrapStack(app, 'tfc-bootstrap', {
    environments,
    settings: { ...settings, ...overrides },
  });
  return Testing.synth(stack);
}

type Synthesized = { resource?: Record<string, Record<string, Record<string, unknown>>> };

function resources(json: string, type: string): Record<string, unknown>[] {
  return Object.values((JSON.parse(json) as Synthesized).resource?.[type] ?? {});
}

describe('TfcBootstrapStack', () => {
  it('creates one workspace per Terraform Cloud environment with the stack folder and a pinned version', () => {
    const json = synth(threeEnvironments());
    expect(json).toHaveResourceWithProperties(Workspace, {
      name: 'credential-rotation-staging',
      organization: 'example-corp',
      working_directory: 'cdktf.out/stacks/staging',
      terraform_version: '1.12.2',
      auto_apply: true,
      queue_all_runs: false,
      file_triggers_enabled: false,
      lifecycle: { prevent_destroy: true },
    });
    expect(json).toHaveResourceWithProperties(Workspace, {
      name: 'credential-rotation-production',
      working_directory: 'cdktf.out/stacks/prod',
      auto_apply: false,
      allow_destroy_plan: false,
    });
    expect(
      resources(json, 'tfe_workspace')
        .map((workspace) => workspace.name)
        .sort(),
    ).toEqual(['credential-rotation-production', 'credential-rotation-staging']);
    expect(json).toHaveResourceWithProperties(Project, {
      name: 'credential-rotation',
      organization: 'example-corp',
    });
    expect(json).toHaveProvider(TfeProvider);
  });

  it('grants each named team its access on every workspace, with per-environment overrides', () => {
    const json = synth(threeEnvironments(), {
      teamAccess: { ci: 'write', people: 'write' },
      environments: { prod: { teamAccess: { people: 'read' } } },
    });
    const parsed = JSON.parse(json) as {
      data: { tfe_team: Record<string, { name: string; organization: string }> };
    };
    // One lookup per team and organization, not per workspace.
    expect(
      Object.values(parsed.data.tfe_team)
        .map((team) => `${team.organization}/${team.name}`)
        .sort(),
    ).toEqual(['example-corp/ci', 'example-corp/people']);
    const grants = resources(json, 'tfe_team_access').map((grant) => ({
      access: grant.access,
      team: String(grant.team_id).replace(/^\$\{data\.tfe_team\.team-example-corp-(\w+)\.id\}$/, '$1'),
      workspace: String(grant.workspace_id).replace(
        /^\$\{tfe_workspace\.workspace-(\w+)_workspace_\w+\.id\}$/,
        '$1',
      ),
    }));
    expect(grants.sort((a, b) => `${a.workspace}${a.team}`.localeCompare(`${b.workspace}${b.team}`))).toEqual(
      [
        { access: 'write', team: 'ci', workspace: 'prod' },
        { access: 'read', team: 'people', workspace: 'prod' },
        { access: 'write', team: 'ci', workspace: 'staging' },
        { access: 'write', team: 'people', workspace: 'staging' },
      ],
    );
    expect(resources(synth(threeEnvironments()), 'tfe_team_access')).toEqual([]);
  });

  it('sets the execution mode in workspace settings, with the agent pool in agent mode', () => {
    expect(synth(threeEnvironments())).toHaveResourceWithProperties(WorkspaceSettings, {
      execution_mode: 'remote',
      global_remote_state: false,
    });
    expect(
      resources(synth(threeEnvironments()), 'tfe_workspace_settings').map((w) => w.assessments_enabled),
    ).toEqual([false, false]);
    const drift = synth(threeEnvironments(), {
      healthAssessments: false,
      environments: { prod: { healthAssessments: true } },
    });
    const byWorkspace = Object.fromEntries(
      resources(drift, 'tfe_workspace_settings').map((w) => [
        String(w.workspace_id).replace(/^\$\{tfe_workspace\.workspace-(\w+)_workspace_\w+\.id\}$/, '$1'),
        w.assessments_enabled,
      ]),
    );
    expect(byWorkspace).toEqual({ staging: false, prod: true });
    const agent = synth(threeEnvironments(), { execution: { mode: 'agent', agentPoolId: 'apool-abc' } });
    expect(agent).toHaveResourceWithProperties(WorkspaceSettings, {
      execution_mode: 'agent',
      agent_pool_id: 'apool-abc',
    });
  });

  it('writes the tagged dynamic credentials variables as environment variables, never a token', () => {
    const json = synth(threeEnvironments());
    expect(json).toHaveResourceWithProperties(Variable, {
      key: 'TFC_AWS_PROVIDER_AUTH_workload_payments',
      value: 'true',
      category: 'env',
    });
    expect(json).toHaveResourceWithProperties(Variable, {
      key: 'TFC_AWS_APPLY_ROLE_ARN_security',
      value: 'arn:aws:iam::222222222222:role/deploy/credential-rotation-deploy',
      category: 'env',
    });
    expect(json).toHaveResourceWithProperties(Variable, {
      key: 'TFC_AWS_PLAN_ROLE_ARN_security',
      value: 'arn:aws:iam::222222222222:role/tfc-plan/credential-rotation-deploy-plan',
      category: 'env',
    });
    // 4 accounts x 3 variables x 2 workspaces.
    expect(resources(json, 'tfe_variable')).toHaveLength(24);
    expect(json).not.toMatch(/"token"/);
  });

  it('creates run triggers only when configured', () => {
    expect(synth(threeEnvironments())).not.toHaveResource(RunTrigger);
    const triggered = synth(threeEnvironments(), {
      environments: { prod: { runTriggerSources: ['staging'] } },
    });
    expect(triggered).toHaveResource(RunTrigger);
    expect(resources(triggered, 'tfe_run_trigger')).toHaveLength(1);
  });

  it('creates nothing but the provider when no environment names an organization', () => {
    const json = synth([environment('dev', undefined)]);
    expect(json).not.toHaveResource(Workspace);
    expect(json).not.toHaveResource(Project);
  });

  it('creates no AWS resources unless the settings ask for the AWS-side trust', () => {
    expect(synth(threeEnvironments())).not.toHaveProvider(AwsProvider);
  });

  it('creates the OIDC provider, an apply role (the deploy role) and a read-only plan role, each trusting its phase of exactly the workspaces that use it', () => {
    const json = synth(threeEnvironments(), {
      awsTrust: {
        'workload-payments': {
          bootstrapRoleArn: 'arn:aws:iam::600000000000:role/OrganizationAccountAccessRole',
          permissionsPolicyArns: ['arn:aws:iam::600000000000:policy/credential-rotation-deploy'],
        },
      },
    });
    expect(json).toHaveProviderWithProperties(AwsProvider, {
      alias: 'workload_payments',
      allowed_account_ids: ['600000000000'],
    });
    expect(json).toHaveResourceWithProperties(IamOpenidConnectProvider, {
      url: 'https://app.terraform.io',
      client_id_list: ['aws.workload.identity'],
    });
    expect(json).toHaveResourceWithProperties(IamRole, {
      name: 'credential-rotation-deploy',
      path: '/deploy/',
      max_session_duration: 3600,
    });
    expect(json).toHaveResourceWithProperties(IamRole, {
      name: 'credential-rotation-deploy-plan',
      path: '/tfc-plan/',
      max_session_duration: 3600,
    });
    // The deploy role gets the configured permissions; the plan role gets ReadOnlyAccess.
    const attachments = resources(json, 'aws_iam_role_policy_attachment').map((attachment) => [
      /\.plan-role-/.test(String(attachment.role)) ? 'plan' : 'apply',
      attachment.policy_arn,
    ]);
    expect(attachments.sort()).toEqual([
      ['apply', 'arn:aws:iam::600000000000:policy/credential-rotation-deploy'],
      ['plan', 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
    ]);
    const byName = Object.fromEntries(
      resources(json, 'aws_iam_role').map((role) => [String(role.name), role]),
    );
    const subjects = (name: string) => {
      const trust = JSON.parse(String(byName[name]?.assume_role_policy)) as {
        Statement: { Condition: { StringEquals: Record<string, string[]> } }[];
      };
      return trust.Statement[0]?.Condition.StringEquals['app.terraform.io:sub'];
    };
    const workspaces = ['credential-rotation-staging', 'credential-rotation-production'];
    expect(subjects('credential-rotation-deploy')).toEqual(
      workspaces.map(
        (w) => `organization:example-corp:project:credential-rotation:workspace:${w}:run_phase:apply`,
      ),
    );
    expect(subjects('credential-rotation-deploy-plan')).toEqual(
      workspaces.map(
        (w) => `organization:example-corp:project:credential-rotation:workspace:${w}:run_phase:plan`,
      ),
    );
    // The plan role's own policy denies value reads, decrypt and role hopping; the deploy role has none.
    const [inline, ...others] = resources(json, 'aws_iam_role_policy');
    expect(others).toEqual([]);
    expect(String(inline?.role)).toMatch(/plan-role-workload-payments/);
    expect(JSON.parse(String(inline?.policy))).toEqual(planRolePolicy());
  });

  it('reuses an existing OIDC provider and refuses an account no workspace uses', () => {
    const json = synth(threeEnvironments(), {
      awsTrust: {
        management: {
          bootstrapRoleArn: 'arn:aws:iam::111111111111:role/admin',
          existingOidcProviderArn: 'arn:aws:iam::111111111111:oidc-provider/app.terraform.io',
        },
      },
    });
    expect(json).not.toHaveResource(IamOpenidConnectProvider);
    expect(json).toContain('arn:aws:iam::111111111111:oidc-provider/app.terraform.io');
    expect(() =>
      synth(threeEnvironments(), { awsTrust: { billing: { bootstrapRoleArn: 'arn:aws:iam::1:role/x' } } }),
    ).toThrow(/settings\.awsTrust\.billing: no environment/);
  });

  describe('an environment in the stack-per-account layout (staging; prod single-stack)', () => {
    const trustAll = {
      awsTrust: Object.fromEntries(
        [
          ['management', '111111111111'],
          ['security', '222222222222'],
          ['workload-payments', '600000000000'],
          ['workload-identity', '600111111111'],
        ].map(([key, account]) => [key, { bootstrapRoleArn: `arn:aws:iam::${account}:role/admin` }]),
      ),
    };
    const json = synth(stagingPerAccount(), { teamAccess: { ci: 'write' }, ...trustAll });
    const workspaceOf = (reference: unknown) =>
      String(reference).replace(/^\$\{tfe_workspace\.workspace-([\w-]+)_workspace_\w+\.id\}$/, '$1');

    it('creates a workspace per stack, the per-account ones tagged in a project of the environment', () => {
      // Synthesized JSON is sorted by construct id: sort by workspace name to compare.
      const workspaces = resources(json, 'tfe_workspace')
        .map((w) => [w.name, w.tag_names, w.project_id])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      const project = (id: string) => `\${tfe_project.${id}.id}`;
      expect(workspaces).toEqual([
        ['credential-rotation-production', ['credential-rotation', 'prod'], project('project-example-corp')],
        [
          'credential-rotation-staging',
          ['credential-rotation', 'staging', 'organization-stack'],
          project('project-example-corp-staging'),
        ],
        [
          'credential-rotation-staging-identity',
          ['credential-rotation', 'staging', 'workload-stack', 'workload-identity'],
          project('project-example-corp-staging'),
        ],
        [
          'credential-rotation-staging-payments',
          ['credential-rotation', 'staging', 'workload-stack', 'workload-payments'],
          project('project-example-corp-staging'),
        ],
      ]);
      expect(
        resources(json, 'tfe_project')
          .map((p) => p.name)
          .sort(),
      ).toEqual(['credential-rotation', 'credential-rotation-staging']);
    });

    it('triggers each workload workspace from the organization workspace and grants team access on all', () => {
      expect(
        resources(json, 'tfe_run_trigger').map((t) => [
          workspaceOf(t.sourceable_id),
          workspaceOf(t.workspace_id),
        ]),
      ).toEqual([
        ['staging', 'staging-identity'],
        ['staging', 'staging-payments'],
      ]);
      expect(
        resources(json, 'tfe_team_access')
          .map((grant) => workspaceOf(grant.workspace_id))
          .sort(),
      ).toEqual(['prod', 'staging', 'staging-identity', 'staging-payments']);
    });

    it('gives each workspace the variables of the accounts its stack touches only', () => {
      const tags = new Map<string, string[]>();
      for (const variable of resources(json, 'tfe_variable')) {
        const key = String(variable.key);
        if (!key.startsWith('TFC_AWS_PROVIDER_AUTH_')) continue;
        const workspace = workspaceOf(variable.workspace_id);
        tags.set(
          workspace,
          [...(tags.get(workspace) ?? []), key.slice('TFC_AWS_PROVIDER_AUTH_'.length)].sort(),
        );
      }
      expect(Object.fromEntries(tags)).toEqual({
        staging: ['management', 'security'],
        'staging-payments': ['workload_payments'],
        'staging-identity': ['workload_identity'],
        prod: ['management', 'security', 'workload_identity', 'workload_payments'],
      });
    });

    it('trusts the organization workspace for the management and security roles, each workload workspace for its own account only', () => {
      const subjects = (account: string, phase: 'plan' | 'apply') =>
        resources(json, 'aws_iam_role')
          .filter(
            (role) =>
              String(role.provider).includes(account) &&
              role.path === (phase === 'plan' ? '/tfc-plan/' : '/deploy/'),
          )
          .flatMap((role) => {
            const trust = JSON.parse(String(role.assume_role_policy)) as {
              Statement: { Condition: { StringEquals: Record<string, string[]> } }[];
            };
            return trust.Statement[0]?.Condition.StringEquals['app.terraform.io:sub'] ?? [];
          });
      const subject = (project: string, workspace: string, phase: string) =>
        `organization:example-corp:project:${project}:workspace:${workspace}:run_phase:${phase}`;
      for (const phase of ['plan', 'apply'] as const) {
        // Accounts are shared by the two helper environments: prod's single workspace uses them all.
        const prod = subject('credential-rotation', 'credential-rotation-production', phase);
        for (const account of ['management', 'security']) {
          expect(subjects(account, phase)).toEqual([
            subject('credential-rotation-staging', 'credential-rotation-staging', phase),
            prod,
          ]);
        }
        for (const workload of ['payments', 'identity']) {
          expect(subjects(`workload_${workload}`, phase)).toEqual([
            subject('credential-rotation-staging', `credential-rotation-staging-${workload}`, phase),
            prod,
          ]);
        }
      }
    });
  });
});
