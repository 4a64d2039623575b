/**
 * The break-glass chain: person -> central role -> reader role -> tagged secret. Allowed only
 * with every condition met; each scenario drops exactly one.
 */
import type { ManagedSecret, WorkloadModel } from '../environment-model';
import { FOREIGN_ORGANIZATION_ID, PARTITION } from '../environment-model';
import type { Caller } from '../identities';
import { ADMINISTRATOR_ACCESS, iamUser, identityCenterRoleArn, roleSession } from '../identities';
import type { AssumeRoleOptions } from '../requests';
import { assumeRoleRequests, decryptRequest, secretRequest } from '../requests';
import type { SecretModel } from '../stack-policies';
import type { Actors } from './actors';
import type { Scenario } from './scenario';

const REASON = { reason: 'INC-4711 orders database unreachable' };
/** Calls to sts.amazonaws.com (the global endpoint) carry this region. */
const GLOBAL_ENDPOINT_REGION = 'us-east-1';

export function firstHopScenarios(a: Actors): Scenario[] {
  const { model, org, region } = a;
  const security = model.config.accounts.security.accountId;
  const central = model.central;
  const hop = (
    id: string,
    description: string,
    expected: Scenario['expected'],
    caller: Caller,
    options: AssumeRoleOptions,
  ): Scenario => ({
    id: `break-glass/${id}`,
    description,
    expected,
    requests: assumeRoleRequests(caller, central, org, region, options),
  });
  const complete = (sourceIdentity: string): AssumeRoleOptions => ({
    sessionName: sourceIdentity,
    tags: { ...REASON, ticket: 'INC-4711' },
    transitiveTagKeys: ['reason', 'ticket'],
    sourceIdentity,
  });
  const scenarios: Scenario[] = [];

  const users = model.config.breakGlass.iamUserArns;
  const userArn = users[0] ?? `arn:${PARTITION}:iam::${security}:user/breakglass/mallory`;
  const userName = userArn.slice(userArn.lastIndexOf('/') + 1);
  const user = (mfaAge?: number) => iamUser(userArn, org, [ADMINISTRATOR_ACCESS], mfaAge);
  if (users.length > 0) {
    scenarios.push(
      hop(
        'iam-user-complete',
        `${userName} with fresh MFA, a reason and their own name as source identity assumes the central role`,
        'Allowed',
        user(300),
        complete(userName),
      ),
      hop('iam-user-without-mfa', `${userName} without MFA is refused`, 'Denied', user(), complete(userName)),
      hop(
        'iam-user-stale-mfa',
        `${userName} with MFA older than 15 minutes is refused`,
        'Denied',
        user(1800),
        complete(userName),
      ),
      hop('iam-user-without-reason', `${userName} without a reason tag is refused`, 'Denied', user(300), {
        ...complete(userName),
        tags: { ticket: 'INC-4711' },
        transitiveTagKeys: ['ticket'],
      }),
      hop(
        'iam-user-reason-not-transitive',
        `${userName} whose reason tag is not transitive is refused`,
        'Denied',
        user(300),
        {
          ...complete(userName),
          transitiveTagKeys: ['ticket'],
        },
      ),
      hop(
        'iam-user-extra-tag',
        `${userName} passing a tag key other than reason/ticket is refused`,
        'Denied',
        user(300),
        {
          ...complete(userName),
          tags: { ...REASON, team: 'payments' },
          transitiveTagKeys: ['reason'],
        },
      ),
      hop(
        'iam-user-without-source-identity',
        `${userName} without a source identity is refused`,
        'Denied',
        user(300),
        {
          ...complete(userName),
          sourceIdentity: undefined,
        } as AssumeRoleOptions,
      ),
      hop(
        'iam-user-other-source-identity',
        `${userName} claiming another person's name as source identity is refused`,
        'Denied',
        user(300),
        complete('someone-else'),
      ),
    );
  } else {
    scenarios.push(
      hop(
        'iam-user-not-listed',
        'an IAM user (this environment lists none) with MFA and every tag is refused',
        'Denied',
        user(60),
        complete(userName),
      ),
    );
  }

  const patterns = model.config.breakGlass.identityCenterRoleArnPatterns;
  const permissionSet = /AWSReservedSSO_([^_]+)_/.exec(patterns[0] ?? '')?.[1];
  if (permissionSet !== undefined) {
    // Identity Center puts the user name in a principal tag (attributes for access control).
    const userTag = model.config.breakGlass.identityCenterUserTag;
    const sso = (set: string, account = security) =>
      roleSession(
        identityCenterRoleArn(account, region, set),
        'alice@example.com',
        org,
        [ADMINISTRATOR_ACCESS],
        {
          sessionTags: { [userTag]: 'alice@example.com' },
        },
      );
    scenarios.push(
      hop(
        'permission-set-complete',
        `the ${permissionSet} permission set with a reason and a source identity assumes the central role`,
        'Allowed',
        sso(permissionSet),
        complete('alice@example.com'),
      ),
      hop(
        'permission-set-without-reason',
        `the ${permissionSet} permission set without a reason tag is refused`,
        'Denied',
        sso(permissionSet),
        {
          ...complete('alice@example.com'),
          tags: {},
          transitiveTagKeys: [],
        },
      ),
      hop(
        'permission-set-without-source-identity',
        `the ${permissionSet} permission set without a source identity is refused`,
        'Denied',
        sso(permissionSet),
        {
          sessionName: 'alice',
          tags: REASON,
          transitiveTagKeys: ['reason'],
        },
      ),
      hop(
        'permission-set-someone-elses-name',
        `the ${permissionSet} permission set with someone else's name as source identity is refused`,
        'Denied',
        sso(permissionSet),
        complete('bob@example.com'),
      ),
      hop(
        'permission-set-same-prefix',
        `a permission set whose name only starts with ${permissionSet}_ is refused`,
        'Denied',
        sso(`${permissionSet}_Admin`),
        complete('alice@example.com'),
      ),
      hop(
        'admin-permission-set',
        'the AdministratorAccess permission set is refused',
        'Denied',
        sso('AdministratorAccess'),
        complete('alice@example.com'),
      ),
      {
        id: 'break-glass/permission-set-global-endpoint',
        description:
          'the permission set calling the global STS endpoint (logged in us-east-1, where no alert listens) is refused',
        expected: 'Denied',
        requests: assumeRoleRequests(
          sso(permissionSet),
          central,
          org,
          GLOBAL_ENDPOINT_REGION,
          complete('alice@example.com'),
        ),
      },
      hop(
        'permission-set-other-account',
        `the ${permissionSet} permission set of a workload account is refused`,
        'Denied',
        sso(permissionSet, a.workload.accountId),
        complete('alice@example.com'),
      ),
    );
  }
  return scenarios;
}

/** A session of the central role as the first hop leaves it. */
function centralSession(
  a: Actors,
  extras: { tags?: boolean; sourceIdentity?: boolean; organizationId?: string } = {},
): Caller {
  return roleSession(
    a.model.central.arn,
    'alice',
    extras.organizationId ?? a.org,
    a.model.central.identityPolicies,
    {
      ...(extras.tags === false ? {} : { sessionTags: REASON }),
      ...(extras.sourceIdentity === false ? {} : { sourceIdentity: 'alice' }),
    },
  );
}

/** A session of a reader role as the second hop leaves it. */
function readerSession(a: Actors, workload: WorkloadModel): Caller {
  return roleSession(workload.reader.arn, 'alice', a.org, workload.reader.identityPolicies, {
    sessionTags: REASON,
    sourceIdentity: 'alice',
  });
}

export function secondHopScenarios(a: Actors): Scenario[] {
  const { org, region } = a;
  const scenarios: Scenario[] = [];
  for (const workload of a.model.workloads) {
    scenarios.push({
      id: `break-glass/central-assumes-${workload.name}-reader`,
      description: `the central session (reason tag, source identity) assumes ${workload.reader.arn}`,
      expected: 'Allowed',
      requests: assumeRoleRequests(centralSession(a), workload.reader, org, region, { sessionName: 'alice' }),
    });
  }
  const reader = a.workload.reader;
  const hop = (id: string, description: string, caller: Caller): Scenario => ({
    id: `break-glass/${id}`,
    description,
    expected: 'Denied',
    requests: assumeRoleRequests(caller, reader, org, region, { sessionName: 'alice' }),
  });
  scenarios.push(
    {
      id: 'break-glass/central-global-endpoint',
      description:
        'a central session calling the global STS endpoint is refused by the reader (the call would not alert)',
      expected: 'Denied',
      requests: assumeRoleRequests(centralSession(a), reader, org, GLOBAL_ENDPOINT_REGION, {
        sessionName: 'alice',
      }),
    },
    hop(
      'central-without-reason',
      'a central session without the reason tag is refused by the reader',
      centralSession(a, { tags: false }),
    ),
    hop(
      'central-without-source-identity',
      'a central session without a source identity is refused by the reader',
      centralSession(a, { sourceIdentity: false }),
    ),
    hop(
      'central-from-other-organization',
      'the central role ARN from another organization is refused by the reader',
      centralSession(a, { organizationId: FOREIGN_ORGANIZATION_ID }),
    ),
    hop(
      'other-security-role',
      'another administrator role in the security account is refused by the reader',
      roleSession(
        `arn:${PARTITION}:iam::${a.model.config.accounts.security.accountId}:role/OrganizationAccountAccessRole`,
        'alice',
        org,
        [ADMINISTRATOR_ACCESS],
        { sessionTags: REASON, sourceIdentity: 'alice' },
      ),
    ),
    hop(
      'workload-admin-assumes-reader',
      'an administrator of the workload account is refused by the reader',
      roleSession(a.accountAdmin.principalArn, 'dave', org, [ADMINISTRATOR_ACCESS], {
        sessionTags: REASON,
        sourceIdentity: 'dave',
      }),
    ),
    {
      id: 'break-glass/central-assumes-other-role',
      description: 'the central session may assume nothing but the reader roles',
      expected: 'Denied',
      requests: assumeRoleRequests(
        centralSession(a),
        {
          arn: a.accountAdmin.principalArn,
          trust: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: a.model.central.arn },
                Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
              },
            ],
          },
        },
        org,
        region,
        { sessionName: 'alice' },
      ),
    },
  );
  return scenarios;
}

export function readerScenarios(a: Actors): Scenario[] {
  const { org } = a;
  const scenarios: Scenario[] = [];
  const readable = a.model.workloads.flatMap((w) =>
    w.secrets.filter((s) => s.breakGlassReadable).map((s) => [w, s] as const),
  );
  for (const [workload, s] of readable.slice(0, 3)) {
    scenarios.push({
      id: `break-glass/reader-reads-${s.username}`,
      description: `the ${workload.name} reader reads ${s.secret.name} (tagged readable for ${a.model.environment}) and decrypts it through Secrets Manager`,
      expected: 'Allowed',
      requests: [
        secretRequest(readerSession(a, workload), 'secretsmanager:GetSecretValue', s.secret, org),
        decryptRequest(readerSession(a, workload), s.key, s.secret, org, true),
      ],
    });
  }
  const reader = readerSession(a, a.workload);
  const s = a.secret;
  const retagged = (value: string): SecretModel => ({
    ...s.secret,
    tags: { ...s.secret.tags, 'breakglass:readable': value },
  });
  const otherEnvironment = a.model.environment === 'prod' ? 'dev' : 'prod';
  scenarios.push(
    {
      id: 'break-glass/reader-describes',
      description: 'the reader may DescribeSecret',
      expected: 'Allowed',
      requests: [secretRequest(reader, 'secretsmanager:DescribeSecret', s.secret, org)],
    },
    {
      id: 'break-glass/reader-untagged-secret',
      description: 'the reader is denied a secret without the break-glass tag',
      expected: 'Denied',
      requests: [secretRequest(reader, 'secretsmanager:GetSecretValue', a.untaggedSecret, org)],
    },
    {
      id: 'break-glass/reader-other-environment-tag',
      description: `the reader is denied a secret tagged readable for ${otherEnvironment}`,
      expected: 'Denied',
      requests: [secretRequest(reader, 'secretsmanager:GetSecretValue', retagged(otherEnvironment), org)],
    },
    {
      id: 'break-glass/reader-puts-value',
      description: 'the reader is denied PutSecretValue',
      expected: 'Denied',
      requests: [secretRequest(reader, 'secretsmanager:PutSecretValue', s.secret, org)],
    },
    {
      id: 'break-glass/reader-decrypts-directly',
      description: 'the reader is denied kms:Decrypt outside Secrets Manager',
      expected: 'Denied',
      requests: [decryptRequest(reader, s.key, s.secret, org, false)],
    },
  );
  const notReadable: ManagedSecret | undefined = a.model.workloads
    .flatMap((w) => w.secrets)
    .find((x) => !x.breakGlassReadable);
  if (notReadable !== undefined) {
    const owner = a.model.workloads.find(
      (w) => w.accountId === notReadable.secret.accountId,
    ) as WorkloadModel;
    scenarios.push({
      id: `break-glass/reader-${notReadable.username}-not-readable`,
      description: `the reader is denied ${notReadable.secret.name}, which the config marks not break-glass readable`,
      expected: 'Denied',
      requests: [
        secretRequest(readerSession(a, owner), 'secretsmanager:GetSecretValue', notReadable.secret, org),
      ],
    });
  }
  return scenarios;
}
