/**
 * The attacker suite over the synthesized stacks: every guarded principal, executor, master
 * password and part of the alert path is attacked by the workload account's administrator, a CI
 * role and the root user (all refused), and changed by the deploy role (allowed). Then each SCP
 * and RCP statement is removed in turn: some scenario must change its answer, or that statement
 * guards nothing the tests can see. Finally the same attacks run on a generated 100-account
 * environment and on a generated 300-account environment in dedicated OUs (one stack per account),
 * whose policies must still fit AWS's quotas.
 */
import { parseEnvironment } from '@credential-rotation/environment-config';
import { generateOrganization } from '@credential-rotation/infra/dist/bench/generate-organization';
import type { EnvironmentModel, OrganizationModel } from '../src';
import {
  actors,
  alertBusScenarios,
  allScenarios,
  attackScenarios,
  buildEnvironmentModel,
  loadEnvironmentConfig,
  loadSynthesizedStack,
  runScenario,
} from '../src';
import { expectOutcome, synthesizeEnvironment } from './support/scenario-tests';

const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
const MAX_POLICY_CHARACTERS = 5120;

/** Every SCP and the RCP of the model, each within AWS's 5,120 characters; four in all. */
function expectOrganizationPoliciesWithinQuota(model: EnvironmentModel): void {
  const sizes = model.policies.organizationPolicies.map((p) => [p.name, p.content.length] as const);
  expect(sizes.length).toBe(4);
  for (const [name, size] of sizes)
    expect({ name, size: size <= MAX_POLICY_CHARACTERS }).toEqual({ name, size: true });
}

describe.each(ENVIRONMENTS)('%s: attacker suite', (environment) => {
  const stack = loadSynthesizedStack(environment);
  const model: EnvironmentModel = buildEnvironmentModel(stack, loadEnvironmentConfig(environment));
  const scenarios = attackScenarios(actors(model), stack);

  it('attacks every guarded role, executor, master password and alert-path resource of every account', () => {
    const ids = scenarios.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const workload of model.workloads) {
      const mine = ids.filter((id) => id.startsWith(`attack/${workload.name}/root-user/`));
      expect(mine).toEqual(
        expect.arrayContaining([
          `attack/${workload.name}/root-user/re-trust/${workload.deployRoleArn.split('/').pop()}`,
        ]),
      );
      if (workload.secrets.length > 0) {
        for (const kind of [
          'UpdateFunctionCode/',
          'master-password/',
          'DeleteTopic/',
          'DeleteAlarms/',
          'DeleteLogGroup/',
          'ScheduleKeyDeletion/',
          'DisableRule/',
        ]) {
          expect({
            workload: workload.name,
            kind,
            found: mine.some((id) => id.includes(`/root-user/${kind}`)),
          }).toEqual({
            workload: workload.name,
            kind,
            found: true,
          });
        }
      }
    }
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s', async (_id, scenario) => {
    await expectOutcome(scenario, model.organization);
  });
});

describe.each(ENVIRONMENTS)('%s: the alert bus takes events from the forwarders only', (environment) => {
  const stack = loadSynthesizedStack(environment);
  const model = buildEnvironmentModel(stack, loadEnvironmentConfig(environment));
  const scenarios = alertBusScenarios(actors(model), stack);

  it('has the scenarios (the stack has a bus policy and a forwarder)', () => {
    expect(scenarios.length).toBe(8);
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s', async (_id, scenario) => {
    await expectOutcome(scenario, model.organization);
  });
});

describe('prod: every guardrail statement is load-bearing', () => {
  const stack = loadSynthesizedStack('prod');
  const model = buildEnvironmentModel(stack, loadEnvironmentConfig('prod'));
  const scenarios = [...allScenarios(model), ...attackScenarios(actors(model), stack)].filter(
    (s) => s.organization === undefined,
  );
  const statements = [
    ...model.organization.serviceControlPolicies.map((p) => ['scp', p.name] as const),
    ...model.organization.resourceControlPolicies.map((p) => ['rcp', p.name] as const),
  ].flatMap(([kind, name]) => {
    const list =
      kind === 'scp' ? model.organization.serviceControlPolicies : model.organization.resourceControlPolicies;
    const policy = list.find((p) => p.name === name)!.policy as { Statement: { Sid: string }[] };
    return policy.Statement.map((statement) => [kind, name, statement.Sid] as const);
  });

  /** The organization with one statement removed. */
  function without(kind: 'scp' | 'rcp', name: string, sid: string): OrganizationModel {
    const strip = (p: { name: string; policy: { Statement: { Sid: string }[] } }) =>
      p.name === name
        ? {
            name: p.name,
            policy: { ...p.policy, Statement: p.policy.Statement.filter((s) => s.Sid !== sid) },
          }
        : p;
    return {
      ...model.organization,
      serviceControlPolicies:
        kind === 'scp'
          ? model.organization.serviceControlPolicies.map((p) => strip(p as never))
          : model.organization.serviceControlPolicies,
      resourceControlPolicies:
        kind === 'rcp'
          ? model.organization.resourceControlPolicies.map((p) => strip(p as never))
          : model.organization.resourceControlPolicies,
    };
  }

  it.each(statements.map(([kind, name, sid]) => [`${name} ${sid}`, kind, name, sid] as const))(
    'removing %s makes a scenario fail',
    async (_label, kind, name, sid) => {
      const weakened = without(kind, name, sid);
      let broken: string | undefined;
      for (const scenario of scenarios) {
        const outcome = await runScenario(scenario, weakened);
        if (outcome.decision !== scenario.expected) {
          broken = scenario.id;
          break;
        }
      }
      expect({ removed: `${name} ${sid}`, broken }).toEqual({
        removed: `${name} ${sid}`,
        broken: expect.any(String),
      });
    },
    120_000,
  );
});

describe('a generated 100-account environment', () => {
  const config = generateOrganization({ accounts: 100, secretsPerAccount: 20 });
  const { stack } = synthesizeEnvironment('prod', config);
  const model = buildEnvironmentModel(stack, parseEnvironment('prod', config).config);

  it('keeps every SCP and the RCP within 5,120 characters', () => {
    expectOrganizationPoliciesWithinQuota(model);
  });

  it("keeps every alert rule's event pattern within EventBridge's 2,048 characters", () => {
    const patterns = stack
      .resources('aws_cloudwatch_event_rule')
      .map((rule) => [String(rule.body['name']), String(rule.body['event_pattern']).length] as const);
    expect(patterns.length).toBeGreaterThan(400);
    const over = patterns.filter(([, length]) => length > 2048);
    expect(over).toEqual([]);
  });

  // The first, a middle and the last account: the policies are the same pattern for all 100.
  const sampled = [0, 49, 99].map((i) => model.workloads[i]!.name);
  const scenarios = attackScenarios(actors(model), stack).filter((s) =>
    sampled.some((name) => s.id.startsWith(`attack/${name}/`)),
  );

  it.each(scenarios.map((s) => [s.id, s] as const))('%s', async (_id, scenario) => {
    await expectOutcome(scenario, model.organization);
  });
});

describe('a generated 300-account environment in dedicated OUs, one stack per account', () => {
  // Two secrets per account: the policies of an account do not change with its number of secrets.
  const config = generateOrganization({
    accounts: 300,
    secretsPerAccount: 2,
    layout: 'stack-per-account',
    dedicatedOus: true,
  });
  const { stack } = synthesizeEnvironment('prod', config);
  const model = buildEnvironmentModel(stack, parseEnvironment('prod', config).config);

  it('keeps every SCP and the RCP within 5,120 characters, with no workload account listed', () => {
    expectOrganizationPoliciesWithinQuota(model);
    const workloadAccounts = model.workloads.map((w) => w.accountId);
    for (const policy of model.policies.organizationPolicies)
      expect([policy.name, workloadAccounts.filter((id) => policy.content.includes(id))]).toEqual([
        policy.name,
        [],
      ]);
  });

  it("keeps the organization stack's IAM and EventBridge policies within their limits (10,240; trust 2,048)", () => {
    const documents = [
      ...stack.resources('aws_iam_role_policy').map((r) => [r.address, r.body['policy'], 10_240] as const),
      ...stack.resources('aws_iam_role').map((r) => [r.address, r.body['assume_role_policy'], 2048] as const),
      ...stack
        .resources('aws_cloudwatch_event_bus_policy')
        .map((r) => [r.address, r.body['policy'], 10_240] as const),
    ];
    expect(documents.length).toBeGreaterThan(600);
    const over = documents.filter(([, document, limit]) => String(document).length > limit);
    expect(over.map(([address]) => address)).toEqual([]);
  });

  const sampled = [0, 149, 299].map((i) => model.workloads[i]!.name);
  const scenarios = [
    ...attackScenarios(actors(model), stack).filter((s) =>
      sampled.some((name) => s.id.startsWith(`attack/${name}/`)),
    ),
    ...alertBusScenarios(actors(model), stack),
  ];

  it.each(scenarios.map((s) => [s.id, s] as const))('%s', async (_id, scenario) => {
    await expectOutcome(scenario, model.organization);
  });
});
