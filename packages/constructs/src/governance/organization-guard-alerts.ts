import type { EnvironmentConfig } from '@credential-rotation/environment-config';
import { globalRegionOf, partitionOf } from '@credential-rotation/environment-config';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { eventRuleArn } from './break-glass-alert-policies';
import { addForwarderRole } from './forwarder-role';
import { organizationGuardRule } from './guard-alert-patterns';

export interface OrganizationGuardAlertsProps {
  /** Provider of the Organizations management account. */
  readonly provider: AwsProvider;
  readonly environment: string;
  readonly config: EnvironmentConfig;
  /** Ids of the environment's SCPs and RCP. */
  readonly policyIds: readonly string[];
  /** The security account's alert bus. */
  readonly alertBusArn: string;
}

/**
 * Alerts on every attempt at changing what the guardrails stand on, in the management account,
 * where no SCP applies: accounts moved into or out of the environment's OUs, OUs created or
 * changed under them, policies detached from them, the environment's policies changed or deleted,
 * a policy type turned off. Organizations records its calls in the partition's global region, so
 * the rule runs there and forwards to the security account's alert bus, where the guard-attempts
 * rule publishes to the break-glass topic. The deploy role's own changes are not alerted.
 */
export class OrganizationGuardAlerts extends Construct {
  public readonly rule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: OrganizationGuardAlertsProps) {
    super(scope, id);
    const { provider, config, environment } = props;
    const partition = partitionOf(config.region);
    const region = globalRegionOf(partition);
    const management = config.accounts.management;
    const guard = organizationGuardRule({
      environment,
      deployRoleArn: management.deployRoleArn,
      targetOuIds: config.organization.targetOuIds,
      policyIds: props.policyIds,
    });
    const role = addForwarderRole(this, 'Forwarder', {
      provider,
      environment,
      accountId: management.accountId,
      description: `Forwards ${environment} organization guard events to the security account`,
      ruleArns: [eventRuleArn(partition, region, management.accountId, guard.name)],
      busArns: [props.alertBusArn],
    });
    this.rule = new CloudwatchEventRule(this, 'Rule', {
      provider,
      region,
      name: guard.name,
      description: guard.description,
      eventPattern: guard.pattern,
    });
    new CloudwatchEventTarget(this, 'Target', {
      provider,
      region,
      rule: this.rule.name,
      arn: props.alertBusArn,
      roleArn: role.arn,
      retryPolicy: { maximumEventAgeInSeconds: 86_400, maximumRetryAttempts: 185 },
    });
  }
}
