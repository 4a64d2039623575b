import type { EnvironmentConfig, WorkloadConfig } from '@credential-rotation/environment-config';
import { partitionOf, resourceName } from '@credential-rotation/environment-config';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import {
  ALL_MANAGEMENT_EVENTS_STATE,
  assumeRoleEventPattern,
  eventRuleArn,
} from './break-glass-alert-policies';
import type { BreakGlassAlerts } from './break-glass-alerts';
import { forwarderRoleArn } from './break-glass-alerts';
import type { BreakGlassReaderRole } from './break-glass-reader-role';
import { addForwarderRole } from './forwarder-role';

export interface BreakGlassAlertForwarderProps {
  /** Provider of this workload account. */
  readonly provider: AwsProvider;
  readonly environment: string;
  readonly config: EnvironmentConfig;
  /** The workload account whose reader role is watched. */
  readonly workload: WorkloadConfig;
  /** The reader role in this account. */
  readonly reader: BreakGlassReaderRole;
  /** The security account's alerts (or just their bus ARN, from another stack), whose bus receives the events. */
  readonly alerts: Pick<BreakGlassAlerts, 'eventBusArn'>;
  /**
   * Other rules of this account that forward through the same role (the guard rules), and the
   * buses they deliver to besides the alert bus.
   * @default - none
   */
  readonly extraRules?: { readonly ruleArns: readonly string[]; readonly busArns: readonly string[] };
}

/**
 * CloudTrail records an AssumeRole of the reader role in the workload account that owns it,
 * so each workload account forwards those events to the security account's alert bus.
 */
export class BreakGlassAlertForwarder extends Construct {
  public readonly rule: CloudwatchEventRule;
  /** The role EventBridge forwards with; its ARN is known at synth time. */
  public readonly roleArn: string;

  constructor(scope: Construct, id: string, props: BreakGlassAlertForwarderProps) {
    super(scope, id);
    const { config, environment, provider, workload } = props;
    const partition = partitionOf(config.region);
    const ruleName = resourceName(environment, 'breakglass-reader-assume-role');

    const role = addForwarderRole(this, 'Role', {
      provider,
      environment,
      accountId: workload.accountId,
      description: `Forwards ${environment} break-glass AssumeRole events to the security account`,
      ruleArns: [
        eventRuleArn(partition, config.region, workload.accountId, ruleName),
        ...(props.extraRules?.ruleArns ?? []),
      ],
      busArns: [props.alerts.eventBusArn, ...(props.extraRules?.busArns ?? [])],
    });
    this.roleArn = forwarderRoleArn(partition, workload.accountId, environment);

    this.rule = new CloudwatchEventRule(this, 'Rule', {
      provider,
      name: ruleName,
      description: 'Break-glass reader AssumeRole: forwarded to the security account',
      eventPattern: assumeRoleEventPattern([props.reader.roleArn]),
      state: ALL_MANAGEMENT_EVENTS_STATE,
    });
    new CloudwatchEventTarget(this, 'Target', {
      provider,
      rule: this.rule.name,
      arn: props.alerts.eventBusArn,
      roleArn: role.arn,
    });
  }
}
