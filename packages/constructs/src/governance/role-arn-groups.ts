import { GovernanceConfigError } from '@credential-rotation/environment-config';

const ROLE_ARN_PARTS = /^arn:([\w-]+):iam::(\d{12}):(role\/.+)$/;

/** Roles that share a partition, path and name, with the accounts that have one. */
export interface RoleArnGroup {
  /** `arn:<partition>:iam::*:role/<path><name>` when several accounts have the role, else its own ARN. */
  readonly pattern: string;
  /** The accounts that have the role, sorted. */
  readonly accountIds: readonly string[];
}

/**
 * Groups role ARNs by partition, path and name, in the order each name first appears: one role
 * name shared by many accounts becomes one account-wildcard pattern, so a policy or event pattern
 * that names it stays the same size however many accounts are added.
 *
 * @param what how an ARN that is not a role ARN is named in the error
 * @example
 * groupRoleArnsByName(['arn:aws:iam::111111111111:role/deploy/d', 'arn:aws:iam::222222222222:role/deploy/d'])
 * // [{ pattern: 'arn:aws:iam::*:role/deploy/d', accountIds: ['111111111111', '222222222222'] }]
 */
export function groupRoleArnsByName(roleArns: readonly string[], what = 'role'): RoleArnGroup[] {
  // `<partition>:<role/path/name>` -> the accounts that have that role.
  const groups = new Map<string, { partition: string; role: string; accounts: Set<string> }>();
  for (const arn of roleArns) {
    const match = ROLE_ARN_PARTS.exec(arn);
    if (match === null)
      throw new GovernanceConfigError(`${what} ${JSON.stringify(arn)} is not an IAM role ARN`);
    const [, partition = '', account = '', role = ''] = match;
    const key = `${partition}:${role}`;
    const group = groups.get(key) ?? { partition, role, accounts: new Set() };
    group.accounts.add(account);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ partition, role, accounts }) => {
    const accountIds = [...accounts].sort();
    return {
      pattern: `arn:${partition}:iam::${accountIds.length === 1 ? accountIds[0] : '*'}:${role}`,
      accountIds,
    };
  });
}

/**
 * Role ARNs with roles that share a partition, path and name across accounts folded into one
 * account wildcard (`arn:aws:iam::*:role/breakglass/reader`); a role alone in its name keeps its ARN.
 * Used where a list of every account would outgrow a size limit as accounts are added, and where
 * the role's path is one only the deploy role may create roles under in the environment's OUs.
 */
export function accountWildcardRoleArns(roleArns: readonly string[]): string[] {
  return groupRoleArnsByName(roleArns).map((group) => group.pattern);
}
