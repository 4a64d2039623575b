import type { EnvironmentModel } from '../environment-model';
import { actors } from './actors';
import { auditScenarios } from './audit';
import { firstHopScenarios, readerScenarios, secondHopScenarios } from './break-glass';
import { guardrailScenarios, organizationBoundaryScenarios } from './guardrails';
import { peopleScenarios } from './people';
import type { Scenario } from './scenario';
import { seedControlScenarios } from './seed-control';
import { applicationScenarios, deployRoleScenarios, rotationScenarios } from './workloads';

/** Every scenario of one environment, in reading order. */
export function allScenarios(model: EnvironmentModel): Scenario[] {
  const a = actors(model);
  return [
    ...peopleScenarios(a),
    ...applicationScenarios(a),
    ...rotationScenarios(a),
    ...deployRoleScenarios(a),
    ...firstHopScenarios(a),
    ...secondHopScenarios(a),
    ...readerScenarios(a),
    ...guardrailScenarios(a),
    ...organizationBoundaryScenarios(a),
    ...seedControlScenarios(a),
    ...auditScenarios(a),
  ];
}
