import type { EnvironmentConfig } from '@credential-rotation/environment-config';
import {
  breakGlassRoleArn,
  MANAGED_BY,
  partitionOf,
  resourceName,
  TAG_KEYS,
} from '@credential-rotation/environment-config';
import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { CloudwatchEventBusPolicy } from '@cdktf/provider-aws/lib/cloudwatch-event-bus-policy';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';
import {
  alertBusPolicy,
  alertKeyPolicy,
  alertTopicPolicy,
  ALL_MANAGEMENT_EVENTS_STATE,
  assumeRoleEventPattern,
  eventRuleArn,
} from './break-glass-alert-policies';
import { breakGlassAlertBusArn, breakGlassAlertsName } from './break-glass-central-reference';
import type { BreakGlassCentralRole } from './break-glass-central-role';
import { forwardedGuardAttemptPattern } from './guard-alert-patterns';
import { policyJson } from './policy-json';

export interface BreakGlassAlertsProps {
  /** Provider of the security account. */
  readonly provider: AwsProvider;
  /** Environment name, part of every name. */
  readonly environment: string;
  /** The validated environment config: region, accounts, alert addresses. */
  readonly config: EnvironmentConfig;
  /** The central role whose use (and whose reader roles' use) raises an alert. */
  readonly central: BreakGlassCentralRole;
}

/**
 * Alerts on every break-glass AssumeRole, in the security account: a KMS-encrypted SNS topic
 * with email subscriptions, a rule on the default bus for the central role (and reader calls
 * logged here), and a custom bus that receives the reader-role events forwarded by each
 * workload account, where CloudTrail records them.
 */
export class BreakGlassAlerts extends Construct {
  public readonly topic: SnsTopic;
  /** The bus the workload accounts forward to; its ARN is known at synth time. */
  public readonly eventBusArn: string;
  /** Name shared by the bus, the topic and the key alias. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: BreakGlassAlertsProps) {
    super(scope, id);
    const { config, environment, provider, central } = props;
    const partition = partitionOf(config.region);
    const accountId = config.accounts.security.accountId;
    this.name = breakGlassAlertsName(environment);
    this.eventBusArn = breakGlassAlertBusArn(environment, config);
    const topicArn = `arn:${partition}:sns:${config.region}:${accountId}:${this.name}`;
    const directRuleName = resourceName(environment, 'breakglass-assume-role');
    const forwardedRuleName = resourceName(environment, 'breakglass-forwarded');
    const guardRuleName = resourceName(environment, 'breakglass-guard-attempts');

    const key = new KmsKey(this, 'Key', {
      provider,
      description: `Encrypts the ${environment} break-glass alert topic`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyJson(alertKeyPolicy(partition, accountId)),
      // What the guardrails protect managed keys by.
      tags: { [TAG_KEYS.managedBy]: MANAGED_BY },
    });
    new KmsAlias(this, 'KeyAlias', { provider, name: `alias/${this.name}`, targetKeyId: key.keyId });

    this.topic = new SnsTopic(this, 'Topic', { provider, name: this.name, kmsMasterKeyId: key.arn });
    new SnsTopicPolicy(this, 'TopicPolicy', {
      provider,
      arn: this.topic.arn,
      policy: policyJson(
        alertTopicPolicy(topicArn, [
          eventRuleArn(partition, config.region, accountId, directRuleName),
          eventRuleArn(partition, config.region, accountId, forwardedRuleName, this.name),
          eventRuleArn(partition, config.region, accountId, guardRuleName, this.name),
        ]),
      ),
    });
    const emails = config.breakGlass.alertEmailAddresses ?? config.alerts.emailAddresses;
    emails.forEach((endpoint, index) => {
      new SnsTopicSubscription(this, `Email${index}`, {
        provider,
        topicArn: this.topic.arn,
        protocol: 'email',
        endpoint,
      });
    });

    const bus = new CloudwatchEventBus(this, 'Bus', { provider, name: this.name });
    new CloudwatchEventBusPolicy(this, 'BusPolicy', {
      provider,
      eventBusName: bus.name,
      policy: policyJson(
        alertBusPolicy(
          this.eventBusArn,
          config.accounts.workloads.map((workload) =>
            forwarderRoleArn(partition, workload.accountId, environment),
          ),
          config.organization,
          forwarderRoleArn(partition, config.accounts.management.accountId, environment),
        ),
      ),
    });

    const roleArns = [central.roleArn, ...central.readerRoleArns];
    this.ruleToTopic('Direct', { provider, name: directRuleName, pattern: assumeRoleEventPattern(roleArns) });
    this.ruleToTopic('Forwarded', {
      provider,
      name: forwardedRuleName,
      pattern: assumeRoleEventPattern(central.readerRoleArns),
      busName: bus.name,
    });
    // Attempts at guarded actions, forwarded by the workload accounts' guard rules (GuardAlerts).
    this.ruleToTopic('GuardAttempts', {
      provider,
      name: guardRuleName,
      pattern: forwardedGuardAttemptPattern(),
      busName: bus.name,
      description: 'Attempts at guarded actions in the workload accounts, allowed or refused',
    });
  }

  private ruleToTopic(
    id: string,
    rule: { provider: AwsProvider; name: string; pattern: string; busName?: string; description?: string },
  ): CloudwatchEventRule {
    const created = new CloudwatchEventRule(this, `${id}Rule`, {
      provider: rule.provider,
      name: rule.name,
      description: rule.description ?? 'Break-glass AssumeRole: every call, allowed or refused',
      eventBusName: rule.busName,
      eventPattern: rule.pattern,
      state: ALL_MANAGEMENT_EVENTS_STATE,
    });
    new CloudwatchEventTarget(this, `${id}Target`, {
      provider: rule.provider,
      rule: created.name,
      eventBusName: rule.busName,
      arn: this.topic.arn,
      retryPolicy: { maximumEventAgeInSeconds: 86_400, maximumRetryAttempts: 185 },
    });
    return created;
  }
}

/** ARN of the forwarder role in a workload account; named here so the bus policy can trust it. */
export function forwarderRoleArn(partition: string, accountId: string, environment: string): string {
  return breakGlassRoleArn(partition, accountId, forwarderRoleName(environment));
}

/** Name of the forwarder role (path /breakglass/, so only the deploy role may change it). */
export function forwarderRoleName(environment: string): string {
  return resourceName(environment, 'breakglass-alert-forwarder');
}
