/**
 * Application roles read their own secret only; the rotation role rotates the secrets of its
 * own account only; the deploy role does what Terraform needs.
 */
import type { ManagedSecret } from '../environment-model';
import { PolicyEvaluationError } from '../errors';
import { roleSession } from '../identities';
import {
  decryptRequest,
  listSecretsRequest,
  roleRequest,
  secretRequest,
  secretTagRequest,
} from '../requests';
import type { Actors } from './actors';
import type { Scenario } from './scenario';
import { planRoleScenarios } from './plan-role';

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

/** A version id that is not the metadata version's: what AWSCURRENT, AWSPENDING or AWSPREVIOUS carry after rotation. */
const ROTATED_VERSION_ID = '0b7e5c1a-9d2f-4c3e-8a6b-5f4d3c2b1a09';

/**
 * The deploy role reads the metadata version by its id, and nothing else; so does its plan role
 * (Terraform Cloud's plan phase, which refreshes the same version), whose scenarios run here too.
 */
export function deployRoleScenarios(a: Actors): Scenario[] {
  return [...deployRoleOwnScenarios(a), ...planRoleScenarios(a)];
}

function deployRoleOwnScenarios(a: Actors): Scenario[] {
  const { org, secret } = a;
  const metadataVersionId = secret.secret.metadataVersionId;
  if (metadataVersionId === undefined)
    throw new PolicyEvaluationError(`${secret.secret.name}: the stack writes no TERRAFORM_METADATA version`);
  const read = (extra: Record<string, string>) =>
    secretRequest(a.deployRole, 'secretsmanager:GetSecretValue', secret.secret, org, extra);
  const byStage = ['AWSCURRENT', 'AWSPENDING', 'AWSPREVIOUS'].map((stage): Scenario => ({
    id: `deploy/reads-${stage}-by-stage`,
    description: `the deploy role is denied GetSecretValue of ${stage} (a read by staging label carries no version id)`,
    expected: 'Denied',
    requests: [read({ 'secretsmanager:VersionStage': stage })],
  }));
  return [
    {
      id: 'deploy/refreshes-metadata-version',
      description:
        'the deploy role may GetSecretValue of the metadata version by its id, as the AWS provider refreshes it, and decrypt it through Secrets Manager',
      expected: 'Allowed',
      requests: [
        read({ 'secretsmanager:VersionId': metadataVersionId }),
        decryptRequest(a.deployRole, secret.key, secret.secret, org, true),
      ],
    },
    {
      id: 'deploy/reads-default-version',
      description: 'the deploy role is denied GetSecretValue without a version (AWSCURRENT, the password)',
      expected: 'Denied',
      requests: [read({})],
    },
    ...byStage,
    {
      id: 'deploy/reads-rotated-version-by-id',
      description:
        "the deploy role is denied GetSecretValue by the id of any other version (AWSCURRENT's, looked up with DescribeSecret)",
      expected: 'Denied',
      requests: [read({ 'secretsmanager:VersionId': ROTATED_VERSION_ID })],
    },
    {
      id: 'deploy/reads-rotated-version-by-id-and-stage',
      description: 'the deploy role is denied GetSecretValue naming both another version id and AWSCURRENT',
      expected: 'Denied',
      requests: [
        read({ 'secretsmanager:VersionId': ROTATED_VERSION_ID, 'secretsmanager:VersionStage': 'AWSCURRENT' }),
      ],
    },
    {
      id: 'deploy/batch-reads',
      description:
        'the deploy role is denied BatchGetSecretValue (it returns AWSCURRENT and carries no version id)',
      expected: 'Denied',
      requests: [
        { ...listSecretsRequest(a.deployRole, a.region), action: 'secretsmanager:BatchGetSecretValue' },
      ],
    },
    {
      id: 'deploy/reads-unmanaged-secret-by-stage',
      description:
        "the deploy role is denied AWSCURRENT of a secret this repository doesn't manage (no secret policy: the SCP alone)",
      expected: 'Denied',
      requests: [secretRequest(a.deployRole, 'secretsmanager:GetSecretValue', a.untaggedSecret, org)],
    },
    {
      id: 'deploy/reads-unmanaged-secret-by-version-id',
      description:
        "control: on a secret this repository doesn't manage, only its own policy could pin a version id; the SCP lets version-id reads through",
      expected: 'Allowed',
      requests: [
        secretRequest(a.deployRole, 'secretsmanager:GetSecretValue', a.untaggedSecret, org, {
          'secretsmanager:VersionId': ROTATED_VERSION_ID,
        }),
      ],
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
