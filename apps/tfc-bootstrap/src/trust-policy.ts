import { TFC_AWS_AUDIENCE, TFC_HOSTNAME } from './constants';

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
  /** Workspaces whose runs (plan and apply phases) may assume the role. */
  readonly subjects: readonly TfcSubject[];
  /** @default app.terraform.io */
  readonly hostname?: string;
  /** @default aws.workload.identity */
  readonly audience?: string;
}

/**
 * The trust policy of a run role: only tokens for our audience, issued by the Terraform Cloud host to
 * runs of the named workspaces (`organization:<org>:project:<p>:workspace:<ws>:run_phase:*`).
 * No wildcard in organization, project or workspace: another workspace of the same organization
 * must not reach the role.
 *
 * @example
 * tfcTrustPolicy({ oidcProviderArn, subjects: [{ organization: 'example-corp', project: 'credential-rotation', workspace: 'credential-rotation-prod' }] });
 */
export function tfcTrustPolicy(options: TfcTrustPolicyOptions): Record<string, unknown> {
  const hostname = options.hostname ?? TFC_HOSTNAME;
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
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'TerraformCloudRunsOfNamedWorkspaces',
        Effect: 'Allow',
        Principal: { Federated: options.oidcProviderArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { [`${hostname}:aud`]: options.audience ?? TFC_AWS_AUDIENCE },
          StringLike: {
            [`${hostname}:sub`]: options.subjects.map(
              (subject) =>
                `organization:${subject.organization}:project:${subject.project}:workspace:${subject.workspace}:run_phase:*`,
            ),
          },
        },
      },
    ],
  };
}
