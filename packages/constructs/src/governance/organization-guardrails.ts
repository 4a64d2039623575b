import type { EnvironmentConfig } from '@credential-rotation/environment-config';
import {
  assertAllowListPaths,
  GovernanceConfigError,
  assertScpBudget,
  MANAGED_BY,
  partitionOf,
  resourceName,
  ROLE_PATHS,
  TAG_KEYS,
} from '@credential-rotation/environment-config';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import type { BreakGlassCentralRole } from './break-glass-central-role';
import type { GuardrailPolicyInputs } from './guardrail-policies';
import {
  DEFAULT_PROTECTED_TAG_KEYS,
  deployRolePrincipals,
  protectedRoleGuardrail,
  secretChangeGuardrail,
  secretReadGuardrail,
  secretsOrganizationBoundary,
} from './guardrail-policies';
import { OuMembershipCheck } from './ou-membership-check';
import { policyJson } from './policy-json';

export interface OrganizationGuardrailsProps {
  /** Provider of the Organizations management account. */
  readonly provider: AwsProvider;
  /** Environment name: prefixes every policy name, so two environments never share a policy. */
  readonly environment: string;
  /** The validated environment config (deploy roles, organization id, target OUs). */
  readonly config: EnvironmentConfig;
  /** The central break-glass role: the only principal allowed to assume the reader roles. */
  readonly breakGlass: BreakGlassCentralRole;
  /**
   * Also attach a resource control policy that denies secrets to principals outside the organization.
   * RCPs must be enabled in the organization first.
   * @default true
   */
  readonly resourceControlPolicy?: boolean;
  /**
   * SCPs already attached to the target OUs by others, counted against AWS's five-per-target quota.
   * @default 0
   */
  readonly otherScpsPerTarget?: number;
}

/**
 * The environment's service control policies (and resource control policy) on its OUs:
 * values readable by allow-listed principals only; managed secrets, master passwords and keys
 * changeable by the deploy role (and the rotation role for values); and the guarded set (every
 * allow-listed role, the rotation functions, the alert path) changeable by the deploy role only.
 * Every plan also checks the OUs hold what these policies assume ({@link OuMembershipCheck}).
 */
export class OrganizationGuardrails extends Construct {
  /** The SCPs by purpose, as created in the management account. */
  public readonly serviceControlPolicies: Readonly<Record<'read' | 'change' | 'roles', OrganizationsPolicy>>;
  /** The RCP, when enabled. */
  public readonly resourceControlPolicy?: OrganizationsPolicy;

  constructor(scope: Construct, id: string, props: OrganizationGuardrailsProps) {
    super(scope, id);
    const { config, environment } = props;
    // The allow-list exempts these paths from the read guardrail: `/` or a wildcard would exempt everyone.
    assertAllowListPaths(Object.values(ROLE_PATHS), 'ROLE_PATHS');
    // The management account's deploy role is left out: SCPs do not apply to that account.
    const deployRoles = deployRolePrincipals([
      config.accounts.security.deployRoleArn,
      ...config.accounts.workloads.map((workload) => workload.deployRoleArn),
    ]);
    const inputs: GuardrailPolicyInputs = {
      partition: partitionOf(config.region),
      deployRoles,
      breakGlassReaderRoleName: props.breakGlass.readerRoleName,
      breakGlassCentralRoleArn: props.breakGlass.roleArn,
      managedByTag: { key: TAG_KEYS.managedBy, value: MANAGED_BY },
      protectedTagKeys: DEFAULT_PROTECTED_TAG_KEYS,
      organizationId: config.organization.organizationId,
      environment,
      dedicatedOus: config.organization.dedicatedOus,
      ...(config.terraformCloud?.awsCredentials.mode === 'entry-role'
        ? { deployRoleAssumers: [config.terraformCloud.awsCredentials.roleArn] }
        : {}),
    };
    const scps = [
      {
        key: 'read',
        id: 'SecretReadGuardrail',
        name: 'secrets-read-guard',
        doc: secretReadGuardrail(inputs),
      },
      {
        key: 'change',
        id: 'SecretChangeGuardrail',
        name: 'secrets-change-guard',
        doc: secretChangeGuardrail(inputs),
      },
      {
        key: 'roles',
        id: 'ProtectedRoleGuardrail',
        name: 'secrets-role-guard',
        doc: protectedRoleGuardrail(inputs),
      },
    ] as const;
    const documents = scps.map((scp) => ({
      name: resourceName(environment, scp.name),
      document: policyJson(scp.doc),
    }));
    // Fails synth rather than apply: the quota is checked by AWS only when Terraform attaches.
    try {
      assertScpBudget(documents, props.otherScpsPerTarget ?? 0);
    } catch (error) {
      throw pinHint(error, config);
    }
    new OuMembershipCheck(this, 'OuMembership', { provider: props.provider, environment, config });

    const created: Partial<Record<'read' | 'change' | 'roles', OrganizationsPolicy>> = {};
    scps.forEach((scp, index) => {
      const { name, document } = documents[index] as { name: string; document: string };
      created[scp.key] = this.policy(props, scp.id, name, document, 'SERVICE_CONTROL_POLICY');
    });
    this.serviceControlPolicies = created as Record<'read' | 'change' | 'roles', OrganizationsPolicy>;

    if (props.resourceControlPolicy ?? true) {
      const name = resourceName(environment, 'secrets-org-boundary');
      const document = policyJson(secretsOrganizationBoundary(inputs));
      assertScpBudget([{ name, document }]);
      this.resourceControlPolicy = this.policy(
        props,
        'SecretsOrganizationBoundary',
        name,
        document,
        'RESOURCE_CONTROL_POLICY',
      );
    }
  }

  private policy(
    { provider, environment, config }: OrganizationGuardrailsProps,
    id: string,
    name: string,
    content: string,
    type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY',
  ): OrganizationsPolicy {
    const policy = new OrganizationsPolicy(this, id, {
      provider,
      name,
      type,
      description: `Secrets governance of the ${environment} environment (managed by ${MANAGED_BY})`,
      content,
    });
    config.organization.targetOuIds.forEach((ouId) => {
      new OrganizationsPolicyAttachment(this, `${id}-${ouId}`, {
        provider,
        policyId: policy.id,
        targetId: ouId,
      });
    });
    return policy;
  }
}

/**
 * The role guard pins the deploy role name to a list of every account id, which passes the size
 * limit first as accounts are added: say so, and what to do, where the limit is hit.
 */
function pinHint(error: unknown, config: EnvironmentConfig): unknown {
  if (!(error instanceof GovernanceConfigError) || config.organization.dedicatedOus) return error;
  if (!/secrets-role-guard is \d+ characters/.test(error.message)) return error;
  return new GovernanceConfigError(
    `${error.message}. With ${config.accounts.workloads.length} workload accounts, most of it is the account ids that pin the deploy role name (DenyDeployRoleNameInOtherAccounts). ` +
      "If the target OUs hold only this environment's accounts, set organization.dedicatedOus: true (no pin; every plan checks the OUs instead); otherwise split the accounts across environments (docs/infra/layouts.md)",
    { cause: error },
  );
}
