/**
 * The read-only audit role of `credential-rotation report`: it reads every managed secret's
 * metadata and nothing else, and only the configured auditors of the security account assume it.
 */
import { AUDIT_ROLE_PATH } from '@credential-rotation/environment-config';
import { PARTITION } from '../environment-model';
import { ADMINISTRATOR_ACCESS, roleSession } from '../identities';
import { assumeRoleRequests, decryptRequest, listSecretsRequest, secretRequest } from '../requests';
import type { Actors } from './actors';
import type { Scenario } from './scenario';

export function auditScenarios(a: Actors): Scenario[] {
  const auditors = a.model.config.audit?.auditorPrincipalArns ?? [];
  const role = a.model.policies.roles.find(
    (r) => r.accountId === a.workload.accountId && r.path === AUDIT_ROLE_PATH,
  );
  if (auditors.length === 0 || role === undefined) return [];
  const { org, region, secret } = a;
  const session = roleSession(role.arn, 'auditor', org, role.identityPolicies);
  // An exact auditor role of the security account (patterns are Identity Center roles).
  const auditorArn = auditors.find((arn) => !/[*?]/.test(arn));
  const scenarios: Scenario[] = [
    {
      id: 'audit/describes-secret',
      description: `the audit role describes ${secret.secret.name} (stages, dates, rotation, tags)`,
      expected: 'Allowed',
      requests: [
        secretRequest(session, 'secretsmanager:DescribeSecret', secret.secret, org),
        secretRequest(session, 'secretsmanager:ListSecretVersionIds', secret.secret, org),
        listSecretsRequest(session, region),
      ],
    },
    {
      id: 'audit/reads-value',
      description: `the audit role is denied the value of ${secret.secret.name}`,
      expected: 'Denied',
      requests: [secretRequest(session, 'secretsmanager:GetSecretValue', secret.secret, org)],
    },
    {
      id: 'audit/decrypts',
      description: `the audit role is denied decrypting ${secret.secret.name} through Secrets Manager`,
      expected: 'Denied',
      requests: [decryptRequest(session, secret.key, secret.secret, org, true)],
    },
    {
      id: 'audit/workload-admin-assumes',
      description: 'an administrator of the workload account is denied assuming the audit role',
      expected: 'Denied',
      requests: assumeRoleRequests(a.ssoAdmin, role, org, region, { sessionName: 'x' }),
    },
  ];
  if (auditorArn !== undefined) {
    const auditor = roleSession(auditorArn, 'report', org, [ADMINISTRATOR_ACCESS]);
    const stranger = roleSession(
      `arn:${PARTITION}:iam::${a.model.config.accounts.security.accountId}:role/ci/other-job`,
      'x',
      org,
      [ADMINISTRATOR_ACCESS],
    );
    scenarios.push(
      {
        id: 'audit/auditor-assumes',
        description: `the configured auditor ${auditorArn} assumes the audit role`,
        expected: 'Allowed',
        requests: assumeRoleRequests(auditor, role, org, region, { sessionName: 'report' }),
      },
      {
        id: 'audit/other-security-role-assumes',
        description: 'another role of the security account is denied assuming the audit role',
        expected: 'Denied',
        requests: assumeRoleRequests(stranger, role, org, region, { sessionName: 'x' }),
      },
    );
  }
  return scenarios;
}
