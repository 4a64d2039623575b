import type { EnvironmentConfig } from '@credential-rotation/environment-config';
import { GovernanceConfigError } from '@credential-rotation/environment-config';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import type { BreakGlassAlerts } from './break-glass-alerts';
import type { BreakGlassCentralRole } from './break-glass-central-role';
import type { BreakGlassReaderRole } from './break-glass-reader-role';
import type { OrganizationGuardrails } from './organization-guardrails';
import { addOrganizationGovernance } from './organization-governance';
import { addWorkloadGovernance } from './workload-governance';

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
 * Everything governance adds to a single environment stack: the OU guardrails, the break-glass
 * chain (central role, a reader role per workload account) and its alerts, and in each workload
 * account the alerts on attempts at guarded actions. It is {@link OrganizationGovernance} and one
 * {@link WorkloadGovernance} per workload account built in one scope, with the same construct ids
 * (the `stack-per-account` layout uses those two in separate stacks).
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
    const organization = addOrganizationGovernance(this, {
      environment,
      config,
      management: providers.management,
      security: providers.security,
      resourceControlPolicy: props.resourceControlPolicy,
      otherScpsPerTarget: props.otherScpsPerTarget,
    });
    this.central = organization.central;
    this.guardrails = organization.guardrails;
    this.alerts = organization.alerts;
    const readers: Record<string, BreakGlassReaderRole> = {};
    for (const workload of config.accounts.workloads) {
      const provider = providers.workloads[workload.name];
      if (provider === undefined) {
        throw new GovernanceConfigError(
          `${environment}: no provider for workload account "${workload.name}"`,
        );
      }
      const keyArns = props.workloadKeyArns?.[workload.name];
      const parts = addWorkloadGovernance(this, {
        environment,
        config,
        workload,
        provider,
        central: this.central,
        alertBusArn: this.alerts.eventBusArn,
        ...(keyArns !== undefined ? { keyArns } : {}),
      });
      readers[workload.name] = parts.reader;
    }
    this.readers = readers;
  }
}
