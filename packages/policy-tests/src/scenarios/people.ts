/**
 * People (Identity Center roles, IAM users, account administrators) may see that secrets
 * exist but never read or change a managed secret's value.
 */
import { PARTITION } from '../environment-model';
import { ADMINISTRATOR_ACCESS, roleSession } from '../identities';
import { assumeRoleRequests, decryptRequest, listSecretsRequest, secretRequest } from '../requests';
import type { Actors } from './actors';
import type { Scenario } from './scenario';

export function peopleScenarios(a: Actors): Scenario[] {
  const { org, secret } = a;
  const people = [
    ['sso-admin', 'an Identity Center administrator', a.ssoAdmin],
    ['iam-admin', 'an IAM user with AdministratorAccess and MFA', a.iamAdmin],
    ['account-admin', 'the OrganizationAccountAccessRole', a.accountAdmin],
  ] as const;
  const scenarios: Scenario[] = [];
  for (const [id, who, caller] of people) {
    scenarios.push(
      {
        id: `people/${id}-reads-value`,
        description: `${who} is denied GetSecretValue on ${secret.secret.name}`,
        expected: 'Denied',
        requests: [secretRequest(caller, 'secretsmanager:GetSecretValue', secret.secret, org)],
      },
      {
        id: `people/${id}-describes`,
        description: `${who} may DescribeSecret (metadata only)`,
        expected: 'Allowed',
        requests: [secretRequest(caller, 'secretsmanager:DescribeSecret', secret.secret, org)],
      },
      {
        // No resource policy on this secret: the SCP alone must stop the read.
        id: `people/${id}-reads-team-secret`,
        description: `${who} is denied GetSecretValue on a secret without a resource policy (the SCP alone)`,
        expected: 'Denied',
        requests: [secretRequest(caller, 'secretsmanager:GetSecretValue', a.untaggedSecret, org)],
      },
      {
        id: `people/${id}-puts-value`,
        description: `${who} is denied PutSecretValue on a managed secret`,
        expected: 'Denied',
        requests: [secretRequest(caller, 'secretsmanager:PutSecretValue', secret.secret, org)],
      },
    );
  }
  const changes = [
    'secretsmanager:UpdateSecretVersionStage',
    'secretsmanager:UpdateSecret',
    'secretsmanager:PutResourcePolicy',
    'secretsmanager:DeleteResourcePolicy',
    'secretsmanager:RotateSecret',
    'secretsmanager:CancelRotateSecret',
    'secretsmanager:DeleteSecret',
    'secretsmanager:RestoreSecret',
  ];
  for (const action of changes) {
    scenarios.push({
      id: `people/sso-admin-${action.split(':')[1]}`,
      description: `an Identity Center administrator is denied ${action} on a managed secret`,
      expected: 'Denied',
      requests: [secretRequest(a.ssoAdmin, action, secret.secret, org)],
    });
  }
  const lookalike = roleSession(
    `arn:${PARTITION}:iam::${a.workload.accountId}:role/workloadx/orders-api`,
    'eve',
    org,
    [ADMINISTRATOR_ACCESS],
  );
  scenarios.push(
    {
      id: 'people/sso-admin-lists',
      description: 'an Identity Center administrator may ListSecrets',
      expected: 'Allowed',
      requests: [listSecretsRequest(a.ssoAdmin, a.region)],
    },
    {
      id: 'people/sso-admin-batch-reads',
      description: 'an Identity Center administrator is denied BatchGetSecretValue',
      expected: 'Denied',
      requests: [
        { ...listSecretsRequest(a.ssoAdmin, a.region), action: 'secretsmanager:BatchGetSecretValue' },
      ],
    },
    {
      id: 'people/lookalike-path-reads-value',
      description: 'an admin role at /workloadx/ (not /workload/) is denied GetSecretValue',
      expected: 'Denied',
      requests: [secretRequest(lookalike, 'secretsmanager:GetSecretValue', secret.secret, org)],
    },
    {
      id: 'people/sso-admin-decrypts-directly',
      description:
        "an Identity Center administrator is denied kms:Decrypt with the secrets key (the key policy's second gate)",
      expected: 'Denied',
      requests: [decryptRequest(a.ssoAdmin, secret.key, secret.secret, org, false)],
    },
    {
      id: 'people/sso-admin-assumes-app-role',
      description:
        'an Identity Center administrator is denied assuming an application role even when its trust names the account',
      expected: 'Denied',
      requests: assumeRoleRequests(
        a.ssoAdmin,
        {
          arn: secret.applicationRoleArn,
          trust: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: `arn:${PARTITION}:iam::${a.workload.accountId}:root` },
                Action: 'sts:AssumeRole',
              },
            ],
          },
        },
        org,
        a.region,
        { sessionName: 'alice' },
      ),
    },
  );
  return scenarios;
}
