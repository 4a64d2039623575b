/**
 * The plan role (apps/tfc-bootstrap) against the synthesized stacks: it describes secrets, reads the
 * metadata version by its id (as a plan's refresh does) and no other value, decrypts only through
 * Secrets Manager and becomes no deploy role, in every shipped environment. Run `npm run synth` first.
 */
import type { EnvironmentModel, OrganizationModel } from '../src';
import {
  actors,
  buildEnvironmentModel,
  loadEnvironmentConfig,
  loadSynthesizedStack,
  runScenario,
} from '../src';
import { PINNED_BY_SECRET_POLICY, planRoleScenarios } from '../src/scenarios/plan-role';
import { expectOutcome } from './support/scenario-tests';

const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;

describe.each(ENVIRONMENTS)('%s: the plan role', (environment) => {
  const stack = loadSynthesizedStack(environment);
  const model: EnvironmentModel = buildEnvironmentModel(stack, loadEnvironmentConfig(environment));
  const scenarios = planRoleScenarios(actors(model));

  // The management account is outside every SCP, and a policy edited by hand protects nothing: the
  // plan role's own denies must hold with no organization policy, no secret policy, a key policy
  // that leaves the decision to IAM (AWS's default key policy) and a deploy role trusting its account.
  const bare: OrganizationModel = {
    ...model.organization,
    accountOu: new Map(),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  };
  const accountDecides = (account: string) => ({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' },
    ],
  });
  it.each(scenarios.map((s) => [s.id, s] as const))('%s, by its own policy alone', async (_id, scenario) => {
    const stripped = {
      ...scenario,
      requests: scenario.requests.map(({ resourcePolicy, ...request }) =>
        request.action.startsWith('sts:')
          ? { ...request, resourcePolicy }
          : request.action.startsWith('kms:')
            ? { ...request, resourcePolicy: accountDecides(request.resourceAccount) }
            : request,
      ),
    };
    const outcome = await runScenario(stripped, bare);
    // Which version id is the metadata version only the secret's policy knows: without it, any id passes.
    const expected = PINNED_BY_SECRET_POLICY.has(scenario.id) ? 'Allowed' : scenario.expected;
    expect({ claim: scenario.description, decision: outcome.decision }).toEqual({
      claim: scenario.description,
      decision: expected,
    });
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s', async (_id, scenario) => {
    await expectOutcome(scenario, model.organization);
  });
});
