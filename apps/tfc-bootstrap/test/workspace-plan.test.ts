import { credentialTag } from '../src/dynamic-credentials';
import { BootstrapConfigError } from '../src/errors';
import type { BootstrapSettings, WorkspacePlan } from '../src/types';
import { planWorkspaces, stackWorkspaceName } from '../src/workspace-plan';
import { environment, stackPerAccount, stagingPerAccount, threeEnvironments } from './helpers/environments';

const settings: BootstrapSettings = { terraformVersion: '1.12.2', execution: { mode: 'remote' } };

describe('planWorkspaces', () => {
  it('plans a workspace for each environment that names an organization and skips the others', () => {
    const plan = planWorkspaces(threeEnvironments(), settings);
    expect(plan.skipped).toEqual(['dev']);
    // Single-stack: the one stack is the environment, tagged as it always was.
    expect(plan.workspaces.map((w) => [w.stack, w.stackRole.kind, w.tagNames])).toEqual([
      ['staging', 'environment', ['credential-rotation', 'staging']],
      ['prod', 'environment', ['credential-rotation', 'prod']],
    ]);
    expect(plan.hostname).toBe('app.terraform.io');
    expect(plan.workspaces.map((workspace) => [workspace.environment, workspace.workspaceName])).toEqual([
      ['staging', 'credential-rotation-staging'],
      ['prod', 'credential-rotation-production'],
    ]);
  });

  it('points each workspace at its stack folder, pins Terraform and keeps auto-apply off for prod', () => {
    const [staging, prod] = planWorkspaces(threeEnvironments(), settings).workspaces;
    expect(staging).toMatchObject({
      workingDirectory: 'cdktf.out/stacks/staging',
      autoApply: true,
      terraformVersion: '1.12.2',
    });
    expect(prod).toMatchObject({ workingDirectory: 'cdktf.out/stacks/prod', autoApply: false });
  });

  it('honours per-environment overrides of auto-apply, execution mode and run triggers', () => {
    const [staging, prod] = planWorkspaces(threeEnvironments(), {
      ...settings,
      environments: {
        staging: { autoApply: false },
        prod: { execution: { mode: 'agent', agentPoolId: 'apool-123' }, runTriggerSources: ['staging'] },
      },
    }).workspaces;
    expect(staging?.autoApply).toBe(false);
    expect(prod?.execution).toEqual({ mode: 'agent', agentPoolId: 'apool-123' });
    expect(prod?.runTriggerSources).toEqual(['staging']);
  });

  it('gives every account its tagged dynamic credentials variables, tagged like the provider alias', () => {
    const [staging] = planWorkspaces(threeEnvironments(), settings).workspaces;
    const variables = Object.fromEntries(
      (staging?.variables ?? []).map((variable) => [variable.key, variable.value]),
    );
    const deploy = (account: string) => `arn:aws:iam::${account}:role/deploy/credential-rotation-deploy`;
    const plan = (account: string) => `arn:aws:iam::${account}:role/tfc-plan/credential-rotation-deploy-plan`;
    expect(variables).toEqual({
      TFC_AWS_PROVIDER_AUTH_management: 'true',
      TFC_AWS_PLAN_ROLE_ARN_management: plan('111111111111'),
      TFC_AWS_APPLY_ROLE_ARN_management: deploy('111111111111'),
      TFC_AWS_PROVIDER_AUTH_security: 'true',
      TFC_AWS_PLAN_ROLE_ARN_security: plan('222222222222'),
      TFC_AWS_APPLY_ROLE_ARN_security: deploy('222222222222'),
      TFC_AWS_PROVIDER_AUTH_workload_payments: 'true',
      TFC_AWS_PLAN_ROLE_ARN_workload_payments: plan('600000000000'),
      TFC_AWS_APPLY_ROLE_ARN_workload_payments: deploy('600000000000'),
      TFC_AWS_PROVIDER_AUTH_workload_identity: 'true',
      TFC_AWS_PLAN_ROLE_ARN_workload_identity: plan('600111111111'),
      TFC_AWS_APPLY_ROLE_ARN_workload_identity: deploy('600111111111'),
    });
    // Both phase roles are set, so no run role: nothing for a plan to fall back to.
    expect(Object.keys(variables).filter((key) => key.startsWith('TFC_AWS_RUN_ROLE_ARN'))).toEqual([]);
    // No untagged default configuration: every resource names its aliased provider.
    expect(Object.keys(variables)).not.toContain('TFC_AWS_PROVIDER_AUTH');
  });

  it('sets one untagged configuration for an environment whose config names an entry role', () => {
    const entryRole = 'arn:aws:iam::333333333333:role/tfc/credential-rotation-entry';
    const { workspaces } = planWorkspaces(
      [
        environment('staging', {
          organization: 'a',
          awsCredentials: { mode: 'entry-role', roleArn: entryRole },
        }),
        environment('prod', { organization: 'a' }),
      ],
      settings,
    );
    const [staging, prod] = workspaces;
    expect(staging?.variables.map((variable) => [variable.key, variable.value])).toEqual([
      ['TFC_AWS_PROVIDER_AUTH', 'true'],
      ['TFC_AWS_RUN_ROLE_ARN', entryRole],
    ]);
    expect(staging?.runRoles).toEqual([]);
    // The other environment keeps its per-account configurations.
    expect(prod?.variables.map((variable) => variable.key)).toContain('TFC_AWS_PROVIDER_AUTH_management');
    expect(() =>
      planWorkspaces(
        [
          environment('staging', {
            organization: 'a',
            awsCredentials: { mode: 'entry-role', roleArn: 'entry' },
          }),
        ],
        settings,
      ),
    ).toThrow(/staging: terraformCloud\.awsCredentials\.roleArn: must be an IAM role ARN/);
  });

  it('throws listing every problem: version range, unknown override, bad run trigger', () => {
    const attempt = (): unknown =>
      planWorkspaces(threeEnvironments(), {
        terraformVersion: '~> 1.12',
        execution: { mode: 'remote' },
        environments: { qa: { autoApply: true }, prod: { runTriggerSources: ['dev'] } },
      });
    expect(attempt).toThrow(BootstrapConfigError);
    expect(attempt).toThrow(/settings\.terraformVersion: must be an exact version/);
    expect(attempt).toThrow(/settings\.environments\.qa: no environment folder of that name/);
    expect(attempt).toThrow(
      /settings\.environments\.prod\.runTriggerSources: "dev" must be another environment/,
    );
  });

  it('refuses two hosts, two environments on one workspace and an empty agent pool', () => {
    expect(() =>
      planWorkspaces(
        [
          environment('staging', { organization: 'a' }),
          environment('prod', { organization: 'a', hostname: 'tfe.example.com' }),
        ],
        settings,
      ),
    ).toThrow(/terraformCloud\.hostname: environments staging, prod name different hosts/);
    expect(() =>
      planWorkspaces(
        [
          environment('staging', { organization: 'a', workspace: 'shared' }),
          environment('prod', { organization: 'a', workspace: 'shared' }),
        ],
        settings,
      ),
    ).toThrow(/prod: terraformCloud\.workspace: "shared" is already the workspace of staging/);
    expect(() =>
      planWorkspaces([environment('prod', { organization: 'a' })], {
        ...settings,
        execution: { mode: 'agent', agentPoolId: ' ' },
      }),
    ).toThrow(/execution\.agentPoolId: must name the agent pool/);
  });

  it('refuses an unknown team access level and a team name Terraform Cloud would not have', () => {
    const attempt = (): unknown =>
      planWorkspaces(threeEnvironments(), {
        ...settings,
        teamAccess: { ci: 'owner' as 'admin', 'the team': 'read' },
      });
    expect(attempt).toThrow(
      /staging: teamAccess\.ci: must be one of read, plan, write, admin \(got "owner"\)/,
    );
    expect(attempt).toThrow(/staging: teamAccess: "the team" is not a Terraform Cloud team name/);
  });

  it('refuses account names that collide as credential tags', () => {
    expect(() =>
      planWorkspaces([environment('prod', { organization: 'a' }, ['orders-db', 'orders_db'])], settings),
    ).toThrow(
      /accounts "workload-orders-db" and "workload-orders_db" both map to the credentials tag "workload_orders_db"/,
    );
  });
});

describe('credentialTag', () => {
  it('turns a provider alias into a tag of letters, digits and underscores', () => {
    expect(credentialTag('workload-payments')).toBe('workload_payments');
    expect(credentialTag('management')).toBe('management');
  });

  it('refuses the reserved tag TYPE', () => {
    expect(() => credentialTag('type')).toThrow(/reserved by Terraform Cloud/);
  });
});

describe('planWorkspaces in the stack-per-account layout', () => {
  const variableKeys = (workspace: WorkspacePlan | undefined) =>
    (workspace?.variables ?? []).map((variable) => variable.key);

  it('plans one workspace per stack, named by the backend rule, in a project of the environment', () => {
    const plan = planWorkspaces(stagingPerAccount(), { ...settings, project: 'credential-rotation' });
    expect(
      plan.workspaces.map((w) => [w.stack, w.workspaceName, w.workingDirectory, w.project, w.tagNames]),
    ).toEqual([
      [
        'staging',
        'credential-rotation-staging',
        'cdktf.out/stacks/staging',
        'credential-rotation-staging',
        ['credential-rotation', 'staging', 'organization-stack'],
      ],
      [
        'staging-payments',
        'credential-rotation-staging-payments',
        'cdktf.out/stacks/staging-payments',
        'credential-rotation-staging',
        ['credential-rotation', 'staging', 'workload-stack', 'workload-payments'],
      ],
      [
        'staging-identity',
        'credential-rotation-staging-identity',
        'cdktf.out/stacks/staging-identity',
        'credential-rotation-staging',
        ['credential-rotation', 'staging', 'workload-stack', 'workload-identity'],
      ],
      // The single-stack environment keeps its one workspace, project and tags.
      [
        'prod',
        'credential-rotation-production',
        'cdktf.out/stacks/prod',
        'credential-rotation',
        ['credential-rotation', 'prod'],
      ],
    ]);
    // A configured workspace name is the base of the workload workspaces' names too.
    const named = planWorkspaces(
      [stackPerAccount(environment('prod', { organization: 'a', workspace: 'rotation-prod' }))],
      settings,
    );
    expect(named.workspaces.map((w) => w.workspaceName)).toEqual([
      'rotation-prod',
      'rotation-prod-payments',
      'rotation-prod-identity',
    ]);
    // Without a shared project the environment's project is still its own.
    expect(named.workspaces.map((w) => w.project)).toEqual(Array(3).fill('credential-rotation-prod'));
  });

  it('gives the organization workspace the management and security credentials, each workload workspace only its own', () => {
    const [organization, payments, identity] = planWorkspaces(stagingPerAccount(), settings).workspaces;
    const roles = (tag: string, account: string) => [
      `TFC_AWS_PROVIDER_AUTH_${tag}`,
      `TFC_AWS_PLAN_ROLE_ARN_${tag}`,
      `TFC_AWS_APPLY_ROLE_ARN_${tag}`,
      account,
    ];
    const shape = (workspace: WorkspacePlan | undefined) =>
      (workspace?.runRoles ?? []).flatMap((role) => [
        ...variableKeys(workspace).filter((key) => key.endsWith(`_${role.tag}`)),
        role.roleArn.split(':')[4],
      ]);
    expect(shape(organization)).toEqual([
      ...roles('management', '111111111111'),
      ...roles('security', '222222222222'),
    ]);
    expect(variableKeys(organization)).toHaveLength(6);
    expect(shape(payments)).toEqual(roles('workload_payments', '600000000000'));
    expect(variableKeys(payments)).toHaveLength(3);
    expect(shape(identity)).toEqual(roles('workload_identity', '600111111111'));
    expect(variableKeys(identity)).toHaveLength(3);
    expect(payments?.runRoles.map((r) => r.accountKey)).toEqual(['workload-payments']);
  });

  it('triggers each workload workspace from its organization workspace; team access covers every workspace', () => {
    const { workspaces } = planWorkspaces(stagingPerAccount(), {
      ...settings,
      teamAccess: { ci: 'write', people: 'write' },
      environments: { staging: { teamAccess: { people: 'read' }, runTriggerSources: ['prod'] } },
    });
    expect(workspaces.map((w) => [w.stack, w.runTriggerSources])).toEqual([
      ['staging', ['prod']],
      ['staging-payments', ['staging']],
      ['staging-identity', ['staging']],
      ['prod', []],
    ]);
    for (const workspace of workspaces.filter((w) => w.environment === 'staging')) {
      expect(workspace.teamAccess).toEqual([
        { team: 'ci', access: 'write' },
        { team: 'people', access: 'read' },
      ]);
    }
  });

  it('refuses entry-role credentials, a stack or workspace another environment has, and a project name too long', () => {
    expect(() =>
      planWorkspaces(
        [
          stackPerAccount(
            environment('prod', {
              organization: 'a',
              awsCredentials: { mode: 'entry-role', roleArn: 'arn:aws:iam::333333333333:role/entry' },
            }),
          ),
        ],
        settings,
      ),
    ).toThrow(/prod: terraformCloud\.awsCredentials: layout 'stack-per-account' needs mode 'per-account'/);
    const collide = (): unknown =>
      planWorkspaces(
        [
          stackPerAccount(environment('prod', { organization: 'a' })),
          environment('prod-payments', { organization: 'a' }),
        ],
        settings,
      );
    expect(collide).toThrow(/prod-payments: stack "prod-payments" is also a stack of environment prod/);
    expect(collide).toThrow(
      /prod-payments: terraformCloud\.workspace: "credential-rotation-prod-payments" is already the workspace of stack prod-payments/,
    );
    expect(() =>
      planWorkspaces([stackPerAccount(environment('prod', { organization: 'a' }))], {
        ...settings,
        project: 'a-very-long-shared-project-name-for-credentials',
      }),
    ).toThrow(
      /prod: project "a-very-long-shared-project-name-for-credentials-prod": Terraform Cloud project names/,
    );
  });
});

describe('planWorkspaces during a move between layouts (layoutMoveFrom)', () => {
  const tagsOf = (workspace: WorkspacePlan) =>
    workspace.variables
      .filter((v) => v.key.startsWith('TFC_AWS_PROVIDER_AUTH_'))
      .map((v) => v.key.slice('TFC_AWS_PROVIDER_AUTH_'.length));
  const all = ['management', 'security', 'workload_payments', 'workload_identity'];

  it('single-stack to stack-per-account: the new workspaces exist and the old one keeps every account', () => {
    const { workspaces } = planWorkspaces([stackPerAccount(environment('prod', { organization: 'a' }))], {
      ...settings,
      environments: { prod: { layoutMoveFrom: 'single-stack' } },
    });
    expect(workspaces.map((w) => [w.stack, tagsOf(w)])).toEqual([
      ['prod', all],
      ['prod-payments', ['workload_payments']],
      ['prod-identity', ['workload_identity']],
    ]);
    // Once the move is applied and the override removed, the organization workspace loses them.
    const [organization] = planWorkspaces(
      [stackPerAccount(environment('prod', { organization: 'a' }))],
      settings,
    ).workspaces;
    expect(organization === undefined ? [] : tagsOf(organization)).toEqual(['management', 'security']);
  });

  it('stack-per-account to single-stack: the workload workspaces stay until the move is applied', () => {
    const { workspaces } = planWorkspaces([environment('prod', { organization: 'a' })], {
      ...settings,
      environments: { prod: { layoutMoveFrom: 'stack-per-account' } },
    });
    expect(workspaces.map((w) => [w.stack, w.stackRole.kind, tagsOf(w)])).toEqual([
      ['prod', 'environment', all],
      ['prod-payments', 'workload', ['workload_payments']],
      ['prod-identity', 'workload', ['workload_identity']],
    ]);
  });

  it('refuses a move from the layout the environment already has', () => {
    expect(() =>
      planWorkspaces([environment('prod', { organization: 'a' })], {
        ...settings,
        environments: { prod: { layoutMoveFrom: 'single-stack' } },
      }),
    ).toThrow(/settings\.environments\.prod\.layoutMoveFrom: the environment is already 'single-stack'/);
  });
});

describe('stackWorkspaceName', () => {
  it('names the environment stack by the config and a workload stack by the config plus its suffix', () => {
    const prod = environment('prod', { organization: 'a', workspace: 'rotation' });
    expect(stackWorkspaceName(prod, 'prod')).toBe('rotation');
    expect(stackWorkspaceName(prod, 'prod-payments')).toBe('rotation-payments');
    expect(stackWorkspaceName(environment('dev', undefined), 'dev-x')).toBe('credential-rotation-dev-x');
  });
});
