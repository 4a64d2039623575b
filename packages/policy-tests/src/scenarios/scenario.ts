import type { AccessRequest, Decision, OrganizationModel } from '../simulator';
import { evaluate } from '../simulator';

/** One claim about the policies: these requests, made together, end in `expected`. */
export interface Scenario {
  /** Group and short name, e.g. `people/sso-admin-reads-value`. */
  readonly id: string;
  /** The claim in words, shown when it fails. */
  readonly description: string;
  readonly expected: Decision;
  /** All must be allowed for the scenario to be allowed (AssumeRole + TagSession + SetSourceIdentity). */
  readonly requests: readonly AccessRequest[];
  /** Organization policies to use instead of the environment's (the seed negative control). @default - the stack's */
  readonly organization?: OrganizationModel;
}

export interface ScenarioOutcome {
  readonly decision: Decision;
  /** Each request's action and the simulator's answer. */
  readonly details: readonly string[];
}

export async function runScenario(
  scenario: Scenario,
  organization: OrganizationModel,
): Promise<ScenarioOutcome> {
  const details: string[] = [];
  let allowed = true;
  for (const request of scenario.requests) {
    const result = await evaluate(request, scenario.organization ?? organization);
    details.push(`${request.action} -> ${result.result}`);
    if (result.decision !== 'Allowed') allowed = false;
  }
  return { decision: allowed ? 'Allowed' : 'Denied', details };
}
