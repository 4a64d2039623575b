import { credentialTag } from '../src/dynamic-credentials';
import { BootstrapConfigError } from '../src/errors';
import type { BootstrapSettings } from '../src/types';
import { planWorkspaces } from '../src/workspace-plan';
import { environment, threeEnvironments } from './helpers/environments';

const settings: BootstrapSettings = { terraformVersion: '1.12.2', execution: { mode: 'remote' } };

describe('planWorkspaces', () => {
  it('plans a workspace for each environment that names an organization and skips the others', () => {
    const plan = planWorkspaces(threeEnvironments(), settings);
    expect(plan.skipped).toEqual(['dev']);
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
