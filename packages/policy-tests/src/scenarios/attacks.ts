/**
 * The attacker suite, generated from the synthesized stack: every guarded principal (each role on
 * an allow-list, and the deploy roles), every executor (each Lambda function that runs as an
 * allow-listed role), every master password and every part of the alert path, attacked by the
 * people and pipelines the guardrails exist for: an administrator of the workload account, a CI role
 * with administrator rights there, the account's plan role (a version reader, never a deployer) and
 * the account's root user. Each attack must be refused; the same
 * change by the deploy role must be allowed (the guards do not lock the owner out).
 *
 * Targets come from cdk.tf.json, not from the config or the construct code, so a resource added to
 * the stack without a guard shows up here as an allowed attack.
 */
import { AUDIT_ROLE_PATH, planRoleArn, ROLE_PATHS } from '@credential-rotation/environment-config';
import type { WorkloadModel } from '../environment-model';
import { PARTITION } from '../environment-model';
import type { Caller, Context } from '../identities';
import { ADMINISTRATOR_ACCESS, accountRoot, roleSession } from '../identities';
import { assumeRoleRequests, resourceRequest, roleRequest, secretRequest } from '../requests';
import type { AccessRequest } from '../simulator';
import type { SynthesizedStack } from '../synthesized-stack';
import type { Actors } from './actors';
import { planRoleOf } from './plan-role';
import type { Scenario } from './scenario';

/** One thing an attacker may try on one target, as a request builder for any caller. */
interface Attack {
  readonly id: string;
  readonly what: string;
  readonly request: (caller: Caller) => AccessRequest[];
}

/** The allow-listed role paths and the audit role's: every role under them is guarded. */
const ALLOW_LISTED_PATHS: readonly string[] = [...Object.values(ROLE_PATHS), AUDIT_ROLE_PATH];

export function attackScenarios(a: Actors, stack: SynthesizedStack): Scenario[] {
  const scenarios: Scenario[] = [];
  for (const workload of a.model.workloads) {
    const attackers = attackersIn(a, workload);
    const deployRole = roleSession(workload.deployRoleArn, 'terraform', a.org, [ADMINISTRATOR_ACCESS]);
    for (const attack of attacksOn(a, stack, workload)) {
      for (const [who, caller] of attackers) {
        scenarios.push({
          id: `attack/${workload.name}/${who}/${attack.id}`,
          description: `the ${who} of ${workload.name} is refused: ${attack.what}`,
          expected: 'Denied',
          requests: attack.request(caller),
        });
      }
      if (!attack.id.startsWith('assume-')) {
        scenarios.push({
          id: `attack/${workload.name}/deploy-role/${attack.id}`,
          description: `control: the deploy role of ${workload.name} may ${attack.what}`,
          expected: 'Allowed',
          requests: attack.request(deployRole),
        });
      }
    }
  }
  return scenarios;
}

/**
 * The workload account's administrator (Identity Center), a CI role with administrator rights, the
 * account's plan role (Terraform Cloud's plan phase), the root user.
 */
function attackersIn(a: Actors, workload: WorkloadModel): [string, Caller][] {
  const account = workload.accountId;
  return [
    [
      'administrator',
      roleSession(
        `arn:${PARTITION}:iam::${account}:role/aws-reserved/sso.amazonaws.com/${a.region}/AWSReservedSSO_AdministratorAccess_0123456789abcdef`,
        'alice@example.com',
        a.org,
        [ADMINISTRATOR_ACCESS],
      ),
    ],
    [
      'ci-role',
      roleSession(`arn:${PARTITION}:iam::${account}:role/ci/github-actions`, 'run-42', a.org, [
        ADMINISTRATOR_ACCESS,
      ]),
    ],
    // Terraform Cloud's plan phase, which runs code from unapproved pull requests: a version reader,
    // never a deployer (with AdministratorAccess beside its own policy: the guards must hold anyway).
    ['plan-role', planRoleOf(workload.deployRoleArn, a.org)],
    ['root-user', accountRoot(account, a.org)],
  ];
}

function attacksOn(a: Actors, stack: SynthesizedStack, workload: WorkloadModel): Attack[] {
  const account = workload.accountId;
  const inAccount = <T extends { accountId: string }>(items: readonly T[]) =>
    items.filter((item) => item.accountId === account);
  const region = a.region;
  const on =
    (action: string, resource: string, context: Context = {}, resourcePolicy?: unknown) =>
    (caller: Caller): AccessRequest[] => [
      resourceRequest(caller, action, resource, account, a.org, region, context, resourcePolicy),
    ];
  const attacks: Attack[] = [];

  // Guarded principals: the allow-listed roles of this account, and its deploy role.
  const roles = inAccount(a.model.policies.roles).filter((role) =>
    ALLOW_LISTED_PATHS.includes(role.path as never),
  );
  const deployTrust = {
    // The worst case this repository does not control: a deploy role that trusts its own account.
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:${PARTITION}:iam::${account}:root` },
        Action: 'sts:AssumeRole',
      },
    ],
  };
  // Roles that read values are attacked as if their trust had been widened to the account: the SCP
  // must hold on its own, not only the trust policy (which a guard keeps from changing, too).
  const readsValues = (path: string, name: string) =>
    path === ROLE_PATHS.workload || path === ROLE_PATHS.rotation || name === workload.reader.name;
  const targets = [
    ...roles.map((role) => ({
      name: role.name,
      arn: role.arn,
      trust: readsValues(role.path, role.name) ? deployTrust : role.trust,
    })),
    {
      name: workload.deployRoleArn.slice(workload.deployRoleArn.lastIndexOf('/') + 1),
      arn: workload.deployRoleArn,
      trust: deployTrust,
    },
    // The plan role (created by apps/tfc-bootstrap, not by the stack): a version reader, so guarded too.
    {
      name: planRoleArn(workload.deployRoleArn).slice(
        planRoleArn(workload.deployRoleArn).lastIndexOf('/') + 1,
      ),
      arn: planRoleArn(workload.deployRoleArn),
      trust: deployTrust,
    },
  ];
  for (const role of targets) {
    const roleAction = (id: string, action: string, what: string, extra: Context = {}) =>
      attacks.push({
        id: `${id}/${role.name}`,
        what: `${what} ${role.arn}`,
        request: (caller) => [roleRequest(caller, action, role.arn, a.org, region, extra)],
      });
    roleAction('re-trust', 'iam:UpdateAssumeRolePolicy', 're-trust');
    roleAction('add-policy', 'iam:PutRolePolicy', 'add an inline policy to');
    roleAction('attach-policy', 'iam:AttachRolePolicy', 'attach a managed policy to', {
      'iam:PolicyARN': `arn:${PARTITION}:iam::aws:policy/AdministratorAccess`,
    });
    roleAction('delete', 'iam:DeleteRole', 'delete (to create it again) ');
    roleAction('replace', 'iam:CreateRole', 'create, after deleting it, a role named like');
    roleAction('pass', 'iam:PassRole', 'pass to a new Lambda function', {
      'iam:PassedToService': 'lambda.amazonaws.com',
    });
    attacks.push({
      id: `assume-${role.name}`,
      what: `assume ${role.arn}`,
      request: (caller) =>
        assumeRoleRequests(caller, { arn: role.arn, trust: role.trust }, a.org, region, { sessionName: 'x' }),
    });
  }

  // Values of the managed secrets, as if a secret's resource policy had been lost: the SCP alone refuses.
  for (const managed of workload.secrets.slice(0, 1)) {
    const { resourcePolicy: _dropped, ...bare } = managed.secret;
    for (const action of ['secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage']) {
      attacks.push({
        id: `${action.split(':')[1]}/${managed.secret.name}`,
        what: `${action} on ${managed.secret.name} (with no resource policy to stop it)`,
        request: (caller) => [secretRequest(caller, action, bare, a.org)],
      });
    }
  }

  // Executors: Lambda functions that run as an allow-listed role.
  const roleArns = new Set(roles.map((role) => role.arn));
  for (const fn of inAccount(stack.resources('aws_lambda_function'))) {
    const runsAs = stack.resolve(String(fn.body['role']));
    if (!roleArns.has(runsAs)) continue;
    const name = stack.resolve(String(fn.body['function_name']));
    const arn = `arn:${PARTITION}:lambda:${fn.region}:${account}:function:${name}`;
    for (const action of [
      'lambda:UpdateFunctionCode',
      'lambda:UpdateFunctionConfiguration',
      'lambda:PublishVersion',
      'lambda:CreateAlias',
      'lambda:AddPermission',
      'lambda:PutFunctionConcurrency',
      'lambda:DeleteFunction',
      'lambda:InvokeFunction',
      'lambda:PutFunctionEventInvokeConfig',
      'lambda:CreateFunctionUrlConfig',
    ]) {
      attacks.push({
        id: `${action.split(':')[1]}/${name}`,
        what: `${action} on ${name}`,
        request: on(action, arn),
      });
    }
  }

  // Master passwords: turning off RDS management to set one by hand.
  for (const database of a.model.config.accounts.workloads.find((w) => w.accountId === account)?.databases ??
    []) {
    const identifier = database.host.split('.')[0] ?? database.name;
    const cluster = database.engine.startsWith('aurora') || database.host.includes('.cluster-');
    const arn = `arn:${PARTITION}:rds:${region}:${account}:${cluster ? 'cluster' : 'db'}:${identifier}`;
    const action = cluster ? 'rds:ModifyDBCluster' : 'rds:ModifyDBInstance';
    attacks.push({
      id: `master-password/${database.name}`,
      what: `set the master password of ${database.name} by hand (${action} --no-manage-master-user-password)`,
      request: on(action, arn, { 'rds:ManageMasterUserPassword': 'false' }),
    });
  }

  // The alert path: topics, alarms, rules, the function's log group, the keys.
  for (const topic of inAccount(stack.resources('aws_sns_topic'))) {
    const name = stack.resolve(String(topic.body['name']));
    const arn = `arn:${PARTITION}:sns:${topic.region}:${account}:${name}`;
    for (const action of ['sns:DeleteTopic', 'sns:SetTopicAttributes', 'sns:RemovePermission']) {
      attacks.push({
        id: `${action.split(':')[1]}/${name}`,
        what: `${action} on ${name}`,
        request: on(action, arn),
      });
    }
    // IAM authorizes Unsubscribe against the topic the subscription belongs to.
    attacks.push({
      id: `Unsubscribe/${name}`,
      what: `unsubscribe the on-call address from ${name}`,
      request: on('sns:Unsubscribe', arn),
    });
  }
  for (const alarm of inAccount(stack.resources('aws_cloudwatch_metric_alarm'))) {
    const name = stack.resolve(String(alarm.body['alarm_name']));
    const arn = `arn:${PARTITION}:cloudwatch:${alarm.region}:${account}:alarm:${name}`;
    for (const action of [
      'cloudwatch:DeleteAlarms',
      'cloudwatch:DisableAlarmActions',
      'cloudwatch:SetAlarmState',
    ]) {
      attacks.push({
        id: `${action.split(':')[1]}/${name}`,
        what: `${action} on ${name}`,
        request: on(action, arn),
      });
    }
  }
  for (const rule of inAccount(stack.resources('aws_cloudwatch_event_rule'))) {
    const name = stack.resolve(String(rule.body['name']));
    const bus =
      typeof rule.body['event_bus_name'] === 'string' ? `${stack.resolve(rule.body['event_bus_name'])}/` : '';
    const arn = `arn:${PARTITION}:events:${rule.region}:${account}:rule/${bus}${name}`;
    for (const action of [
      'events:DisableRule',
      'events:DeleteRule',
      'events:RemoveTargets',
      'events:PutTargets',
    ]) {
      attacks.push({
        id: `${action.split(':')[1]}/${rule.region}/${name}`,
        what: `${action} on ${name} (${rule.region})`,
        request: on(action, arn),
      });
    }
  }
  for (const group of inAccount(stack.resources('aws_cloudwatch_log_group'))) {
    const name = stack.resolve(String(group.body['name']));
    const arn = `arn:${PARTITION}:logs:${group.region}:${account}:log-group:${name}`;
    for (const action of [
      'logs:DeleteLogGroup',
      'logs:PutRetentionPolicy',
      'logs:DisassociateKmsKey',
      'logs:PutSubscriptionFilter',
    ]) {
      attacks.push({
        id: `${action.split(':')[1]}/${name}`,
        what: `${action} on ${name}`,
        request: on(action, arn),
      });
    }
  }
  for (const key of inAccount(a.model.policies.keys)) {
    const tags = key.tags;
    const context = Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:ResourceTag/${k}`, v]));
    for (const action of [
      'kms:DisableKey',
      'kms:ScheduleKeyDeletion',
      'kms:PutKeyPolicy',
      'kms:DisableKeyRotation',
    ]) {
      attacks.push({
        id: `${action.split(':')[1]}/${key.region}/${key.address}`,
        what: `${action} on ${key.arn}`,
        request: (caller) => [
          resourceRequest(
            caller,
            action,
            key.arn,
            account,
            a.org,
            key.region,
            { ...context, 'kms:CallerAccount': caller.accountId },
            key.policy,
          ),
        ],
      });
    }
    attacks.push({
      id: `untag-key/${key.region}/${key.address}`,
      what: `remove the managed-by tag of ${key.arn} (to lift its guard)`,
      request: (caller) => [
        resourceRequest(
          caller,
          'kms:UntagResource',
          key.arn,
          account,
          a.org,
          key.region,
          { ...context, 'aws:TagKeys': ['Managed-By'], 'kms:CallerAccount': caller.accountId },
          key.policy,
        ),
      ],
    });
  }
  return attacks;
}

/** Every attack's id prefix, for the mutation test. */
export function isAttackScenario(scenario: Scenario): boolean {
  return scenario.id.startsWith('attack/') && scenario.expected === 'Denied';
}
