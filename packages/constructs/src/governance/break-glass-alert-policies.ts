/**
 * Policies and the event pattern of the break-glass alerts, as data. Every ARN is built from
 * names, so the policies are literal JSON and can be evaluated offline.
 */
import type { PolicyDocument } from '../policy';
import { policyDocument } from '../policy';
import { accountWildcardRoleArns } from './role-arn-groups';

/** Rule state that lets a rule see read-only management events: AssumeRole is one. */
export const ALL_MANAGEMENT_EVENTS_STATE = 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

/**
 * Matches every AssumeRole call (allowed or refused) on the given roles, as CloudTrail
 * delivers it to EventBridge in the account that owns the role. Roles that share a path and name
 * across accounts (the readers) become one account wildcard, so the pattern stays within
 * EventBridge's 2,048 characters for any number of workload accounts; matching the same role name
 * in another account only alerts more.
 */
export function assumeRoleEventPattern(roleArns: readonly string[]): string {
  const matchers = accountWildcardRoleArns(roleArns).map((arn) =>
    arn.includes('::*:') ? { wildcard: arn } : arn,
  );
  return JSON.stringify({
    source: ['aws.sts'],
    'detail-type': ['AWS API Call via CloudTrail'],
    detail: {
      eventSource: ['sts.amazonaws.com'],
      eventName: ['AssumeRole'],
      requestParameters: { roleArn: matchers },
    },
  });
}

/** ARN of a rule on the default bus (`busName` omitted) or on a custom bus. */
export function eventRuleArn(
  partition: string,
  region: string,
  accountId: string,
  name: string,
  busName?: string,
): string {
  return `arn:${partition}:events:${region}:${accountId}:rule/${busName !== undefined ? `${busName}/` : ''}${name}`;
}

/** The alert key: administered by the account, used by EventBridge of this account to publish. */
export function alertKeyPolicy(partition: string, accountId: string): PolicyDocument {
  return policyDocument(
    {
      Sid: 'AccountAdministersKey',
      Effect: 'Allow',
      Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
      Action: 'kms:*',
      Resource: '*',
    },
    {
      Sid: 'EventBridgeEncryptsAlerts',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
    },
  );
}

/** Only the break-glass rules publish to the alert topic. */
export function alertTopicPolicy(topicArn: string, ruleArns: readonly string[]): PolicyDocument {
  return policyDocument({
    Sid: 'BreakGlassRulesPublish',
    Effect: 'Allow',
    Principal: { Service: 'events.amazonaws.com' },
    Action: 'sns:Publish',
    Resource: topicArn,
    Condition: { ArnEquals: { 'aws:SourceArn': [...ruleArns] } },
  });
}

/** The alert bus accepts events from the forwarder roles only: the workload accounts' and the management account's. */
export function alertBusPolicy(
  busArn: string,
  forwarderRoleArns: readonly string[],
  organization: { readonly organizationId: string; readonly targetOuIds: readonly string[] },
  managementForwarderArn: string,
): PolicyDocument {
  return policyDocument(
    {
      Sid: 'WorkloadForwardersPutEvents',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'events:PutEvents',
      Resource: busArn,
      Condition: {
        StringEquals: { 'aws:PrincipalOrgID': organization.organizationId },
        // Accounts in the environment's OUs only: the SCPs there let only the deploy role create a
        // role under the forwarder's path, so the name in an account wildcard stays exact.
        'ForAnyValue:StringLike': {
          'aws:PrincipalOrgPaths': organization.targetOuIds.map(
            (ouId) => `${organization.organizationId}/*/${ouId}/*`,
          ),
        },
        ArnLike: { 'aws:PrincipalArn': accountWildcardRoleArns(forwarderRoleArns) },
      },
    },
    {
      // The management account's organization guard rule (it is in no OU). The account as the
      // principal and the role in the condition: the role may not exist yet when this is applied.
      Sid: 'ManagementForwarderPutsEvents',
      Effect: 'Allow',
      Principal: { AWS: `${managementForwarderArn.slice(0, managementForwarderArn.indexOf(':role/'))}:root` },
      Action: 'events:PutEvents',
      Resource: busArn,
      Condition: {
        StringEquals: { 'aws:PrincipalOrgID': organization.organizationId },
        ArnEquals: { 'aws:PrincipalArn': managementForwarderArn },
      },
    },
  );
}

/** The forwarder role is assumed by EventBridge for its alert rules only. */
export function forwarderTrustPolicy(accountId: string, ruleArns: readonly string[]): PolicyDocument {
  return policyDocument({
    Sid: 'EventBridgeForwardsForAlertRules',
    Effect: 'Allow',
    Principal: { Service: 'events.amazonaws.com' },
    Action: 'sts:AssumeRole',
    Condition: {
      StringEquals: { 'aws:SourceAccount': accountId },
      ArnEquals: { 'aws:SourceArn': [...ruleArns] },
    },
  });
}

/** The forwarder role may put events on the alert buses (the security account's, its own in the primary region), nothing else. */
export function forwarderPermissionsPolicy(busArns: readonly string[]): PolicyDocument {
  return policyDocument({
    Sid: 'PutOnAlertBus',
    Effect: 'Allow',
    Action: 'events:PutEvents',
    Resource: [...busArns],
  });
}
