/**
 * The read-only audit role the stack creates in each workload account: the stack and this report
 * both name it with environment-config's `auditRoleArn`, so they agree.
 */
export { auditRoleArn } from '@credential-rotation/environment-config';

/**
 * Expands a `--role` template: `{accountId}`, `{partition}` and `{env}` are replaced.
 *
 * @example roleFromTemplate('arn:{partition}:iam::{accountId}:role/OrgAudit', 'aws', '1234...', 'prod')
 */
export function roleFromTemplate(
  template: string,
  partition: string,
  accountId: string,
  environment: string,
): string {
  return template
    .replaceAll('{accountId}', accountId)
    .replaceAll('{partition}', partition)
    .replaceAll('{env}', environment);
}
