/**
 * Negative control: the seed document's SCP (deny GetSecretValue and DescribeSecret when
 * `aws:ViaAWSService` is false) evaluated on the same requests. It denies the rotation
 * function, the break-glass reader and DescribeSecret: exactly why it is not used.
 */
import type { ManagedSecret } from '../environment-model';
import { roleSession } from '../identities';
import { secretRequest } from '../requests';
import type { OrganizationModel } from '../simulator';
import type { Actors } from './actors';
import type { Scenario } from './scenario';

export const SEED_SCP = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyHumanAccessToSecrets',
      Effect: 'Deny',
      Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:ViaAWSService': 'false' } },
    },
  ],
};

export function seedControlScenarios(a: Actors): Scenario[] {
  const organization: OrganizationModel = {
    ...a.model.organization,
    serviceControlPolicies: [{ name: 'seed-DenyHumanAccessToSecrets', policy: SEED_SCP }],
    resourceControlPolicies: [],
  };
  const workload = a.model.workloads.find((w) => w.rotationRole !== undefined && w.secrets.length > 0);
  const scenarios: Scenario[] = [];
  if (workload?.rotationRole !== undefined) {
    const s = workload.secrets[0] as ManagedSecret;
    const lambda = roleSession(
      workload.rotationRole.arn,
      'rotation',
      a.org,
      workload.rotationRole.identityPolicies,
    );
    scenarios.push({
      id: 'seed-control/denies-rotation-function',
      description:
        "the seed's SCP denies the rotation Lambda's own GetSecretValue (aws:ViaAWSService is false for direct calls)",
      expected: 'Denied',
      organization,
      requests: [secretRequest(lambda, 'secretsmanager:GetSecretValue', s.secret, a.org)],
    });
  }
  const reader = roleSession(a.workload.reader.arn, 'alice', a.org, a.workload.reader.identityPolicies, {
    sessionTags: { reason: 'INC-4711' },
    sourceIdentity: 'alice',
  });
  const readable = a.workload.secrets.find((s) => s.breakGlassReadable) ?? a.secret;
  scenarios.push(
    {
      id: 'seed-control/denies-break-glass-reader',
      description: "the seed's SCP denies the break-glass reader it claims to allow",
      expected: 'Denied',
      organization,
      requests: [secretRequest(reader, 'secretsmanager:GetSecretValue', readable.secret, a.org)],
    },
    {
      id: 'seed-control/denies-describe',
      description: "the seed's SCP denies DescribeSecret, which Terraform refreshes need",
      expected: 'Denied',
      organization,
      requests: [secretRequest(a.deployRole, 'secretsmanager:DescribeSecret', a.secret.secret, a.org)],
    },
  );
  return scenarios;
}
