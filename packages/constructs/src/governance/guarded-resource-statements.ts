/**
 * SCP statements that guard what acts on the secrets and what tells people when rotation stops:
 * the rotation functions (they run as the rotation role), the RDS master passwords (they reset
 * every other password), the customer-managed keys, and the alert path (topics, alarms, rules, the
 * function's log group). Each is reserved to the deploy roles.
 *
 * Why an SCP and not the resources' own policies: an administrator of the workload account can
 * rewrite a resource policy (or, for Lambda, bypass it with identity permissions in the same
 * account), and the member account's root user ignores identity policies. SCPs bind both. They do
 * not bind service principals, which is what keeps rotation working: Secrets Manager invokes the
 * function, EventBridge and CloudWatch publish to the topics, as `*.amazonaws.com` principals.
 */
import { TAG_KEYS, MANAGED_BY, resourceName } from '@credential-rotation/environment-config';
import type { PolicyStatement } from '../policy';
import type { Executor } from './guarded-set';

/** The deploy roles, as the `aws:PrincipalArn` exemption of every guard. */
type Deployers = readonly string[];

/** Lambda reads (configuration, code location, policy) stay open; everything else on an executor is the deploy role's. */
export const EXECUTOR_READ_ACTIONS = ['lambda:Get*', 'lambda:List*'];

/** Turning off RDS's management of a master password is the only way to set one by hand. */
export const MASTER_PASSWORD_ACTIONS = ['rds:ModifyDBInstance', 'rds:ModifyDBCluster'];

/** Changes that would silence an alert topic: deletion, policy, key, delivery, subscriptions. */
export const ALERT_TOPIC_CHANGE_ACTIONS = [
  'sns:DeleteTopic',
  'sns:SetTopicAttributes',
  'sns:AddPermission',
  'sns:RemovePermission',
  'sns:Unsubscribe',
  'sns:SetSubscriptionAttributes',
  'sns:PutDataProtectionPolicy',
];

/** Changes that would silence an alarm: deletion, actions off or retargeted, state forced to OK. */
export const ALARM_CHANGE_ACTIONS = [
  'cloudwatch:DeleteAlarms',
  'cloudwatch:DisableAlarmActions',
  'cloudwatch:PutMetricAlarm',
  'cloudwatch:SetAlarmState',
];

/** Changes that would silence an alert rule or its bus. */
export const ALERT_RULE_CHANGE_ACTIONS = [
  'events:DeleteRule',
  'events:DisableRule',
  'events:PutRule',
  'events:PutTargets',
  'events:RemoveTargets',
  'events:DeleteEventBus',
];

/** Changes that would erase or divert the rotation function's outcome log. */
export const LOG_GROUP_CHANGE_ACTIONS = [
  'logs:DeleteLogGroup',
  'logs:DeleteLogStream',
  'logs:PutRetentionPolicy',
  'logs:DeleteRetentionPolicy',
  'logs:AssociateKmsKey',
  'logs:DisassociateKmsKey',
  'logs:PutSubscriptionFilter',
  'logs:DeleteSubscriptionFilter',
  'logs:PutDataProtectionPolicy',
  'logs:DeleteDataProtectionPolicy',
];

/** Changes that would stop a managed key: disabled or deleted, re-policied, or moved. */
export const KEY_CHANGE_ACTIONS = [
  'kms:DisableKey',
  'kms:ScheduleKeyDeletion',
  'kms:PutKeyPolicy',
  'kms:DisableKeyRotation',
  'kms:DeleteImportedKeyMaterial',
  'kms:UpdatePrimaryRegion',
];

/** Names and ARN patterns of the environment's alert path, in every account and region of the OUs. */
export function alertPathPatterns(partition: string, environment: string) {
  const name = (...parts: string[]) => resourceName(environment, ...parts);
  const rotationFunctions = `${name('secrets-rotation')}-*`;
  return {
    topics: [
      `arn:${partition}:sns:*:*:${name('rotation-alerts')}*`,
      `arn:${partition}:sns:*:*:${name('breakglass-alerts')}*`,
    ],
    alarms: `arn:${partition}:cloudwatch:*:*:alarm:${rotationFunctions}`,
    // `*` spans the `/` of a custom bus, so `breakglass-*` also covers the rules on the alert bus.
    rules: [
      `arn:${partition}:events:*:*:rule/${name('rotation')}-*`,
      `arn:${partition}:events:*:*:rule/${name('breakglass')}-*`,
      `arn:${partition}:events:*:*:rule/${name('guard')}-*`,
      `arn:${partition}:events:*:*:event-bus/${name('breakglass-alerts')}`,
    ],
    logGroups: `arn:${partition}:logs:*:*:log-group:/aws/lambda/${rotationFunctions}`,
  };
}

const exceptDeployers = (deployers: Deployers) => ({ ArnNotLike: { 'aws:PrincipalArn': [...deployers] } });

/**
 * Nobody but the deploy role changes, publishes, re-permissions or invokes an executor: its code,
 * configuration (environment, layers, handler, runtime), versions, aliases, concurrency, event
 * configuration, code signing, URL and resource policy. `NotAction` keeps future Lambda actions
 * denied too. Secrets Manager's invocation is a service principal's, which SCPs do not govern.
 */
export function executorGuardStatement(
  executors: readonly Executor[],
  deployers: Deployers,
): PolicyStatement {
  return {
    Sid: 'DenyExecutorChanges',
    Effect: 'Deny',
    NotAction: EXECUTOR_READ_ACTIONS,
    Resource: executors.map((executor) => executor.arnPattern),
    Condition: exceptDeployers(deployers),
  };
}

/**
 * With RDS managing a master password, a new one can only be set by turning that off in the same
 * call (`--no-manage-master-user-password --master-user-password`), which carries
 * `rds:ManageMasterUserPassword=false`. The config accepts RDS-managed master secrets only, so
 * every master of the environment is covered.
 */
export function masterPasswordGuardStatement(deployers: Deployers): PolicyStatement {
  return {
    Sid: 'DenyMasterPasswordReset',
    Effect: 'Deny',
    Action: MASTER_PASSWORD_ACTIONS,
    Resource: '*',
    Condition: { Bool: { 'rds:ManageMasterUserPassword': 'false' }, ...exceptDeployers(deployers) },
  };
}

/** The alert path: topics, alarms, rules and the alert bus, the rotation function's log group. */
export function alertPathGuardStatements(
  partition: string,
  environment: string,
  deployers: Deployers,
): PolicyStatement[] {
  const patterns = alertPathPatterns(partition, environment);
  const guard = (Sid: string, Action: readonly string[], Resource: string | readonly string[]) => ({
    Sid,
    Effect: 'Deny' as const,
    Action,
    Resource,
    Condition: exceptDeployers(deployers),
  });
  return [
    guard('DenyAlertTopicChanges', ALERT_TOPIC_CHANGE_ACTIONS, patterns.topics),
    guard('DenyAlarmChanges', ALARM_CHANGE_ACTIONS, patterns.alarms),
    guard('DenyAlertRuleChanges', ALERT_RULE_CHANGE_ACTIONS, patterns.rules),
    guard('DenyRotationLogChanges', LOG_GROUP_CHANGE_ACTIONS, patterns.logGroups),
  ];
}

/**
 * The environment's keys (tagged managed-by) stay enabled, scheduled for no deletion and on their
 * policy. Applies to the member account's root user too; the key policies still name root, so
 * the management account can lift the SCP and recover a key whose deploy role is lost.
 */
export function keyGuardStatement(deployers: Deployers): PolicyStatement {
  return {
    Sid: 'DenyManagedKeyChanges',
    Effect: 'Deny',
    Action: KEY_CHANGE_ACTIONS,
    Resource: '*',
    Condition: {
      StringEquals: { [`aws:ResourceTag/${TAG_KEYS.managedBy}`]: MANAGED_BY },
      ...exceptDeployers(deployers),
    },
  };
}
