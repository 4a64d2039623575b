import type { EnvironmentConfig } from '@credential-rotation/environment-config';
import { GovernanceConfigError } from '@credential-rotation/environment-config';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { BreakGlassAlertForwarder } from './break-glass-alert-forwarder';
import { BreakGlassAlerts } from './break-glass-alerts';
import { BreakGlassCentralRole } from './break-glass-central-role';
import { BreakGlassReaderRole } from './break-glass-reader-role';
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
}

/**
 * Everything governance adds to an environment stack: the OU guardrails, the break-glass
 * chain (central role, a reader role per workload account) and its alerts.
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
      new BreakGlassAlertForwarder(this, `BreakGlassAlertForwarder-${workload.name}`, {
        provider,
        environment,
        config,
        workload,
        reader,
        alerts: this.alerts,
      });
      readers[workload.name] = reader;
    }
    this.readers = readers;
  }
}
