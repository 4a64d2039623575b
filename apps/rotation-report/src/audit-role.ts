/**
 * The read-only audit role the stack creates in each workload account (and the security
 * account): List/Describe of secrets, rotation function logs, CloudTrail look-ups; no value
 * read, no decrypt. The stack and this report both name it through this function, so they agree.
 *
 * @example auditRoleArn('aws', '666666666666', 'prod') // 'arn:aws:iam::666666666666:role/audit/prod-rotation-audit'
 */
export function auditRoleArn(partition: string, accountId: string, environment: string): string {
  return `arn:${partition}:iam::${accountId}:role/audit/${environment}-rotation-audit`;
}

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
