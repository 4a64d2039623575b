import type { EnvironmentConfig, WorkloadConfig } from '@credential-rotation/environment-config';
import { resourceName } from '@credential-rotation/environment-config';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { BreakGlassAlertForwarder } from './break-glass-alert-forwarder';
import { forwarderRoleName } from './break-glass-alerts';
import type { BreakGlassCentralReference } from './break-glass-central-reference';
import { BreakGlassReaderRole } from './break-glass-reader-role';
import { GuardAlerts, guardRuleArns, primaryBusArn, rotationAlertTopicArn } from './guard-alerts';
import { rotatesIn } from '../workload-rotation';

export interface WorkloadGovernanceProps {
  /** Environment name (the folder name under environments/). */
  readonly environment: string;
  /** The validated environment config. */
  readonly config: EnvironmentConfig;
  /** The workload account governed. */
  readonly workload: WorkloadConfig;
  /** Provider of this workload account. */
  readonly provider: AwsProvider;
  /**
   * The central break-glass role the reader trusts: the construct in one stack, or
   * `breakGlassCentralReference(...)` (config-derived, no Terraform reference) from another.
   */
  readonly central: BreakGlassCentralReference;
  /** ARN of the security account's alert bus (known at synth time from the config). */
  readonly alertBusArn: string;
  /**
   * ARNs of the account's managed keys: changes to them raise an alert.
   * @default - none (the SCP still guards them by tag)
   */
  readonly keyArns?: readonly string[];
}

/** What one workload account's governance creates. */
export interface WorkloadGovernanceParts {
  readonly reader: BreakGlassReaderRole;
  readonly forwarder: BreakGlassAlertForwarder;
  readonly guardAlerts: GuardAlerts;
}

/**
 * The governance of one workload account: the break-glass reader role, the forwarder of its
 * AssumeRole events to the security account, and the alerts on attempts at guarded actions. The
 * `stack-per-account` layout puts it in the account's own stack beside its rotation resources.
 */
export class WorkloadGovernance extends Construct implements WorkloadGovernanceParts {
  public readonly reader: BreakGlassReaderRole;
  public readonly forwarder: BreakGlassAlertForwarder;
  public readonly guardAlerts: GuardAlerts;

  constructor(scope: Construct, id: string, props: WorkloadGovernanceProps) {
    super(scope, id);
    const parts = addWorkloadGovernance(this, props);
    this.reader = parts.reader;
    this.forwarder = parts.forwarder;
    this.guardAlerts = parts.guardAlerts;
  }
}

/**
 * Creates one workload account's governance directly in `scope`, with the construct ids
 * EnvironmentGovernance has always used (`BreakGlassReader-<workload>`, ...): ids are resource
 * addresses, and keeping them lets a layout move import each resource at the address it had.
 */
export function addWorkloadGovernance(
  scope: Construct,
  props: WorkloadGovernanceProps,
): WorkloadGovernanceParts {
  const { config, environment, workload, provider } = props;
  const reader = new BreakGlassReaderRole(scope, `BreakGlassReader-${workload.name}`, {
    provider,
    environment,
    config,
    workload,
    central: props.central,
  });
  const roleNames = allowListedRoleNames(environment, workload, reader.roleArn);
  const forwarder = new BreakGlassAlertForwarder(scope, `BreakGlassAlertForwarder-${workload.name}`, {
    provider,
    environment,
    config,
    workload,
    reader,
    alerts: { eventBusArn: props.alertBusArn },
    extraRules: {
      ruleArns: guardRuleArns(config, workload, environment, roleNames),
      busArns: [primaryBusArn(config, workload)],
    },
  });
  const guardAlerts = new GuardAlerts(scope, `GuardAlerts-${workload.name}`, {
    provider,
    environment,
    config,
    workload,
    roleNames,
    ...(props.keyArns !== undefined ? { keyArns: props.keyArns } : {}),
    alertBusArn: props.alertBusArn,
    forwarderRoleArn: forwarder.roleArn,
    ...(rotatesIn(workload) ? { localTopicArn: rotationAlertTopicArn(config, workload, environment) } : {}),
  });
  return { reader, forwarder, guardAlerts };
}

/**
 * The allow-listed roles of one account by name (IAM's events carry names, not paths): the
 * application roles, the rotation role, the break-glass reader and forwarder, the deploy role.
 */
function allowListedRoleNames(environment: string, workload: WorkloadConfig, readerArn: string): string[] {
  const nameOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
  return [
    ...workload.databases.flatMap((db) => db.users.map((user) => user.applicationRoleName)),
    ...(rotatesIn(workload) ? [resourceName(environment, 'rotation', workload.name)] : []),
    nameOf(readerArn),
    forwarderRoleName(environment),
    nameOf(workload.deployRoleArn),
  ];
}
