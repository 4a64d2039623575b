import type { PolicyDocument } from '../policy';
import { minify } from '../policy';

/**
 * A policy as it goes into cdk.tf.json: minified, with IAM policy variables such as
 * `${aws:username}` escaped to `$${...}`. Terraform reads every JSON string as a template and
 * would otherwise try to interpolate them; it writes `${...}` back when it sends the policy.
 *
 * @example assumeRolePolicy: policyJson(centralRoleTrustPolicy(inputs))
 */
export function policyJson(document: PolicyDocument): string {
  return escapeIamPolicyVariables(minify(document));
}

/** `${aws:username}` -> `$${aws:username}`; Terraform references (`${aws_iam_role.x.arn}`) have no colon and stay. */
export function escapeIamPolicyVariables(json: string): string {
  return json.replace(/\$\{(?=[a-z0-9-]+:)/gi, '$$${');
}
