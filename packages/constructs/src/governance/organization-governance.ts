import type { EnvironmentConfig } from '@credential-rotation/environment-config';
import { partitionOf } from '@credential-rotation/environment-config';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { SecurityAuditRole } from '../security-audit-role';
import { BreakGlassAlerts } from './break-glass-alerts';
import { BreakGlassCentralRole } from './break-glass-central-role';
import { OrganizationGuardAlerts } from './organization-guard-alerts';
import { OrganizationGuardrails } from './organization-guardrails';

export interface OrganizationGovernanceProps {
  /** Environment name (the folder name under environments/). */
  readonly environment: string;
  /** The validated environment config. */
  readonly config: EnvironmentConfig;
  /** Organizations management account: SCPs, RCP and their attachments. */
  readonly management: AwsProvider;
  /** Security account: the central break-glass role and the alerts. */
  readonly security: AwsProvider;
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

/** What the organization-level governance creates; the workload part names parts of it. */
export interface OrganizationGovernanceParts {
  readonly guardrails: OrganizationGuardrails;
  readonly central: BreakGlassCentralRole;
  readonly alerts: BreakGlassAlerts;
}

/**
 * The organization-level half of an environment's governance: the OU guardrails and the alerts on
 * changes to them (management account), the central break-glass role and the break-glass alerts
 * (security account). The
 * `stack-per-account` layout puts it alone in the environment's organization stack; the workload
 * accounts' half is {@link WorkloadGovernance}.
 */
export class OrganizationGovernance extends Construct implements OrganizationGovernanceParts {
  public readonly guardrails: OrganizationGuardrails;
  public readonly central: BreakGlassCentralRole;
  public readonly alerts: BreakGlassAlerts;

  constructor(scope: Construct, id: string, props: OrganizationGovernanceProps) {
    super(scope, id);
    const parts = addOrganizationGovernance(this, props);
    this.guardrails = parts.guardrails;
    this.central = parts.central;
    this.alerts = parts.alerts;
  }
}

/**
 * Creates the organization-level governance directly in `scope`, with the construct ids
 * EnvironmentGovernance has always used (`BreakGlassCentral`, `Guardrails`, `BreakGlassAlerts`):
 * ids are resource addresses, so both layouts share this one builder and keep them.
 */
export function addOrganizationGovernance(
  scope: Construct,
  props: OrganizationGovernanceProps,
): OrganizationGovernanceParts {
  const { config, environment } = props;
  const central = new BreakGlassCentralRole(scope, 'BreakGlassCentral', {
    provider: props.security,
    environment,
    config,
  });
  const guardrails = new OrganizationGuardrails(scope, 'Guardrails', {
    provider: props.management,
    environment,
    config,
    breakGlass: central,
    resourceControlPolicy: props.resourceControlPolicy,
    otherScpsPerTarget: props.otherScpsPerTarget,
  });
  const alerts = new BreakGlassAlerts(scope, 'BreakGlassAlerts', {
    provider: props.security,
    environment,
    config,
    central,
  });
  // The management account is outside every SCP: changes to the OUs and policies there are alerted.
  new OrganizationGuardAlerts(scope, 'OrganizationGuardAlerts', {
    provider: props.management,
    environment,
    config,
    policyIds: [
      ...Object.values(guardrails.serviceControlPolicies).map((policy) => policy.id),
      ...(guardrails.resourceControlPolicy !== undefined ? [guardrails.resourceControlPolicy.id] : []),
    ],
    alertBusArn: alerts.eventBusArn,
  });
  if (config.audit !== undefined) {
    // The rotation report looks up who assumed the central role in the security account's CloudTrail.
    new SecurityAuditRole(scope, 'SecurityAudit', {
      provider: props.security,
      environment,
      partition: partitionOf(config.region),
      securityAccountId: config.accounts.security.accountId,
      organizationId: config.organization.organizationId,
      auditorPrincipalArns: config.audit.auditorPrincipalArns,
    });
  }
  return { guardrails, central, alerts };
}
