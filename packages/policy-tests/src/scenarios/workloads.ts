/**
 * Application roles read their own secret only; the rotation role rotates the secrets of its
 * own account only; the deploy role does what Terraform needs.
 */
import type { ManagedSecret } from '../environment-model';
import { PolicyEvaluationError } from '../errors';
import { roleSession } from '../identities';
import { decryptRequest, roleRequest, secretRequest, secretTagRequest } from '../requests';
import type { Actors } from './actors';
import type { Scenario } from './scenario';

export function applicationScenarios(a: Actors): Scenario[] {
  const { org, secret, otherSecret } = a;
  const scenarios: Scenario[] = [];
  for (const s of a.model.workloads.flatMap((w) => w.secrets)) {
    scenarios.push({
      id: `workload/${s.username}-reads-own-secret`,
      description: `${s.applicationRoleArn} reads ${s.secret.name} and decrypts it through Secrets Manager`,
      expected: 'Allowed',
      requests: [
        secretRequest(a.appRole(s), 'secretsmanager:GetSecretValue', s.secret, org),
        decryptRequest(a.appRole(s), s.key, s.secret, org, true),
      ],
    });
  }
  scenarios.push(
    {
      id: 'workload/broad-app-role-reads-other-secret',
      description: `${secret.applicationRoleArn}, even with secretsmanager:* and kms:*, is denied ${otherSecret.secret.name}`,
      expected: 'Denied',
      requests: [
        secretRequest(a.appRole(secret, true), 'secretsmanager:GetSecretValue', otherSecret.secret, org),
      ],
    },
    {
      id: 'workload/broad-app-role-reads-team-secret',
      description:
        'control: a /workload/ role may read a secret its team shares with it (the SCP allow-list lets it through)',
      expected: 'Allowed',
      requests: [
        secretRequest(a.appRole(secret, true), 'secretsmanager:GetSecretValue', a.untaggedSecret, org),
      ],
    },
    {
      id: 'workload/broad-app-role-puts-value',
      description: 'an application role with secretsmanager:* is denied PutSecretValue on its own secret',
      expected: 'Denied',
      requests: [secretRequest(a.appRole(secret, true), 'secretsmanager:PutSecretValue', secret.secret, org)],
    },
    {
      id: 'workload/broad-app-role-decrypts-directly',
      description: 'an application role with kms:* is denied kms:Decrypt outside Secrets Manager',
      expected: 'Denied',
      requests: [decryptRequest(a.appRole(secret, true), secret.key, secret.secret, org, false)],
    },
  );
  if (a.foreignAccountSecret !== undefined) {
    scenarios.push({
      id: 'workload/broad-app-role-reads-across-accounts',
      description: `${secret.applicationRoleArn} with secretsmanager:* is denied ${a.foreignAccountSecret.secret.name} in another account`,
      expected: 'Denied',
      requests: [
        secretRequest(
          a.appRole(secret, true),
          'secretsmanager:GetSecretValue',
          a.foreignAccountSecret.secret,
          org,
        ),
      ],
    });
  }
  return scenarios;
}

export function deployRoleScenarios(a: Actors): Scenario[] {
  const { org, secret } = a;
  return [
    {
      id: 'deploy/refreshes-metadata-version',
      description: 'the deploy role may GetSecretValue: Terraform refreshes the metadata version it wrote',
      expected: 'Allowed',
      requests: [secretRequest(a.deployRole, 'secretsmanager:GetSecretValue', secret.secret, org)],
    },
    {
      id: 'deploy/writes-metadata-version',
      description: 'the deploy role may PutSecretValue (the first, metadata-only version)',
      expected: 'Allowed',
      requests: [secretRequest(a.deployRole, 'secretsmanager:PutSecretValue', secret.secret, org)],
    },
    {
      id: 'deploy/sets-break-glass-tag',
      description: 'the deploy role may set the break-glass tag',
      expected: 'Allowed',
      requests: [
        secretTagRequest(a.deployRole, 'secretsmanager:TagResource', secret.secret, org, {
          'breakglass:readable': a.model.environment,
        }),
      ],
    },
    {
      id: 'deploy/creates-workload-role',
      description: 'the deploy role may create a role under /workload/',
      expected: 'Allowed',
      requests: [roleRequest(a.deployRole, 'iam:CreateRole', secret.applicationRoleArn, org, a.region)],
    },
  ];
}

export function rotationScenarios(a: Actors): Scenario[] {
  const { org } = a;
  const scenarios: Scenario[] = [];
  for (const workload of a.model.workloads.filter((w) => w.secrets.length > 0)) {
    const role = workload.rotationRole;
    if (role === undefined)
      throw new PolicyEvaluationError(`${workload.name}: no role under /secrets-rotation/`);
    const s = workload.secrets[0] as ManagedSecret;
    const lambda = roleSession(role.arn, `${a.model.environment}-rotation`, org, role.identityPolicies);
    const allowed: [string, string][] = [
      ['reads', 'secretsmanager:GetSecretValue'],
      ['describes', 'secretsmanager:DescribeSecret'],
      ['writes-pending', 'secretsmanager:PutSecretValue'],
      ['moves-stages', 'secretsmanager:UpdateSecretVersionStage'],
    ];
    for (const [id, action] of allowed) {
      scenarios.push({
        id: `rotation/${workload.name}-${id}`,
        description: `the rotation role of ${workload.name} may ${action} on ${s.secret.name}`,
        expected: 'Allowed',
        requests: [secretRequest(lambda, action, s.secret, org)],
      });
    }
    scenarios.push(
      {
        id: `rotation/${workload.name}-decrypts`,
        description: 'the rotation role may decrypt through Secrets Manager',
        expected: 'Allowed',
        requests: [decryptRequest(lambda, s.key, s.secret, org, true)],
      },
      ...[
        'secretsmanager:DeleteSecret',
        'secretsmanager:PutResourcePolicy',
        'secretsmanager:RotateSecret',
      ].map((action): Scenario => ({
        id: `rotation/${workload.name}-${action.split(':')[1]}`,
        description: `the rotation role is denied ${action}`,
        expected: 'Denied',
        requests: [secretRequest(lambda, action, s.secret, org)],
      })),
      {
        id: `rotation/${workload.name}-reads-unmanaged-secret`,
        description:
          "the rotation role is denied a secret of its account that this repository doesn't manage",
        expected: 'Denied',
        requests: [
          secretRequest(
            lambda,
            'secretsmanager:GetSecretValue',
            {
              ...a.untaggedSecret,
              accountId: workload.accountId,
              arn: a.untaggedSecret.arn.replace(a.untaggedSecret.accountId, workload.accountId),
            },
            org,
          ),
        ],
      },
    );
    const elsewhere = a.model.workloads.find(
      (w) => w.accountId !== workload.accountId && w.secrets.length > 0,
    );
    if (elsewhere !== undefined) {
      const target = elsewhere.secrets[0] as ManagedSecret;
      scenarios.push({
        id: `rotation/${workload.name}-reads-${elsewhere.name}`,
        description: `the rotation role of ${workload.name} is denied ${target.secret.name} in ${elsewhere.name}'s account`,
        expected: 'Denied',
        requests: [secretRequest(lambda, 'secretsmanager:GetSecretValue', target.secret, org)],
      });
    }
  }
  return scenarios;
}
