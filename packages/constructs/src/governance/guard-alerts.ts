import type { EnvironmentConfig, WorkloadConfig } from '@credential-rotation/environment-config';
import { globalRegionOf, partitionOf, resourceName } from '@credential-rotation/environment-config';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { eventRuleArn } from './break-glass-alert-policies';
import type { GuardRule } from './guard-alert-patterns';
import { guardRules } from './guard-alert-patterns';

export interface GuardAlertsProps {
  /** Provider of this workload account (primary region). */
  readonly provider: AwsProvider;
  readonly environment: string;
  readonly config: EnvironmentConfig;
  readonly workload: WorkloadConfig;
  /** Names of the allow-listed roles in this account. */
  readonly roleNames: readonly string[];
  /** ARNs of the account's managed keys. @default - none */
  readonly keyArns?: readonly string[];
  /** The security account's alert bus. */
  readonly alertBusArn: string;
  /** The role EventBridge forwards with (the break-glass forwarder of this account). */
  readonly forwarderRoleArn: string;
  /** The account's rotation alert topic, when it has one. @default - central alerts only */
  readonly localTopicArn?: string;
}

/**
 * Alerts on every attempt at a guarded action in one workload account, allowed or refused, by
 * anyone but the deploy role: to the account's rotation alert topic and to the security account's
 * alert bus, the same path as break-glass use. IAM records its calls in the partition's global
 * region only, so the roles rule also runs there and hands its events to this account's bus in the
 * primary region, where the same rule alerts.
 */
export class GuardAlerts extends Construct {
  /** The rules of the primary region. */
  public readonly rules: readonly CloudwatchEventRule[];

  constructor(scope: Construct, id: string, props: GuardAlertsProps) {
    super(scope, id);
    const { provider, config, workload } = props;
    const rules = guardRules({
      environment: props.environment,
      deployRoleArn: workload.deployRoleArn,
      roleNames: props.roleNames,
      ...(props.keyArns !== undefined ? { keyArns: props.keyArns } : {}),
    });
    const created: CloudwatchEventRule[] = [];
    for (const rule of rules) {
      const primary = this.rule(rule, provider);
      this.target(`${rule.name}-central`, primary, props.alertBusArn, props.forwarderRoleArn);
      if (props.localTopicArn !== undefined) this.target(`${rule.name}-topic`, primary, props.localTopicArn);
      created.push(primary);
      const global = globalRegionOf(partitionOf(config.region));
      if (rule.global && global !== config.region) {
        const relay = this.rule(rule, provider, global);
        this.target(
          `${rule.name}-relay`,
          relay,
          primaryBusArn(config, workload),
          props.forwarderRoleArn,
          global,
        );
      }
    }
    this.rules = created;
  }

  private rule(rule: GuardRule, provider: AwsProvider, region?: string): CloudwatchEventRule {
    return new CloudwatchEventRule(this, region === undefined ? rule.name : `${rule.name}-${region}`, {
      provider,
      ...(region !== undefined ? { region } : {}),
      name: rule.name,
      description: rule.description,
      eventPattern: rule.pattern,
    });
  }

  private target(
    id: string,
    rule: CloudwatchEventRule,
    arn: string,
    roleArn?: string,
    region?: string,
  ): void {
    new CloudwatchEventTarget(this, id, {
      provider: rule.provider,
      ...(region !== undefined ? { region } : {}),
      rule: rule.name,
      arn,
      ...(roleArn !== undefined ? { roleArn } : {}),
      retryPolicy: { maximumEventAgeInSeconds: 86_400, maximumRetryAttempts: 185 },
    });
  }
}

/** The workload account's default bus in the environment's primary region. */
export function primaryBusArn(config: EnvironmentConfig, workload: WorkloadConfig): string {
  return `arn:${partitionOf(config.region)}:events:${config.region}:${workload.accountId}:event-bus/default`;
}

/** ARNs of one account's guard rules (primary region, and the global region for IAM), for the forwarder's trust. */
export function guardRuleArns(
  config: EnvironmentConfig,
  workload: WorkloadConfig,
  environment: string,
  roleNames: readonly string[],
): string[] {
  const partition = partitionOf(config.region);
  const global = globalRegionOf(partition);
  return guardRules({ environment, deployRoleArn: workload.deployRoleArn, roleNames }).flatMap((rule) => [
    eventRuleArn(partition, config.region, workload.accountId, rule.name),
    ...(rule.global && global !== config.region
      ? [eventRuleArn(partition, global, workload.accountId, rule.name)]
      : []),
  ]);
}

/** The name of an account's rotation alert topic (RotationAlarms creates it where there are databases). */
export function rotationAlertTopicArn(
  config: EnvironmentConfig,
  workload: WorkloadConfig,
  environment: string,
) {
  return `arn:${partitionOf(config.region)}:sns:${config.region}:${workload.accountId}:${resourceName(environment, 'rotation-alerts')}`;
}
