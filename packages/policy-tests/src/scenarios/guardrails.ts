/**
 * The SCPs protect what the allow-list trusts: the role paths, the authorization tags, the
 * alert rules. The RCP keeps other organizations out. Controls show the guardrails do not
 * overreach.
 */
import {
  FOREIGN_ACCOUNT_ID,
  FOREIGN_ORGANIZATION_ID,
  PARTITION,
  STRAY_OU_ACCOUNT_ID,
} from '../environment-model';
import { ADMINISTRATOR_ACCESS, roleSession } from '../identities';
import {
  createSecretRequest,
  resourceRequest,
  eventRuleRequest,
  roleRequest,
  secretRequest,
  secretTagRequest,
} from '../requests';
import type { Actors } from './actors';
import type { Scenario } from './scenario';

export function guardrailScenarios(a: Actors): Scenario[] {
  const { org, region, secret, ssoAdmin } = a;
  const account = a.workload.accountId;
  const role = (path: string) => `arn:${PARTITION}:iam::${account}:role${path}`;
  const rotationRoleArn = a.workload.rotationRole?.arn ?? role('/secrets-rotation/rotation');
  const scenarios: Scenario[] = [];
  for (const path of ['/workload/', '/secrets-rotation/', '/breakglass/']) {
    scenarios.push({
      id: `guardrails/create-role-under-${path.replace(/\//g, '')}`,
      description: `an Identity Center administrator is denied creating a role under ${path}`,
      expected: 'Denied',
      requests: [roleRequest(ssoAdmin, 'iam:CreateRole', role(`${path}mine`), org, region)],
    });
  }
  const edits: [string, string, string, Record<string, string | string[]>][] = [
    ['iam:UpdateAssumeRolePolicy', a.workload.reader.arn, 'change the reader role trust', {}],
    ['iam:PutRolePolicy', rotationRoleArn, 'add a policy to the rotation role', {}],
    ['iam:AttachRolePolicy', secret.applicationRoleArn, 'attach a policy to an application role', {}],
    [
      'iam:PassRole',
      secret.applicationRoleArn,
      'pass an application role to a service',
      { 'iam:PassedToService': 'lambda.amazonaws.com' },
    ],
    [
      'iam:TagRole',
      a.workload.reader.arn,
      'tag the reader role',
      { 'aws:TagKeys': ['owner'], 'aws:RequestTag/owner': 'me' },
    ],
    ['iam:DeleteRole', a.workload.reader.arn, 'delete the reader role', {}],
  ];
  for (const [action, arn, what, extra] of edits) {
    scenarios.push({
      id: `guardrails/${action.split(':')[1]}`,
      description: `an Identity Center administrator is denied: ${what}`,
      expected: 'Denied',
      requests: [roleRequest(ssoAdmin, action, arn, org, region, extra)],
    });
  }
  scenarios.push(
    {
      id: 'guardrails/create-role-elsewhere',
      description: 'control: an Identity Center administrator may still create a role under /team/',
      expected: 'Allowed',
      requests: [roleRequest(ssoAdmin, 'iam:CreateRole', role('/team/mine'), org, region)],
    },
    {
      id: 'guardrails/tag-break-glass-readable',
      description: 'an Identity Center administrator is denied setting breakglass:readable on a secret',
      expected: 'Denied',
      requests: [
        secretTagRequest(ssoAdmin, 'secretsmanager:TagResource', secret.secret, org, {
          'breakglass:readable': a.model.environment,
        }),
      ],
    },
    {
      id: 'guardrails/untag-managed-by',
      description: 'an Identity Center administrator is denied removing the managed-by tag',
      expected: 'Denied',
      requests: [
        secretTagRequest(ssoAdmin, 'secretsmanager:UntagResource', secret.secret, org, { 'managed-by': '' }),
      ],
    },
    {
      id: 'guardrails/tag-break-glass-on-own-secret',
      description:
        "an Identity Center administrator is denied marking a team's own secret break-glass readable",
      expected: 'Denied',
      requests: [
        secretTagRequest(ssoAdmin, 'secretsmanager:TagResource', a.untaggedSecret, org, {
          'breakglass:readable': a.model.environment,
        }),
      ],
    },
    {
      id: 'guardrails/tag-cost-center',
      description: 'control: an Identity Center administrator may still set an unrelated tag',
      expected: 'Allowed',
      requests: [
        secretTagRequest(ssoAdmin, 'secretsmanager:TagResource', secret.secret, org, { 'cost-center': '42' }),
      ],
    },
    {
      id: 'guardrails/create-secret-as-managed',
      description: 'an Identity Center administrator is denied creating a secret that claims managed-by',
      expected: 'Denied',
      requests: [
        createSecretRequest(ssoAdmin, region, `${a.model.environment}/rds/fake/app`, org, {
          'managed-by': 'credential-rotation',
        }),
      ],
    },
    {
      id: 'guardrails/create-team-secret',
      description: 'control: an Identity Center administrator may create a secret without authorization tags',
      expected: 'Allowed',
      requests: [createSecretRequest(ssoAdmin, region, 'team/api-token', org, { team: 'payments' })],
    },
  );
  // The SCPs name the deploy roles by path and name in any account (`iam::*:role/deploy/...`) and pin
  // that pattern to the environment's accounts: the same role name elsewhere in the OU gets nothing.
  const deployRolePath = a.workload.deployRoleArn.slice(a.workload.deployRoleArn.indexOf(':role/') + 1);
  const strayDeployRole = roleSession(
    `arn:${PARTITION}:iam::${STRAY_OU_ACCOUNT_ID}:${deployRolePath}`,
    'terraform',
    org,
    [ADMINISTRATOR_ACCESS],
  );
  scenarios.push(
    {
      id: 'guardrails/deploy-role-name-in-stray-account-creates-role',
      description:
        "a role with the deploy role's path and name in another account of the OU is denied creating a role under /workload/",
      expected: 'Denied',
      requests: [
        roleRequest(
          strayDeployRole,
          'iam:CreateRole',
          `arn:${PARTITION}:iam::${STRAY_OU_ACCOUNT_ID}:role/workload/mine`,
          org,
          region,
        ),
      ],
    },
    {
      id: 'guardrails/deploy-role-name-in-stray-account-edits-alert-rule',
      description:
        "a role with the deploy role's path and name in another account of the OU is denied disabling a break-glass alert rule",
      expected: 'Denied',
      requests: [
        eventRuleRequest(
          strayDeployRole,
          'events:DisableRule',
          `arn:${PARTITION}:events:${region}:${STRAY_OU_ACCOUNT_ID}:rule/${a.model.environment}-breakglass-reader-assume-role`,
          org,
          region,
        ),
      ],
    },
  );
  const ruleArn = `arn:${PARTITION}:events:${region}:${account}:rule/${a.model.environment}-breakglass-reader-assume-role`;
  for (const action of ['events:DeleteRule', 'events:DisableRule', 'events:RemoveTargets']) {
    scenarios.push({
      id: `guardrails/alert-rule-${action.split(':')[1]}`,
      description: `an Identity Center administrator is denied ${action} on the break-glass alert rule`,
      expected: 'Denied',
      requests: [eventRuleRequest(ssoAdmin, action, ruleArn, org, region)],
    });
  }
  return scenarios;
}

export function organizationBoundaryScenarios(a: Actors): Scenario[] {
  if (a.model.organization.resourceControlPolicies.length === 0) return [];
  const shared = {
    ...a.untaggedSecret,
    // A team shared this secret with everyone: only the RCP stands between it and another organization.
    resourcePolicy: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' },
      ],
    },
  };
  const outsider = roleSession(
    `arn:${PARTITION}:iam::${FOREIGN_ACCOUNT_ID}:role/reader`,
    'x',
    FOREIGN_ORGANIZATION_ID,
    [ADMINISTRATOR_ACCESS],
  );
  const insider = roleSession(
    `arn:${PARTITION}:iam::${a.model.config.accounts.security.accountId}:role/workload/auditor`,
    'x',
    a.org,
    [ADMINISTRATOR_ACCESS],
  );
  const key = a.secret.key;
  const sharedKey = {
    // Someone widened a managed key's policy to everyone: only the RCP stands between it and another organization.
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }],
  };
  const keyRequest = (caller: typeof outsider) =>
    resourceRequest(
      caller,
      'kms:Decrypt',
      key.arn,
      key.accountId,
      a.org,
      key.region,
      {
        ...Object.fromEntries(Object.entries(key.tags).map(([k, v]) => [`aws:ResourceTag/${k}`, v])),
        'kms:CallerAccount': caller.accountId,
      },
      sharedKey,
    );
  return [
    {
      id: 'organization/outsider-uses-managed-key',
      description:
        'a principal of another organization is denied a managed key whose policy allows everyone (RCP)',
      expected: 'Denied',
      requests: [keyRequest(outsider)],
    },
    {
      id: 'organization/insider-uses-widened-key',
      description:
        'control: a /workload/ role of this organization, outside the OU, may use that widened key',
      expected: 'Allowed',
      requests: [keyRequest(insider)],
    },
    {
      id: 'organization/outsider-reads-shared-secret',
      description:
        'a principal of another organization is denied a secret whose resource policy allows everyone (RCP)',
      expected: 'Denied',
      requests: [secretRequest(outsider, 'secretsmanager:GetSecretValue', shared, a.org)],
    },
    {
      id: 'organization/insider-reads-shared-secret',
      description:
        'control: a /workload/ role of this organization, outside the OU, may read that shared secret',
      expected: 'Allowed',
      requests: [secretRequest(insider, 'secretsmanager:GetSecretValue', shared, a.org)],
    },
  ];
}
