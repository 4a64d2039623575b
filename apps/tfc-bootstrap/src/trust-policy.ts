import { TFC_AWS_AUDIENCE, TFC_HOSTNAME } from './constants';

/** The run phase a role serves; `*` serves both (one role for plan and apply). */
export type TfcRunPhase = 'plan' | 'apply' | '*';

const TRUST_STATEMENT_IDS: Readonly<Record<TfcRunPhase, string>> = {
  '*': 'TerraformCloudRunsOfNamedWorkspaces',
  plan: 'TerraformCloudPlansOfNamedWorkspaces',
  apply: 'TerraformCloudAppliesOfNamedWorkspaces',
};

/** A Terraform Cloud workspace whose runs may assume a role. */
export interface TfcSubject {
  readonly organization: string;
  /** Project name as Terraform Cloud shows it. */
  readonly project: string;
  readonly workspace: string;
}

/** Options of {@link tfcTrustPolicy}. */
export interface TfcTrustPolicyOptions {
  /** ARN of the account's IAM OIDC provider for the Terraform Cloud host. */
  readonly oidcProviderArn: string;
  /** Workspaces whose runs may assume the role. */
  readonly subjects: readonly TfcSubject[];
  /**
   * The run phase whose tokens the role accepts: `plan` for a plan role, `apply` for an apply role.
   * @default '*' - both phases (a single run role)
   */
  readonly runPhase?: TfcRunPhase;
  /** @default app.terraform.io */
  readonly hostname?: string;
  /** @default aws.workload.identity */
  readonly audience?: string;
}

/**
 * The trust policy of a run role: only tokens for our audience, issued by the Terraform Cloud host to
 * runs of the named workspaces in the given phase (`organization:<org>:project:<p>:workspace:<ws>:run_phase:<phase>`).
 * No wildcard in organization, project or workspace: another workspace of the same organization
 * must not reach the role. With a phase the subjects are compared exactly (`StringEquals`): a plan
 * token cannot become an apply role, nor an apply token a plan role.
 *
 * @example
 * tfcTrustPolicy({ oidcProviderArn, subjects: [{ organization: 'example-corp', project: 'credential-rotation', workspace: 'credential-rotation-prod' }] });
 */
export function tfcTrustPolicy(options: TfcTrustPolicyOptions): Record<string, unknown> {
  const hostname = options.hostname ?? TFC_HOSTNAME;
  const phase = options.runPhase ?? '*';
  if (options.subjects.length === 0) {
    throw new RangeError('tfcTrustPolicy: subjects must list at least one workspace');
  }
  for (const subject of options.subjects) {
    for (const [field, value] of Object.entries(subject)) {
      if (value === '' || value.includes('*') || value.includes(':')) {
        throw new RangeError(
          `tfcTrustPolicy: subjects.${field} must be a plain name without '*' or ':' (got ${JSON.stringify(value)})`,
        );
      }
    }
  }
  const audience = { [`${hostname}:aud`]: options.audience ?? TFC_AWS_AUDIENCE };
  const subject = {
    [`${hostname}:sub`]: options.subjects.map(
      (s) =>
        `organization:${s.organization}:project:${s.project}:workspace:${s.workspace}:run_phase:${phase}`,
    ),
  };
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: TRUST_STATEMENT_IDS[phase],
        Effect: 'Allow',
        Principal: { Federated: options.oidcProviderArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition:
          phase === '*'
            ? { StringEquals: audience, StringLike: subject }
            : { StringEquals: { ...audience, ...subject } },
      },
    ],
  };
}
