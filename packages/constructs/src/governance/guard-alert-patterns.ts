/**
 * Event patterns that raise an alert on every attempt at a guarded action (allowed or refused:
 * CloudTrail records both and EventBridge delivers both) by anyone but the account's deploy role.
 * An attacker who is refused by the guardrails is still loud; one who found a way through is too.
 *
 * EventBridge accepts patterns of at most 2,048 characters by default, so the guarded set is split
 * over a few rules, each small enough for a workload account with many roles (checked at synth).
 */
import { GovernanceConfigError, resourceName } from '@credential-rotation/environment-config';
import { rotationFunctionNamePrefix } from './guarded-set';

/** EventBridge's default quota for one rule's pattern, in characters. */
export const MAX_EVENT_PATTERN_CHARACTERS = 2048;

/** Longest key ARN, used to size patterns whose key ARNs are still Terraform references at synth. */
const LONGEST_KEY_ARN = 'arn:aws-us-gov:kms:us-gov-west-1:000000000000:mrk-00000000000000000000000000000000';

const API_CALL = ['AWS API Call via CloudTrail'];

/** Anyone but the deploy role: the root user, IAM and federated users, and sessions of any other role. */
function byOthers(deployRoleArn: string) {
  return {
    $or: [
      { type: ['Root', 'IAMUser', 'FederatedUser'] },
      { sessionContext: { sessionIssuer: { arn: [{ 'anything-but': [deployRoleArn] }] } } },
    ],
  };
}

/** The guard rules of one workload account, by purpose: name and pattern. */
export interface GuardRule {
  readonly name: string;
  readonly description: string;
  readonly pattern: string;
  /** IAM records its calls in the partition's global region only; this rule must run there. */
  readonly global: boolean;
}

export interface GuardRuleInputs {
  readonly environment: string;
  /** The account's deploy role: its own changes are the expected ones. */
  readonly deployRoleArn: string;
  /** Names of the allow-listed roles in this account (IAM events carry the name, not the path). */
  readonly roleNames: readonly string[];
  /** ARNs of the account's managed keys (Terraform references are fine). @default - none */
  readonly keyArns?: readonly string[];
}

/**
 * The rules: executors, the alert path, keys and master passwords, and the allow-listed roles.
 *
 * @example guardRules({ environment: 'prod', deployRoleArn, roleNames: ['orders-api'] }).map((r) => r.name)
 */
export function guardRules(inputs: GuardRuleInputs): GuardRule[] {
  const { environment } = inputs;
  const actor = byOthers(inputs.deployRoleArn);
  const functions = rotationFunctionNamePrefix(environment);
  const name = (...parts: string[]) => resourceName(environment, ...parts);
  const alertRules = [`${name('rotation')}-`, `${name('breakglass')}-`, `${name('guard')}-`].map(
    (prefix) => ({
      prefix,
    }),
  );
  const topics = [name('rotation-alerts'), name('breakglass-alerts')];
  const keyArns = inputs.keyArns ?? [];
  const rules: GuardRule[] = [
    {
      name: name('guard', 'executors'),
      description: 'Any change to a rotation function by anyone but the deploy role',
      global: false,
      pattern: JSON.stringify({
        'detail-type': API_CALL,
        detail: {
          eventSource: ['lambda.amazonaws.com'],
          userIdentity: actor,
          requestParameters: {
            functionName: [{ prefix: functions }, { wildcard: `arn:*:lambda:*:*:function:${functions}*` }],
          },
        },
      }),
    },
    {
      name: name('guard', 'alert-path'),
      description: 'Any change to the rotation alert path by anyone but the deploy role',
      global: false,
      pattern: JSON.stringify({
        'detail-type': API_CALL,
        detail: {
          userIdentity: actor,
          $or: [
            {
              eventSource: ['sns.amazonaws.com'],
              requestParameters: { topicArn: topics.map((t) => ({ wildcard: `arn:*:sns:*:*:${t}` })) },
            },
            {
              eventSource: ['sns.amazonaws.com'],
              requestParameters: {
                subscriptionArn: topics.map((t) => ({ wildcard: `arn:*:sns:*:*:${t}:*` })),
              },
            },
            {
              eventSource: ['monitoring.amazonaws.com'],
              requestParameters: { alarmNames: [{ prefix: functions }] },
            },
            {
              eventSource: ['monitoring.amazonaws.com'],
              requestParameters: { alarmName: [{ prefix: functions }] },
            },
            { eventSource: ['events.amazonaws.com'], requestParameters: { name: alertRules } },
            { eventSource: ['events.amazonaws.com'], requestParameters: { rule: alertRules } },
            {
              eventSource: ['logs.amazonaws.com'],
              requestParameters: { logGroupName: [{ prefix: `/aws/lambda/${functions}` }] },
            },
          ],
        },
      }),
    },
    {
      name: name('guard', 'keys-masters'),
      description: 'Changes to the managed keys, or a master password taken out of RDS management',
      global: false,
      pattern: JSON.stringify({
        'detail-type': API_CALL,
        detail: {
          userIdentity: actor,
          $or: [
            ...(keyArns.length > 0
              ? [{ eventSource: ['kms.amazonaws.com'], resources: { ARN: [...keyArns] } }]
              : []),
            {
              eventSource: ['rds.amazonaws.com'],
              eventName: ['ModifyDBInstance', 'ModifyDBCluster'],
              requestParameters: { manageMasterUserPassword: [false] },
            },
          ],
        },
      }),
    },
  ];
  if (inputs.roleNames.length > 0) {
    rules.push({
      name: name('guard', 'roles'),
      description: 'Any change to an allow-listed role by anyone but the deploy role',
      global: true,
      pattern: JSON.stringify({
        'detail-type': API_CALL,
        detail: {
          eventSource: ['iam.amazonaws.com'],
          userIdentity: actor,
          requestParameters: { roleName: [...new Set(inputs.roleNames)].sort() },
        },
      }),
    });
  }
  for (const rule of rules) assertPatternSize(rule, keyArns);
  return rules;
}

/** What the management account's guard rule watches. */
export interface OrganizationGuardRuleInputs {
  readonly environment: string;
  /** The management account's deploy role: its own changes (the SCPs' updates) are the expected ones. */
  readonly deployRoleArn: string;
  /** The environment's OUs. */
  readonly targetOuIds: readonly string[];
  /** Ids of the environment's SCPs and RCP (Terraform references are fine). */
  readonly policyIds: readonly string[];
}

/**
 * The management account's rule: every attempt, by anyone but its deploy role, to take an account
 * into or out of the environment's OUs, to create or change an OU under them, to detach a policy
 * from them, to change or delete the environment's policies, or to turn a policy type off. The
 * management account is outside every SCP, so these are alerted rather than refused; with
 * `dedicatedOus` this closes the window until the next plan's membership check.
 */
export function organizationGuardRule(inputs: OrganizationGuardRuleInputs): GuardRule {
  const ous = [...inputs.targetOuIds];
  const rule: GuardRule = {
    name: resourceName(inputs.environment, 'guard', 'organization'),
    description: "Changes to the environment's OUs and organization policies by anyone but the deploy role",
    // Organizations records its calls in the partition's global region only.
    global: true,
    pattern: JSON.stringify({
      'detail-type': API_CALL,
      detail: {
        eventSource: ['organizations.amazonaws.com'],
        userIdentity: byOthers(inputs.deployRoleArn),
        $or: [
          // MoveAccount into or out of an OU; CreateOrganizationalUnit under one.
          { requestParameters: { destinationParentId: ous } },
          { requestParameters: { sourceParentId: ous } },
          { requestParameters: { parentId: ous } },
          // AttachPolicy / DetachPolicy on an OU; Update/DeleteOrganizationalUnit.
          { requestParameters: { targetId: ous } },
          { requestParameters: { organizationalUnitId: ous } },
          // UpdatePolicy, DeletePolicy, DetachPolicy of the environment's policies.
          { requestParameters: { policyId: [...inputs.policyIds] } },
          // Turning SCPs or RCPs off for the whole organization; an account leaving it.
          { eventName: ['DisablePolicyType', 'RemoveAccountFromOrganization'] },
        ],
      },
    }),
  };
  assertPatternSize(rule, []);
  return rule;
}

/** The event sources the security account's guard rule accepts from the workload and management accounts. */
export const GUARDED_EVENT_SOURCES = [
  'lambda.amazonaws.com',
  'sns.amazonaws.com',
  'monitoring.amazonaws.com',
  'events.amazonaws.com',
  'logs.amazonaws.com',
  'kms.amazonaws.com',
  'rds.amazonaws.com',
  'iam.amazonaws.com',
  'organizations.amazonaws.com',
];

/** The security account's rule on its alert bus: every forwarded guard attempt. */
export function forwardedGuardAttemptPattern(): string {
  return JSON.stringify({ 'detail-type': API_CALL, detail: { eventSource: GUARDED_EVENT_SOURCES } });
}

function assertPatternSize(rule: GuardRule, keyArns: readonly string[]): void {
  // Key ARNs may still be Terraform references: count each as the longest ARN it can become.
  let length = rule.pattern.length;
  for (const arn of keyArns) length += LONGEST_KEY_ARN.length - arn.length;
  if (length > MAX_EVENT_PATTERN_CHARACTERS) {
    throw new GovernanceConfigError(
      `guard rule ${rule.name}: its event pattern would be about ${length} characters, over EventBridge's ${MAX_EVENT_PATTERN_CHARACTERS}: raise the quota (up to 4,096) or use fewer application role names in this account`,
    );
  }
}
