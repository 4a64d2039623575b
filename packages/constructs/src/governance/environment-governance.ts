import type { EnvironmentConfig } from '@credential-rotation/environment-config';
import type { WorkloadConfig } from '@credential-rotation/environment-config';
import { GovernanceConfigError, resourceName } from '@credential-rotation/environment-config';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { BreakGlassAlertForwarder } from './break-glass-alert-forwarder';
import { BreakGlassAlerts, forwarderRoleName } from './break-glass-alerts';
import { BreakGlassCentralRole } from './break-glass-central-role';
import { BreakGlassReaderRole } from './break-glass-reader-role';
import { GuardAlerts, guardRuleArns, primaryBusArn, rotationAlertTopicArn } from './guard-alerts';
import { OrganizationGuardrails } from './organization-guardrails';

/** The providers of one environment stack, one per account. */
export interface GovernanceProviders {
  /** Organizations management account: SCPs, RCP and their attachments. */
  readonly management: AwsProvider;
  /** Security account: the central break-glass role and the alerts. */
  readonly security: AwsProvider;
  /** Each workload account's provider, keyed by the workload's `name` in the config. */
  readonly workloads: Readonly<Record<string, AwsProvider>>;
}

export interface EnvironmentGovernanceProps {
  /** Environment name (the folder name under environments/). */
  readonly environment: string;
  /** The validated environment config. */
  readonly config: EnvironmentConfig;
  readonly providers: GovernanceProviders;
  /**
   * Attach the resource control policy on secrets (RCPs must be enabled in the organization).
   * @default true
   */
  readonly resourceControlPolicy?: boolean;
  /**
   * SCPs others already attach to the target OUs, counted against the five-per-target quota.
   * @default 0
   */
  readonly otherScpsPerTarget?: number;
  /**
   * ARNs of each workload account's managed keys (by workload name): changes to them raise an alert.
   * @default - none (the SCP still guards them by tag)
   */
  readonly workloadKeyArns?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Everything governance adds to an environment stack: the OU guardrails, the break-glass
 * chain (central role, a reader role per workload account) and its alerts, and in each workload
 * account the alerts on attempts at guarded actions.
 */
export class EnvironmentGovernance extends Construct {
  public readonly guardrails: OrganizationGuardrails;
  public readonly central: BreakGlassCentralRole;
  public readonly alerts: BreakGlassAlerts;
  /** Reader roles keyed by workload name. */
  public readonly readers: Readonly<Record<string, BreakGlassReaderRole>>;

  constructor(scope: Construct, id: string, props: EnvironmentGovernanceProps) {
    super(scope, id);
    const { config, environment, providers } = props;
    this.central = new BreakGlassCentralRole(this, 'BreakGlassCentral', {
      provider: providers.security,
      environment,
      config,
    });
    this.guardrails = new OrganizationGuardrails(this, 'Guardrails', {
      provider: providers.management,
      environment,
      config,
      breakGlass: this.central,
      resourceControlPolicy: props.resourceControlPolicy,
      otherScpsPerTarget: props.otherScpsPerTarget,
    });
    this.alerts = new BreakGlassAlerts(this, 'BreakGlassAlerts', {
      provider: providers.security,
      environment,
      config,
      central: this.central,
    });
    const readers: Record<string, BreakGlassReaderRole> = {};
    for (const workload of config.accounts.workloads) {
      const provider = providers.workloads[workload.name];
      if (provider === undefined) {
        throw new GovernanceConfigError(
          `${environment}: no provider for workload account "${workload.name}"`,
        );
      }
      const reader = new BreakGlassReaderRole(this, `BreakGlassReader-${workload.name}`, {
        provider,
        environment,
        config,
        workload,
        central: this.central,
      });
      const roleNames = allowListedRoleNames(environment, workload, reader.roleArn);
      const forwarder = new BreakGlassAlertForwarder(this, `BreakGlassAlertForwarder-${workload.name}`, {
        provider,
        environment,
        config,
        workload,
        reader,
        alerts: this.alerts,
        extraRules: {
          ruleArns: guardRuleArns(config, workload, environment, roleNames),
          busArns: [primaryBusArn(config, workload)],
        },
      });
      new GuardAlerts(this, `GuardAlerts-${workload.name}`, {
        provider,
        environment,
        config,
        workload,
        roleNames,
        ...(props.workloadKeyArns?.[workload.name] !== undefined
          ? { keyArns: props.workloadKeyArns[workload.name] }
          : {}),
        alertBusArn: this.alerts.eventBusArn,
        forwarderRoleArn: forwarder.roleArn,
        ...(hasRotation(workload)
          ? { localTopicArn: rotationAlertTopicArn(config, workload, environment) }
          : {}),
      });
      readers[workload.name] = reader;
    }
    this.readers = readers;
  }
}

/** The workload account gets the rotation function, topic and alarms only with databases and a VPC. */
function hasRotation(workload: WorkloadConfig): boolean {
  return workload.databases.length > 0 && workload.vpc !== undefined;
}

/**
 * The allow-listed roles of one account by name (IAM's events carry names, not paths): the
 * application roles, the rotation role, the break-glass reader and forwarder, the deploy role.
 */
function allowListedRoleNames(environment: string, workload: WorkloadConfig, readerArn: string): string[] {
  const nameOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
  return [
    ...workload.databases.flatMap((db) => db.users.map((user) => user.applicationRoleName)),
    ...(hasRotation(workload) ? [resourceName(environment, 'rotation', workload.name)] : []),
    nameOf(readerArn),
    forwarderRoleName(environment),
    nameOf(workload.deployRoleArn),
  ];
}
